import Dispatch

/// Runs a per-line function over a batch of stored lines on every core: each worker takes one contiguous
/// share of the lines and writes only its own slots of the result, which is then read in order.
enum ParallelMapping {
    /// How many workers run at once.
    static let workers = min(8, ProcessFacts.processorCount)

    /// `transform` of each line of `batch`, in order.
    static func map<Output: Sendable>(_ batch: LineBatch, _ transform: @escaping @Sendable (UnsafeRawBufferPointer, Int) -> Output) -> [Output] {
        let count = batch.count
        guard workers > 1, count >= 64 else { return (0..<count).map { transform(batch[$0], batch.firstNumber + $0) } }
        return Array(unsafeUninitializedCapacity: count) { buffer, initialized in
            let output = DisjointOutput(base: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let share = (count + workers - 1) / workers
                for index in (worker * share)..<min(count, (worker + 1) * share) {
                    (output.base + index).initialize(to: transform(batch[index], batch.firstNumber + index))
                }
            }
            initialized = count
        }
    }
}

/// The result buffer, shared by the workers. Safe to send: each worker initializes a disjoint range of slots,
/// and the buffer is read only after `concurrentPerform` has returned, which orders every write before it.
private struct DisjointOutput<Output>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Output>
}
