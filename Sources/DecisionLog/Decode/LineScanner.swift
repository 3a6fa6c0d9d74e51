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

/// Complete lines of a log file read in one go: the bytes, where each line lies in them, and where they lie
/// in the file. Valid only during the call that receives it.
public struct LineBatch {
    /// The bytes read, from the first line's start.
    public let bytes: UnsafeRawBufferPointer
    /// Each line's byte range in `bytes`, without its newline.
    public let ranges: [Range<Int>]
    /// The 1-based number of the first line.
    public let firstNumber: Int
    /// The file offset of `bytes`.
    public let offset: Int64

    /// How many lines.
    public var count: Int { ranges.count }

    /// The `index`-th line (0-based), without its newline.
    public subscript(index: Int) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: bytes[ranges[index]]) }
}

/// Reads a log file in large chunks, line by line or a batch of lines at a time, without loading it whole.
public enum LineScanner {
    /// Size of one read: a batch is the complete lines of at most this many bytes.
    static let chunkSize = 4 << 20

    /// Calls `visit` with each batch of complete lines, in file order, up to `end` (the file's size when
    /// nil); `visit` returns false to stop.
    ///
    /// Throws `OverlongLine` for a line beyond `EventLine.maximumLength`, `SystemError` for read failures,
    /// and whatever `visit` throws.
    public static func scanBatches(_ file: FileDescriptor, to end: Int64? = nil, _ visit: (LineBatch) throws -> Bool) throws -> ScanEnd {
        let limit = try end ?? file.status().size
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        var filled = 0  // bytes in the buffer: the carried start of a line, then what was read after it
        var bufferOffset: Int64 = 0  // file offset of buffer[0]
        var readOffset: Int64 = 0
        var lineNumber = 1
        var lines = 0
        var ranges: [Range<Int>] = []
        while readOffset < limit {
            let want = Int(min(Int64(chunkSize - filled), limit - readOffset))
            let got = try buffer.withUnsafeMutableBytes { raw in
                try file.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled..<(filled + want)]), at: readOffset)
            }
            if got == 0 { break }
            filled += got
            readOffset += Int64(got)
            let (consumed, stop) = try buffer.withUnsafeBytes { raw -> (Int, Bool) in
                let bytes = UnsafeRawBufferPointer(rebasing: raw[0..<filled])
                ranges.removeAll(keepingCapacity: true)
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
                guard !ranges.isEmpty else { return (0, false) }
                let keepGoing = try visit(LineBatch(bytes: bytes, ranges: ranges, firstNumber: lineNumber, offset: bufferOffset))
                return (position, !keepGoing)
            }
            lines += ranges.count
            lineNumber += ranges.count
            if stop { return ScanEnd(lines: lines, completeLength: bufferOffset + Int64(consumed), incompleteTailLength: 0, stoppedEarly: true) }
            // Carry the start of an unfinished line to the front of the buffer.
            if consumed > 0 {
                buffer.withUnsafeMutableBytes { raw in
                    raw.baseAddress!.copyMemory(from: raw.baseAddress! + consumed, byteCount: filled - consumed)
                }
                filled -= consumed
                bufferOffset += Int64(consumed)
            }
        }
        return ScanEnd(lines: lines, completeLength: bufferOffset, incompleteTailLength: filled, stoppedEarly: false)
    }

    /// Calls `visit` with each complete line (without its newline), its 1-based number and its byte offset,
    /// in file order, up to `end` (the file's size when nil). The buffer passed to `visit` is valid only
    /// during the call. `visit` returns false to stop. Throws as `scanBatches`.
    public static func scan(
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
