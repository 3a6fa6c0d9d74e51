import Dispatch

/// Decodes a batch of stored lines into events on every core: each worker takes one contiguous share of the
/// lines and writes only its own slots of the result, which is then read in seq order.
enum ParallelDecoding {
    /// How many workers decode at once.
    static let workers = min(8, ProcessFacts.processorCount)

    /// Each line of `batch` decoded, in order.
    static func events(in batch: LineBatch) -> [Result<Event, EventDecodingError>] {
        let count = batch.count
        guard workers > 1, count >= 64 else { return (0..<count).map { decode(batch[$0]) } }
        return Array(unsafeUninitializedCapacity: count) { buffer, initialized in
            let output = DisjointOutput(base: buffer.baseAddress!)
            let input = SharedBatch(batch: batch)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let share = (count + workers - 1) / workers
                for index in (worker * share)..<min(count, (worker + 1) * share) {
                    (output.base + index).initialize(to: decode(input.batch[index]))
                }
            }
            initialized = count
        }
    }

    private static func decode(_ line: UnsafeRawBufferPointer) -> Result<Event, EventDecodingError> {
        do throws(EventDecodingError) { return .success(try Event(line: line)) } catch { return .failure(error) }
    }
}

/// The result buffer, shared by the workers. Safe to send: each worker initializes a disjoint range of slots,
/// and the buffer is read only after `concurrentPerform` has returned, which orders every write before it.
private struct DisjointOutput: @unchecked Sendable {
    let base: UnsafeMutablePointer<Result<Event, EventDecodingError>>
}

/// The batch being decoded, shared by the workers. Safe to send: the workers only read it, and it outlives
/// `concurrentPerform`, which returns before the caller's buffer is released.
private struct SharedBatch: @unchecked Sendable {
    let batch: LineBatch
}
