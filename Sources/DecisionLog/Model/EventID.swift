/// An event's identity: a UUID, written in lowercase 8-4-4-4-12 form.
///
/// New ids are UUIDv7 (RFC 9562): time-ordered, with 74 random bits, so they sort roughly by creation.
public struct EventID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The 128 bits, big-endian, as two words.
    public let high: UInt64
    public let low: UInt64

    /// The id with these 128 bits.
    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// A new UUIDv7 for the instant `time`.
    public static func generate(at time: Timestamp) -> EventID {
        var random = SystemRandomNumberGenerator()
        return generate(at: time, using: &random)
    }

    /// A new UUIDv7 for the instant `time`, its random bits from `random`.
    static func generate(at time: Timestamp, using random: inout some RandomNumberGenerator) -> EventID {
        let timeBits = UInt64(bitPattern: time.milliseconds) & 0xFFFF_FFFF_FFFF
        let high = timeBits << 16 | 0x7000 | (random.next() & 0x0FFF)
        let low = 0x8000_0000_0000_0000 | (random.next() & 0x3FFF_FFFF_FFFF_FFFF)
        return EventID(high: high, low: low)
    }

    /// Parses `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` (hex digits in either case); nil for anything else.
    public init?(_ text: some StringProtocol) {
        var text = String(text)
        guard let id = text.withUTF8({ EventID(bytes: $0) }) else { return nil }
        self = id
    }

    /// Parses the 36 bytes of an id's text; nil for anything else.
    init?(bytes: UnsafeBufferPointer<UInt8>) {
        let dash = UInt8(ascii: "-")
        guard bytes.count == 36, bytes[8] == dash, bytes[13] == dash, bytes[18] == dash, bytes[23] == dash else { return nil }
        let parsed: (UInt64, UInt64)? = Hex.table.withUnsafeBufferPointer { table in
            var bad: UInt8 = 0
            func nibbles(_ range: Range<Int>, into word: inout UInt64) {
                for i in range {
                    let nibble = table[Int(bytes[i])]
                    bad |= nibble
                    word = word << 4 | UInt64(nibble & 0x0F)
                }
            }
            var high: UInt64 = 0, low: UInt64 = 0
            nibbles(0..<8, into: &high)
            nibbles(9..<13, into: &high)
            nibbles(14..<18, into: &high)
            nibbles(19..<23, into: &low)
            nibbles(24..<36, into: &low)
            return bad & 0xF0 == 0 ? (high, low) : nil
        }
        guard let (high, low) = parsed else { return nil }
        self.high = high
        self.low = low
    }

    /// The lowercase 36-character form.
    public var description: String {
        var out: [UInt8] = []
        out.reserveCapacity(36)
        for (index, word) in [high, low].enumerated() {
            for nibble in 0..<16 {
                let position = index * 16 + nibble
                if position == 8 || position == 12 || position == 16 || position == 20 { out.append(UInt8(ascii: "-")) }
                out.append(Hex.digits[Int((word >> UInt64(60 - nibble * 4)) & 0xF)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func < (a: EventID, b: EventID) -> Bool { (a.high, a.low) < (b.high, b.low) }
}
