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

/// Reads a log file line by line, in large chunks, without loading it whole.
public enum LineScanner {
    /// Size of one read.
    static let chunkSize = 1 << 20

    /// Calls `visit` with each complete line (without its newline), its 1-based number and its byte offset,
    /// in file order, up to `end` (the file's size when nil). The buffer passed to `visit` is valid only
    /// during the call. `visit` returns false to stop.
    ///
    /// Throws `OverlongLine` for a line beyond `EventLine.maximumLength`, `SystemError` for read failures,
    /// and whatever `visit` throws.
    public static func scan(
        _ file: FileDescriptor, to end: Int64? = nil,
        _ visit: (_ line: UnsafeRawBufferPointer, _ number: Int, _ offset: Int64) throws -> Bool
    ) throws -> ScanEnd {
        let limit = try end ?? file.status().size
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        var carry: [UInt8] = []
        var offset: Int64 = 0
        var lineStart: Int64 = 0
        var lineNumber = 1
        var lines = 0
        while offset < limit {
            let want = Int(min(Int64(chunkSize), limit - offset))
            let got = try buffer.withUnsafeMutableBytes { raw in
                try file.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[0..<want]), at: offset)
            }
            if got == 0 { break }
            offset += Int64(got)
            let stop = try buffer.withUnsafeBytes { raw -> Bool in
                var position = 0
                let chunk = UnsafeRawBufferPointer(rebasing: raw[0..<got])
                while position < got {
                    guard let newline = chunk[position...].firstIndex(of: 0x0A) else {
                        carry.append(contentsOf: chunk[position...])
                        if carry.count > EventLine.maximumLength { throw OverlongLine(lineNumber: lineNumber, offset: lineStart) }
                        return false
                    }
                    let keepGoing: Bool
                    if carry.isEmpty {
                        let line = UnsafeRawBufferPointer(rebasing: chunk[position..<newline])
                        if line.count >= EventLine.maximumLength { throw OverlongLine(lineNumber: lineNumber, offset: lineStart) }
                        keepGoing = try visit(line, lineNumber, lineStart)
                    } else {
                        carry.append(contentsOf: chunk[position..<newline])
                        if carry.count >= EventLine.maximumLength { throw OverlongLine(lineNumber: lineNumber, offset: lineStart) }
                        keepGoing = try carry.withUnsafeBytes { try visit($0, lineNumber, lineStart) }
                        carry.removeAll(keepingCapacity: true)
                    }
                    lines += 1
                    lineStart = offset - Int64(got) + Int64(newline) + 1
                    lineNumber += 1
                    position = newline + 1
                    if !keepGoing { return true }
                }
                return false
            }
            if stop {
                return ScanEnd(lines: lines, completeLength: lineStart, incompleteTailLength: 0, stoppedEarly: true)
            }
        }
        return ScanEnd(lines: lines, completeLength: lineStart, incompleteTailLength: carry.count, stoppedEarly: false)
    }
}
