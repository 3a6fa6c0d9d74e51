/// What an event is about: a kind and a name, e.g. `goal/q3-pipeline`, `launch/atlas`, `feature/sso`.
public struct Subject: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The whole text, e.g. `launch/atlas`.
    public let text: String

    /// The longest subject accepted.
    public static let maximumLength = 200

    /// The part before the first slash, e.g. `launch`.
    public var kind: Substring { text.prefix { $0 != "/" } }

    /// A subject from valid text; nil when `text` is not `kind/name` (see `problem(with:)`).
    public init?(_ text: String) {
        guard Subject.problem(with: text) == nil else { return nil }
        self.text = text
    }

    /// What is wrong with `text` as a subject, or nil when it is valid.
    ///
    /// A subject is a lowercase kind (letters, digits, `-`), a slash, and a name of letters, digits and
    /// `-_.:/`; at most 200 characters.
    public static func problem(with text: String) -> String? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return "a subject may not be empty" }
        guard bytes.count <= maximumLength else { return "a subject may be at most \(maximumLength) characters" }
        guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")), slash > 0, slash < bytes.count - 1 else {
            return "a subject is kind/name, e.g. launch/atlas or goal/q3-pipeline"
        }
        for (i, byte) in bytes.enumerated() {
            let isLower = byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")
            let isUpper = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            if i < slash {
                guard isLower || isDigit || byte == UInt8(ascii: "-") else {
                    return "the kind before '/' may use only lowercase letters, digits and '-'"
                }
            } else if i > slash {
                guard isLower || isUpper || isDigit || "-_.:/".utf8.contains(byte) else {
                    return "the name after '/' may use only letters, digits and - _ . : /"
                }
            }
        }
        if bytes.last == UInt8(ascii: "/") { return "a subject may not end with '/'" }
        return nil
    }

    public var description: String { text }

    public static func < (a: Subject, b: Subject) -> Bool {
        // Byte order of the UTF-8, compared where the bytes lie rather than a byte at a time.
        var a = a.text, b = b.text
        return a.withUTF8 { a in b.withUTF8 { b in ByteSearch.precedes(UnsafeRawBufferPointer(a), UnsafeRawBufferPointer(b)) } }
    }
}
