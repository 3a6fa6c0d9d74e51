import Synchronization

/// How a scan of a log file ended.
public struct ScanEnd: Sendable, Equatable {
    /// Complete (newline-terminated) lines visited.
    public let lines: Int
    /// Byte length of the complete lines: where the next line starts.
    public let completeLength: Int64
    /// Bytes after the last newline: an incomplete final line (an interrupted write), or 0.
    public let incompleteTailLength: Int
    /// True when the visitor asked to stop before the end.
    public let stoppedEarly: Bool
}

/// A line longer than `EventLine.maximumLength`: not something the log writes.
public struct OverlongLine: Error, Sendable, Equatable {
    /// The 1-based number of the line.
    public let lineNumber: Int
    /// Its byte offset in the file.
    public let offset: Int64
}

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

/// Complete lines of a log file read in one go: the bytes, where each line lies in them, and where they lie
/// in the file. A batch owns its bytes, so it can be handed to another thread and kept while the next one
/// is read.
public struct LineBatch: Sendable {
    let buffer: LineBuffer
    /// Each line's byte range in the buffer, without its newline.
    public let ranges: [Range<Int>]
    /// The 1-based number of the first line.
    public let firstNumber: Int
    /// The file offset of the buffer's first byte (the first line's start).
    public let offset: Int64

    /// How many lines.
    public var count: Int { ranges.count }

    /// The `index`-th line (0-based), without its newline; valid while the batch is.
    public subscript(index: Int) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: buffer.bytes[ranges[index]]) }
}

/// Reads a log file a batch of complete lines at a time, up to a size, without loading it whole.
public struct BatchReader {
    /// Size of one read: a batch is the complete lines of at most this many bytes.
    static let chunkSize = 4 << 20

    private let file: FileDescriptor
    private let limit: Int64
    private var carry: (buffer: LineBuffer, range: Range<Int>)? = nil
    private var bufferOffset: Int64 = 0
    private var readOffset: Int64 = 0
    private var lineNumber = 1
    private var lines = 0
    private var finished = false

    /// A reader of `file` from `start` up to `end` (its size when nil).
    package init(_ file: FileDescriptor, from start: LogPosition = .start, to end: Int64? = nil) throws(SystemError) {
        self.file = file
        bufferOffset = start.offset
        readOffset = start.offset
        lineNumber = start.line
        if let end { limit = end } else { limit = try file.status().size }
    }

    /// How the read ended so far: lines read, where the complete lines end, and the bytes of an incomplete
    /// last line (once `next()` has returned nil).
    public var end: ScanEnd {
        ScanEnd(lines: lines, completeLength: bufferOffset, incompleteTailLength: finished ? carry?.range.count ?? 0 : 0, stoppedEarly: !finished)
    }

    /// The next batch, or nil at the end. Throws `OverlongLine` for a line beyond `EventLine.maximumLength`
    /// and `SystemError` for read failures.
    public mutating func next() throws -> LineBatch? {
        guard !finished else { return nil }
        let buffer = LineBuffer()
        var filled = 0
        if let carry {
            buffer.bytes.baseAddress!.copyMemory(from: carry.buffer.bytes.baseAddress! + carry.range.lowerBound, byteCount: carry.range.count)
            filled = carry.range.count
        }
        while filled < BatchReader.chunkSize, readOffset < limit {
            let want = Int(min(Int64(BatchReader.chunkSize - filled), limit - readOffset))
            let got = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer.bytes[filled..<(filled + want)]), at: readOffset)
            if got == 0 { break }
            filled += got
            readOffset += Int64(got)
        }
        let bytes = UnsafeRawBufferPointer(rebasing: buffer.bytes[0..<filled])
        var ranges: [Range<Int>] = []
        var position = 0
        while let newline = ByteSearch.firstIndex(of: 0x0A, in: bytes, from: position) {
            if newline - position >= EventLine.maximumLength {
                throw OverlongLine(lineNumber: lineNumber + ranges.count, offset: bufferOffset + Int64(position))
            }
            ranges.append(position..<newline)
            position = newline + 1
        }
        if filled - position > EventLine.maximumLength {
            throw OverlongLine(lineNumber: lineNumber + ranges.count, offset: bufferOffset + Int64(position))
        }
        carry = position < filled ? (buffer, position..<filled) : nil
        guard !ranges.isEmpty else {
            finished = true
            return nil
        }
        let batch = LineBatch(buffer: buffer, ranges: ranges, firstNumber: lineNumber, offset: bufferOffset)
        lines += ranges.count
        lineNumber += ranges.count
        bufferOffset += Int64(position)
        return batch
    }
}

/// Reads a log file in large chunks, line by line or a batch of lines at a time, without loading it whole.
public enum LineScanner {
    /// Calls `visit` with each batch of complete lines, in file order, up to `end` (the file's size when
    /// nil); `visit` returns false to stop.
    ///
    /// Throws `OverlongLine` for a line beyond `EventLine.maximumLength`, `SystemError` for read failures,
    /// and whatever `visit` throws.
    package static func scanBatches(_ file: FileDescriptor, from start: LogPosition = .start, to end: Int64? = nil,
                                   _ visit: (LineBatch) throws -> Bool) throws -> ScanEnd {
        var reader = try BatchReader(file, from: start, to: end)
        while let batch = try reader.next() {
            if !(try visit(batch)) { return reader.end }
        }
        return reader.end
    }

    /// Calls `visit` with each complete line (without its newline), its 1-based number and its byte offset,
    /// in file order, up to `end` (the file's size when nil). The buffer passed to `visit` is valid only
    /// during the call. `visit` returns false to stop. Throws as `scanBatches`.
    package static func scan(
        _ file: FileDescriptor, to end: Int64? = nil,
        _ visit: (_ line: UnsafeRawBufferPointer, _ number: Int, _ offset: Int64) throws -> Bool
    ) throws -> ScanEnd {
        var visited = 0
        var stoppedAt: Int64? = nil
        let end = try scanBatches(file, to: end) { batch in
            for index in 0..<batch.count {
                visited += 1
                if !(try visit(batch[index], batch.firstNumber + index, batch.offset + Int64(batch.ranges[index].lowerBound))) {
                    stoppedAt = batch.offset + Int64(batch.ranges[index].upperBound) + 1
                    return false
                }
            }
            return true
        }
        guard let stoppedAt else { return end }
        return ScanEnd(lines: visited, completeLength: stoppedAt, incompleteTailLength: 0, stoppedEarly: true)
    }
}
