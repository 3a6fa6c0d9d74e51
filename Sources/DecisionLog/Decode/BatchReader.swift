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
