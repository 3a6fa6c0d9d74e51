import Dispatch
import Synchronization

/// Reads and decodes the log on other threads while the caller's thread visits the events already decoded:
/// a producer reads batch after batch and decodes each on every core, handing them over through a queue of
/// at most two batches; the caller visits them in seq order. Reading, decoding and visiting overlap, and
/// memory stays bounded whatever the log's size.
enum DecodingPipeline {
    /// What the producer hands over.
    enum Item: Sendable {
        case batch(LineBatch, [Result<Event, EventDecodingError>])
        case end(ReadEnd)
        case failure(any Error)
    }

    /// Calls `visit` with each decoded batch of `store` from `position`, in order, on the calling thread;
    /// `visit` returns false to stop. Returns how the read ended, or throws what reading or `visit` threw.
    static func run(_ store: any EventStore, from position: LogPosition,
                    _ visit: (LineBatch, [Result<Event, EventDecodingError>]) throws -> Bool) throws -> ReadEnd {
        let channel = Channel(capacity: 2)
        DispatchQueue.global().async {
            do {
                let end = try store.readBatches(from: position) { batch in
                    guard !channel.isClosed else { return false }
                    channel.put(.batch(batch, ParallelDecoding.events(in: batch)))
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
            // ends, so it is done with the store when this returns.
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
            case .batch(let batch, let events):
                if !(try visit(batch, events)) { return ReadEnd(lines: batch.firstNumber + batch.count - 1, skippedIncompleteTail: false) }
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
    final class Channel: Sendable {
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
