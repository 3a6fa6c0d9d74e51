/// The event line that ends at a given offset of an events file, read backwards from there: how the tail
/// cache, the pending-append record and `head` learn, without reading the log, which event a file ends with.
enum LastLine {
    /// The bytes (without the newline) of the line ending just before `end`, when `end - 1` is a newline and
    /// the line is at most `EventLine.maximumLength` long; nil otherwise, or when the file cannot be read.
    static func bytes(in file: FileDescriptor, endingAt end: Int64) -> [UInt8]? {
        guard end > 0 else { return nil }
        var window = 4096
        while true {
            let length = Int(min(Int64(window), end))
            let start = end - Int64(length)
            var tail = [UInt8](repeating: 0, count: length)
            guard let read = try? tail.withUnsafeMutableBytes({ try file.read(into: $0, at: start) }), read == length,
                tail.last == 0x0A
            else { return nil }
            let body = tail.dropLast()
            if let lineStart = body.lastIndex(of: 0x0A).map({ $0 + 1 }) ?? (start == 0 ? 0 : nil) {
                return Array(tail[lineStart..<body.endIndex])
            }
            guard window <= EventLine.maximumLength, start > 0 else { return nil }
            window *= 4
        }
    }

    /// The seq and stored hash of the line ending just before `end`, when it is a complete event whose
    /// bytes match its hash; nil otherwise.
    static func event(in file: FileDescriptor, endingAt end: Int64) -> (seq: Int, hash: Digest)? {
        bytes(in: file, endingAt: end).flatMap(sealedEvent)
    }

    /// The seq and stored hash of `line`, when it is an event whose bytes match its hash; nil otherwise.
    static func sealedEvent(_ line: [UInt8]) -> (seq: Int, hash: Digest)? {
        line.withUnsafeBytes { line in
            guard let hashes = EventLine.hashes(of: line), hashes.stored == hashes.computed, let seq = EventLine.leadingSeq(of: line) else { return nil }
            return (seq, hashes.stored)
        }
    }
}
