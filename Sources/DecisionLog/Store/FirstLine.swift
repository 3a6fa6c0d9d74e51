/// The event line that starts at a given offset of an events file: how a pending-append record is checked
/// against the first line it claims was written.
enum FirstLine {
    /// The seq, `prev` and stored hash of the complete line starting at `start` in `events` (of `size`
    /// bytes), when it is an event; nil when the line is not complete or not an event.
    static func event(in events: FileDescriptor, startingAt start: Int64, size: Int64) -> (seq: Int, prev: Digest, hash: Digest)? {
        let length = Int(min(Int64(EventLine.maximumLength + 1), size - start))
        guard length > 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: length)
        guard let read = try? bytes.withUnsafeMutableBytes({ try events.read(into: $0, at: start) }), read == length,
            let newline = bytes.firstIndex(of: 0x0A),
            let event = try? Event(line: Array(bytes[..<newline]))
        else { return nil }
        return (event.seq, event.prev, event.hash)
    }
}
