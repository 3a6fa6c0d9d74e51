/// Gathers lines read one by one (from a database's rows) into `LineBatch`es laid out as in an events file:
/// each line followed by a newline, a batch at most `BatchReader.chunkSize` bytes.
struct LineBatchBuilder {
    /// Lines taken so far.
    private(set) var lines = 0
    private var buffer = LineBuffer()
    private var ranges: [Range<Int>] = []
    private var filled = 0
    private var firstNumber = 0
    private var firstOffset: Int64 = 0

    /// Takes `line` (event `seq`, starting at `offset` in the file it would be); returns the batch it
    /// completed when the line did not fit in the one being filled.
    mutating func add(_ line: UnsafeRawBufferPointer, seq: Int, offset: Int64) -> LineBatch? {
        var completed: LineBatch? = nil
        if filled + line.count + 1 > buffer.bytes.count { completed = finish() }
        if ranges.isEmpty {
            firstNumber = seq
            firstOffset = offset
        }
        UnsafeMutableRawBufferPointer(rebasing: buffer.bytes[filled..<(filled + line.count)]).copyMemory(from: line)
        buffer.bytes[filled + line.count] = UInt8(ascii: "\n")
        ranges.append(filled..<(filled + line.count))
        filled += line.count + 1
        lines += 1
        return completed
    }

    /// The batch being filled, if it holds any line; the next line starts a new one.
    mutating func finish() -> LineBatch? {
        guard !ranges.isEmpty else { return nil }
        let batch = LineBatch(buffer: buffer, ranges: ranges, firstNumber: firstNumber, offset: firstOffset)
        buffer = LineBuffer()
        ranges = []
        filled = 0
        return batch
    }
}
