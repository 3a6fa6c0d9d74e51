/// The canonical JSON form: no insignificant whitespace, object members sorted by the UTF-8 bytes of their
/// keys, the shortest number that reads back the same, and only the escapes JSON requires.
/// The same value always gives the same bytes.
extension JSONValue {
    /// The canonical bytes of this value.
    public var canonicalBytes: [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(64)
        appendCanonical(to: &output)
        return output
    }

    /// The canonical form as a string.
    public var canonicalString: String { String(decoding: canonicalBytes, as: UTF8.self) }

    /// Appends the canonical bytes of this value to `output`.
    public func appendCanonical(to output: inout [UInt8]) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let b): output.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): CanonicalJSON.appendNumber(n, to: &output)
        case .string(let s): CanonicalJSON.appendString(s, to: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (i, element) in elements.enumerated() {
                if i > 0 { output.append(UInt8(ascii: ",")) }
                element.appendCanonical(to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            for (i, member) in members.members.enumerated() {
                if i > 0 { output.append(UInt8(ascii: ",")) }
                CanonicalJSON.appendString(member.key, to: &output)
                output.append(UInt8(ascii: ":"))
                member.value.appendCanonical(to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }
}

extension JSONValue {
    /// Whether `bytes` are exactly this value's canonical bytes — compared while walking the value, without
    /// writing them out (the check `verify` makes of every payload).
    func isCanonicalEncoding(of bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var position = 0
        return matchesCanonical(bytes, at: &position) && position == bytes.count
    }

    private func matchesCanonical(_ bytes: UnsafeBufferPointer<UInt8>, at position: inout Int) -> Bool {
        func take(_ byte: UInt8) -> Bool {
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
            return true
        }
        switch self {
        case .null, .bool, .number:
            var expected: [UInt8] = []
            appendCanonical(to: &expected)
            return CanonicalJSON.match(expected, bytes, at: &position)
        case .string(let string): return CanonicalJSON.matchString(string, bytes, at: &position)
        case .array(let elements):
            guard take(UInt8(ascii: "[")) else { return false }
            for (i, element) in elements.enumerated() {
                guard i == 0 || take(UInt8(ascii: ",")), element.matchesCanonical(bytes, at: &position) else { return false }
            }
            return take(UInt8(ascii: "]"))
        case .object(let object):
            guard take(UInt8(ascii: "{")) else { return false }
            for (i, member) in object.members.enumerated() {
                guard i == 0 || take(UInt8(ascii: ",")), CanonicalJSON.matchString(member.key, bytes, at: &position),
                      take(UInt8(ascii: ":")), member.value.matchesCanonical(bytes, at: &position) else { return false }
            }
            return take(UInt8(ascii: "}"))
        }
    }
}

extension CanonicalJSON {
    /// Whether `expected` comes next in `bytes` at `position`; moves past it when it does.
    static func match(_ expected: some Collection<UInt8>, _ bytes: UnsafeBufferPointer<UInt8>, at position: inout Int) -> Bool {
        guard bytes.count - position >= expected.count, bytes[position..<(position + expected.count)].elementsEqual(expected) else { return false }
        position += expected.count
        return true
    }

    /// Whether `string`'s canonical quoted form comes next in `bytes` at `position`; moves past it when it does.
    static func matchString(_ string: String, _ bytes: UnsafeBufferPointer<UInt8>, at position: inout Int) -> Bool {
        var string = string
        let plain: Bool? = string.withUTF8 { utf8 in
            // Without a byte that needs an escape, the quoted form is the bytes themselves.
            guard !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return nil }
            let end = position + utf8.count + 2
            guard end <= bytes.count, bytes[position] == UInt8(ascii: "\""), bytes[end - 1] == UInt8(ascii: "\""),
                  utf8.isEmpty || ByteSearch.equal(bytes.baseAddress! + position + 1, utf8.baseAddress!, count: utf8.count) else { return false }
            position = end
            return true
        }
        if let plain { return plain }
        var expected: [UInt8] = []
        appendString(string, to: &expected)
        return match(expected, bytes, at: &position)
    }
}
