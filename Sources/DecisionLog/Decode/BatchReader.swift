/// Reads a log file a batch of complete lines at a time, up to a size, without loading it whole.
public struct BatchReader {
    /// Size of one read: a batch is the complete lines of at most this many bytes.
    static let chunkSize = 4 << 20
    /// Size of the first read; each read after it doubles, up to `chunkSize`. A reader that stops early (an
    /// append looking for the people it names, usually among the first events) decodes a few hundred lines,
    /// not thousands.
    static let firstChunkSize = 64 << 10

    private let file: FileDescriptor
    private let limit: Int64
    private var carry: (buffer: LineBuffer, range: Range<Int>)? = nil
    private var bufferOffset: Int64 = 0
    private var readOffset: Int64 = 0
    private var lineNumber = 1
    private var lines = 0
    private var finished = false
    private var nextChunkSize = BatchReader.firstChunkSize

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
        // Reads at least this batch's size, and on until a newline is in (a line may be longer than the size),
        // the buffer is full or the file ends.
        var size = max(nextChunkSize, filled + 1)
        nextChunkSize = min(nextChunkSize * 2, BatchReader.chunkSize)
        var searched = 0
        while filled < BatchReader.chunkSize, readOffset < limit {
            let want = Int(min(Int64(min(size, BatchReader.chunkSize) - filled), limit - readOffset))
            let got = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer.bytes[filled..<(filled + want)]), at: readOffset)
            if got == 0 { break }
            filled += got
            readOffset += Int64(got)
            guard filled >= size else { continue }
            if ByteSearch.firstIndex(of: 0x0A, in: UnsafeRawBufferPointer(rebasing: buffer.bytes[searched..<filled])) != nil { break }
            searched = filled
            size = filled * 2
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
