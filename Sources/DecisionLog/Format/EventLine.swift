/// The byte layout of a stored event line, shared by sealing and verification.
///
/// A line is `{…,"prev":"<64 hex>","hash":"<64 hex>"}` and a newline, or, when signed, has a last member
/// after the hash: `…,"hash":"<64 hex>","signature":{…}}`. Its hash is SHA-256 of the line up to its
/// `,"hash":"` member, closed with `}` — so anyone can check a line with a few lines of code in any
/// language: cut it at `,"hash":"`, add `}`, hash.
public enum EventLine {
    /// The largest line the log writes or reads, newline included (1 MiB).
    public static let maximumLength = 1 << 20
    /// `,"hash":"` + 64 hex digits + `"}`: the fixed-size end of every line (before the newline).
    public static let hashSuffixLength = 75
    /// What a line has after `canonicalBodyBeforePrev`: `,"prev":"…"`, `,"hash":"…"}` and the newline.
    static let prevAndHashLength = 74 + 76
    private static let hashKey = Array(#","hash":""#.utf8)
    private static let signatureKey = Array(#","signature":"#.utf8)
    /// The longest signature member a line may end with (an RSA key's is about 1.5 KiB).
    static let maximumSignatureLength = 16 << 10
    private static let prevKey = Array(#","prev":""#.utf8)

    /// Appends `,"prev":"…"}` to the start of a body (`canonicalBodyBeforePrev`), closing it.
    static func appendPrev(_ prev: Digest, to body: inout [UInt8]) {
        body.append(contentsOf: prevKey)
        prev.appendHex(to: &body)
        body.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: "}")])
    }

    /// Replaces the closing brace of a canonical body with `,"hash":"…"`, the signature's member when there
    /// is one, `}` and a newline.
    public static func appendHash(_ hash: Digest, signature: EventSignature? = nil, toBody body: inout [UInt8]) {
        body.removeLast()
        body.append(contentsOf: hashKey)
        hash.appendHex(to: &body)
        body.append(UInt8(ascii: "\""))
        signature?.appendMember(to: &body)
        body.append(contentsOf: [UInt8(ascii: "}"), 0x0A])
    }

    /// The seq written at the start of a line (`{"seq":12,…`), for naming a line that no longer decodes.
    public static func leadingSeq(of line: UnsafeRawBufferPointer) -> Int? {
        let prefix = Array(#"{"seq":"#.utf8)
        guard line.count > prefix.count, line.starts(with: prefix) else { return nil }
        var value = 0
        for byte in line[prefix.count...] {
            if byte == UInt8(ascii: ",") { return value }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), value < 1 << 50 else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return nil
    }

    /// Where the line's (without its newline) `,"hash":"<64 hex>"` member starts: 75 bytes before the end of
    /// an unsigned line, before the closing `,"signature":{…}` member of a signed one; nil when the line does
    /// not end that way.
    public static func hashMemberStart(of line: UnsafeRawBufferPointer) -> Int? {
        let n = line.count
        guard n > hashSuffixLength + 1, line[n - 1] == UInt8(ascii: "}") else { return nil }
        var start = n - hashSuffixLength
        if line[n - 2] == UInt8(ascii: "}") {
            // Signed: the signature object is the last `{` (its members hold no braces), after `,"signature":`.
            var brace = n - 3
            while brace > n - maximumSignatureLength, brace > hashSuffixLength, line[brace] != UInt8(ascii: "{") { brace -= 1 }
            start = brace - signatureKey.count - 74
            guard line[brace] == UInt8(ascii: "{"), start > 0,
                  UnsafeRawBufferPointer(rebasing: line[(brace - signatureKey.count)..<brace]).elementsEqual(signatureKey) else { return nil }
        }
        guard hashKey.withUnsafeBytes({ ByteSearch.equal(line.baseAddress! + start, $0.baseAddress!, count: $0.count) }), line[start + 73] == UInt8(ascii: "\""),
              line[start + 74] == (start + hashSuffixLength == n ? UInt8(ascii: "}") : UInt8(ascii: ",")) else { return nil }
        return start
    }

    /// The line's `,"signature":{…}` member (empty for an unsigned line), given where its hash member starts.
    static func signatureMember(of line: UnsafeRawBufferPointer, hashMemberStart start: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: line[(start + 74)..<(line.count - 1)])
    }

    /// The stored hash of a line (without its newline) and the hash its bytes actually have; nil when the
    /// line does not end in a well-formed hash member (and, when signed, signature member).
    public static func hashes(of line: UnsafeRawBufferPointer) -> (stored: Digest, computed: Digest)? {
        guard let start = hashMemberStart(of: line), let stored = Digest(hex: UnsafeRawBufferPointer(rebasing: line[(start + 9)..<(start + 73)]))
        else { return nil }
        var hasher = SHA256()
        hasher.update(UnsafeRawBufferPointer(rebasing: line[..<start]))
        hasher.update(CollectionOfOne(UInt8(ascii: "}")))
        return (stored, hasher.finalize())
    }
}
