import Dispatch

/// Reads lines and maps each batch of them on another thread while the caller's thread reads the next and
/// visits the batches already mapped, in order. Batches are mapped side by side on every core with no wait
/// between them, and at most a few are in flight, so memory stays bounded whatever the log's size.
enum BatchPipeline {
    /// The outputs of one batch, filled in by its worker and waited for by the caller. Safe to send: the
    /// worker writes `outputs` once, before it signals; the caller reads it only after waiting for that signal.
    final class Mapped<Output: Sendable>: @unchecked Sendable {
        let batch: LineBatch
        private var outputs: [Output] = []
        private let done = DispatchSemaphore(value: 0)

        init(_ batch: LineBatch) { self.batch = batch }

        func fill(_ outputs: [Output]) {
            self.outputs = outputs
            done.signal()
        }

        func wait() -> [Output] {
            done.wait()
            return outputs
        }
    }

    /// Calls `visit`, on the calling thread, with each batch `read` gives and `transform` of its lines (each
    /// line and its number), in order; `visit` returns false to stop. Returns what `read` returned, nil when
    /// stopped early, or throws what `read` or `visit` threw. `read` runs on the calling thread too, calling
    /// `emit` with each batch and stopping when it returns false.
    static func run<Output: Sendable, End>(
        read: (_ emit: (LineBatch) -> Bool) throws -> End,
        transform: @escaping @Sendable (UnsafeRawBufferPointer, Int) -> Output,
        visit: (LineBatch, [Output]) throws -> Bool
    ) throws -> End? {
        // `emit` visits the batches mapped so far; `read` calls it, and never keeps it.
        try withoutActuallyEscaping(visit) { visit in try run(read: read, transform: transform, escapingVisit: visit) }
    }

    private static func run<Output: Sendable, End>(
        read: (_ emit: (LineBatch) -> Bool) throws -> End,
        transform: @escaping @Sendable (UnsafeRawBufferPointer, Int) -> Output,
        escapingVisit visit: @escaping (LineBatch, [Output]) throws -> Bool
    ) throws -> End? {
        let inFlight = ParallelMapping.workers + 1
        var pending: [Mapped<Output>] = []
        var stopped = false
        var visitError: (any Error)? = nil
        func visitOldest() {
            let oldest = pending.removeFirst()
            let outputs = oldest.wait()
            guard !stopped else { return }
            do {
                if !(try visit(oldest.batch, outputs)) { stopped = true }
            } catch {
                visitError = error
                stopped = true
            }
        }
        let end: End
        do {
            defer { while !pending.isEmpty { _ = pending.removeFirst().wait() } }
            end = try read { batch in
                let mapped = Mapped<Output>(batch)
                pending.append(mapped)
                DispatchQueue.global().async {
                    // A plain loop: `map` over a range, where this function is not specialized, asks the runtime
                    // for tuple metadata on every line (a locked table both threads contend for).
                    var outputs: [Output] = []
                    outputs.reserveCapacity(batch.count)
                    var index = 0
                    while index < batch.count {
                        outputs.append(transform(batch[index], batch.firstNumber + index))
                        index += 1
                    }
                    mapped.fill(outputs)
                }
                while pending.count > inFlight { visitOldest() }
                return !stopped
            }
            while !pending.isEmpty && !stopped { visitOldest() }
        }
        if let visitError { throw visitError }
        return stopped ? nil : end
    }
}
