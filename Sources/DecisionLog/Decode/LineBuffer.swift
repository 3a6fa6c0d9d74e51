import Synchronization

/// Bytes read from a log file, owned by one batch: written once by the reader, read-only afterwards, freed
/// with the last batch that holds them.
final class LineBuffer: @unchecked Sendable {
    // Safe to share: the reader fills the bytes before any batch holding them exists, and nothing writes
    // them afterwards; readers on any thread only read.
    let bytes: UnsafeMutableRawBufferPointer

    /// A buffer of `BatchReader.chunkSize` bytes, reusing one a finished batch gave back (fresh memory costs
    /// a page fault per page).
    init() { bytes = LineBuffer.spare.withLock { $0.popLast() } ?? .allocate(byteCount: BatchReader.chunkSize, alignment: 16) }

    deinit {
        let kept = LineBuffer.spare.withLock { spare in
            guard spare.count < 4 else { return false }
            spare.append(bytes)
            return true
        }
        if !kept { bytes.deallocate() }
    }

    /// Buffers given back, for the next batches to reuse.
    private static let spare = Mutex<[UnsafeMutableRawBufferPointer]>([])
}
