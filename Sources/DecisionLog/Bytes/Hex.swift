/// Hex digit tables.
enum Hex {
    static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Whether `bytes` (hex digits, dashes) have no uppercase digit: the form the log writes.
    static func isLowercase(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // Without branches, so the loop runs on vectors: it is over every id and hash of a verify.
        var uppercase: UInt8 = 0
        for byte in bytes { uppercase |= byte &- UInt8(ascii: "A") < 6 ? 1 : 0 }
        return uppercase == 0
    }

    /// Each byte's hex value, or 0xFF for a byte that is not a hex digit.
    static let table: [UInt8] = (0...255).map { value(of: UInt8($0)) ?? 0xFF }

    @inline(__always) static func value(of byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
