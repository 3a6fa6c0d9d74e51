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
    /// in file order, from `start` up to `end` (the file's size when nil). The buffer passed to `visit` is
    /// valid only during the call. `visit` returns false to stop. Throws as `scanBatches`.
    package static func scan(
        _ file: FileDescriptor, from start: LogPosition = .start, to end: Int64? = nil,
        _ visit: (_ line: UnsafeRawBufferPointer, _ number: Int, _ offset: Int64) throws -> Bool
    ) throws -> ScanEnd {
        var visited = 0
        var stoppedAt: Int64? = nil
        let end = try scanBatches(file, from: start, to: end) { batch in
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
