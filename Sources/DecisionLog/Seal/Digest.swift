/// A SHA-256 digest: 32 bytes, written as 64 lowercase hex digits.
public struct Digest: Sendable, Hashable, CustomStringConvertible {
    /// The digest as four big-endian 64-bit words.
    public let words: SIMD4<UInt64>

    /// The digest of no predecessor: what the first event of a log links to (64 zeros).
    public static let zero = Digest(words: .zero)

    /// A digest from its four big-endian words.
    public init(words: SIMD4<UInt64>) { self.words = words }

    /// Parses 64 hex digits (either case); nil for anything else.
    public init?(hex: some Collection<UInt8>) {
        guard hex.count == 64 else { return nil }
        var words = SIMD4<UInt64>.zero
        var index = 0
        for byte in hex {
            guard let nibble = Hex.value(of: byte) else { return nil }
            words[index / 16] = words[index / 16] << 4 | UInt64(nibble)
            index += 1
        }
        self.words = words
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

/// Hex digit tables.
enum Hex {
    static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    @inline(__always) static func value(of byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
