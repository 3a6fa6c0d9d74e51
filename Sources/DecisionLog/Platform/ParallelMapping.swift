import Dispatch

/// Runs a function over the indices of a collection on every core: the indices are cut into contiguous
/// shares, each worker takes share after share and writes only its slots of the result, which is then read
/// in order.
enum ParallelMapping {
    /// How many workers run at once.
    static let workers = min(8, ProcessFacts.processorCount)

    /// `transform` of each index below `count`, in order. `makeTransform` is called once a share, so a share
    /// can keep state that is not `Sendable` (a schema registry's compiled schemas) to itself. Runs on the
    /// calling thread alone when there are fewer than `minimum` indices.
    static func map<Output>(count: Int, minimum: Int = 64, _ makeTransform: @escaping @Sendable () -> (Int) -> Output) -> [Output] {
        guard workers > 1, count >= minimum else { return (0..<count).map(makeTransform()) }
        // More shares than workers, so that a worker slowed by another thread takes fewer of them.
        let shares = workers * 4
        return Array(unsafeUninitializedCapacity: count) { buffer, initialized in
            let output = DisjointOutput(base: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: shares) { share in
                let transform = makeTransform()
                let size = (count + shares - 1) / shares
                for index in min(count, share * size)..<min(count, (share + 1) * size) {
                    (output.base + index).initialize(to: transform(index))
                }
            }
            initialized = count
        }
    }
}

/// The result buffer, shared by the workers. Safe to send: each share initializes a disjoint range of slots,
/// and the buffer is read only after `concurrentPerform` has returned, which orders every write before it.
private struct DisjointOutput<Output>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Output>
}
