/// Whole lines of an events file's bytes.
enum LineBytes {
    /// `bytes` up to and including its last newline (an incomplete last line is no event).
    static func completeLines(of bytes: [UInt8]) -> [UInt8] {
        guard let last = bytes.lastIndex(of: 0x0A) else { return [] }
        return Array(bytes[...last])
    }
}
