/// A SHA-256 digest: 32 bytes, written as 64 lowercase hex digits.
public struct Digest: Sendable, Hashable, CustomStringConvertible {
    /// The digest as four big-endian 64-bit words.
    public let words: SIMD4<UInt64>

    /// The digest of no predecessor: what the first event of a log links to (64 zeros).
    public static let zero = Digest(words: .zero)

    /// A digest from its four big-endian words.
    public init(words: SIMD4<UInt64>) { self.words = words }

    /// The digest's 32 bytes, in order.
    var bigEndianBytes: SIMD32<UInt8> {
        var bytes = SIMD32<UInt8>()
        for word in 0..<4 {
            for byte in 0..<8 { bytes[word * 8 + byte] = UInt8(truncatingIfNeeded: words[word] >> UInt64(56 - 8 * byte)) }
        }
        return bytes
    }

    /// A digest from its 32 bytes, in order.
    init(bigEndianBytes bytes: SIMD32<UInt8>) {
        var words = SIMD4<UInt64>()
        for word in 0..<4 {
            var value: UInt64 = 0
            for byte in 0..<8 { value = value << 8 | UInt64(bytes[word * 8 + byte]) }
            words[word] = value
        }
        self.words = words
    }

    /// Parses 64 hex digits (either case); nil for anything else.
    public init?(hex: some Collection<UInt8>) {
        guard hex.count == 64 else { return nil }
        let parsed: SIMD4<UInt64>?? = hex.withContiguousStorageIfAvailable { Digest.words(hex: UnsafeRawBufferPointer($0)) }
        guard let words = parsed ?? Array(hex).withUnsafeBytes({ Digest.words(hex: $0) }) else { return nil }
        self.words = words
    }

    private static func words(hex: UnsafeRawBufferPointer) -> SIMD4<UInt64>? {
        Hex.table.withUnsafeBufferPointer { table in
            func word(_ start: Int) -> UInt64? {
                var value: UInt64 = 0
                var bad: UInt8 = 0
                for i in start..<start + 16 {
                    let nibble = table[Int(hex[i])]
                    bad |= nibble
                    value = value << 4 | UInt64(nibble & 0x0F)
                }
                return bad & 0xF0 == 0 ? value : nil
            }
            guard let a = word(0), let b = word(16), let c = word(32), let d = word(48) else { return nil }
            return SIMD4(a, b, c, d)
        }
    }

    /// Parses 64 hex digits (either case); nil for anything else.
    public init?(hex: String) { self.init(hex: Array(hex.utf8)) }

    /// The 64 lowercase hex digits as bytes.
    public var hexBytes: [UInt8] {
        var output = [UInt8]()
        output.reserveCapacity(64)
        appendHex(to: &output)
        return output
    }

    /// Appends the 64 lowercase hex digits to `output`.
    public func appendHex(to output: inout [UInt8]) {
        for i in 0..<4 {
            let word = words[i]
            for shift in stride(from: 60, through: 0, by: -4) {
                output.append(Hex.digits[Int((word >> UInt64(shift)) & 0xF)])
            }
        }
    }

    /// The 64 lowercase hex digits.
    public var hex: String { String(decoding: hexBytes, as: UTF8.self) }

    /// The first 12 hex digits, for people.
    public var short: String { String(hex.prefix(12)) }

    public var description: String { hex }
}
