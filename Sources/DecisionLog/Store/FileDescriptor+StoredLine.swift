extension FileDescriptor {
    /// The whole line (newline included) at `span` of this events file, or nil when the span is not a line of
    /// at most `EventLine.maximumLength` bytes ending in a newline, or cannot be read.
    func storedLine(at span: LineSpan) -> [UInt8]? {
        let length = Int(span.end - span.start)
        guard span.start >= 0, length > 1, length <= EventLine.maximumLength + 1 else { return nil }
        var line = [UInt8](repeating: 0, count: length)
        guard let read = try? line.withUnsafeMutableBytes({ try self.read(into: $0, at: span.start) }), read == length, line.last == 0x0A
        else { return nil }
        return line
    }

    /// Whether this events file holds, at `span`, event `seq` whose bytes match its stored hash `hash`: the
    /// test that a cache made from the log (a checkpoint, the id index) still describes it.
    func holdsEvent(seq: Int, hash: Digest, at span: LineSpan) -> Bool {
        guard let line = storedLine(at: span) else { return false }
        return line.withUnsafeBytes { bytes in
            let body = UnsafeRawBufferPointer(rebasing: bytes.dropLast())
            guard let hashes = EventLine.hashes(of: body) else { return false }
            return EventLine.leadingSeq(of: body) == seq && hashes.stored == hash && hashes.computed == hash
        }
    }
}
