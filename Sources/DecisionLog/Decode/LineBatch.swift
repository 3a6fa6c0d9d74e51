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
