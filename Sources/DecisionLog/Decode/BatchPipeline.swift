import Dispatch
import Synchronization

/// Reads lines and runs a per-line function over them on other threads while the caller's thread visits
/// the results already made: a producer reads batch after batch and maps each on every core, handing them
/// over through a queue of at most two batches; the caller visits them in order. Reading, mapping and
/// visiting overlap, and memory stays bounded whatever the log's size.
enum BatchPipeline {
    /// What the producer hands over.
    enum Item<Output: Sendable, End: Sendable>: Sendable {
        case batch(LineBatch, [Output])
        case end(End)
        case failure(any Error)
    }

    /// Calls `visit`, on the calling thread, with each batch `read` gives and `transform` of its lines (each
    /// line and its number); `visit` returns false to stop. Returns what `read` returned, nil when stopped
    /// early, or throws what `read` or `visit` threw. `read` runs on another thread, calling `emit` with each
    /// batch and stopping when it returns false.
    static func run<Output: Sendable, End: Sendable>(
        read: @escaping @Sendable (_ emit: (LineBatch) -> Bool) throws -> End,
        transform: @escaping @Sendable (UnsafeRawBufferPointer, Int) -> Output,
        visit: (LineBatch, [Output]) throws -> Bool
    ) throws -> End? {
        let channel = Channel<Item<Output, End>>(capacity: 2)
        DispatchQueue.global().async {
            do {
                let end = try read { batch in
                    guard !channel.isClosed else { return false }
                    channel.put(.batch(batch, ParallelMapping.map(batch, transform)))
                    return true
                }
                channel.put(.end(end))
            } catch {
                channel.put(.failure(error))
            }
        }
        var finished = false
        defer {
            // Stopped early (or `visit` threw): tell the producer, and take what it still hands over until it
            // ends, so it is done with what it reads when this returns.
            if !finished {
                channel.close()
                drain: while true {
                    switch channel.take() {
                    case .batch: continue
                    case .end, .failure: break drain
                    }
                }
            }
        }
        while true {
            switch channel.take() {
            case .batch(let batch, let outputs):
                if !(try visit(batch, outputs)) { return nil }
            case .end(let end):
                finished = true
                return end
            case .failure(let error):
                finished = true
                throw error
            }
        }
    }

    /// A bounded queue from one producer thread to one consumer thread. Every `put` is matched by a `take`
    /// (the consumer drains to the end), so its semaphores end as they started.
    final class Channel<Item: Sendable>: Sendable {
        private let queue = Mutex<[Item]>([])
        private let closed = Atomic<Bool>(false)
        private let items = DispatchSemaphore(value: 0)
        private let slots: DispatchSemaphore

        init(capacity: Int) { slots = DispatchSemaphore(value: capacity) }

        /// Whether the consumer has stopped reading.
        var isClosed: Bool { closed.load(ordering: .acquiring) }

        /// Tells the producer to stop.
        func close() { closed.store(true, ordering: .releasing) }

        /// Adds `item`, waiting while the queue is full.
        func put(_ item: Item) {
            slots.wait()
            queue.withLock { $0.append(item) }
            items.signal()
        }

        /// The oldest item, waiting until there is one.
        func take() -> Item {
            items.wait()
            let item = queue.withLock { $0.removeFirst() }
            slots.signal()
            return item
        }
    }
}
