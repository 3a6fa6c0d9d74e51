/// An instant, to the millisecond, independent of time zones: when an event was recorded or takes effect.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public let milliseconds: Int64

    /// The instant `milliseconds` after the Unix epoch.
    public init(milliseconds: Int64) { self.milliseconds = milliseconds }

    /// The earliest instant the log can write: 0001-01-01T00:00:00.000Z.
    public static let earliest = Timestamp(milliseconds: Int64(Civil.dayNumber(year: 1, month: 1, day: 1)) * 86_400_000)
    /// The latest instant the log can write: 9999-12-31T23:59:59.999Z.
    public static let latest = Timestamp(milliseconds: Int64(Civil.dayNumber(year: 10_000, month: 1, day: 1)) * 86_400_000 - 1)

    /// The system's wall clock now.
    public static func now() -> Timestamp { Timestamp(milliseconds: ProcessFacts.wallClockMilliseconds()) }

    /// The first instant of `date` in UTC.
    public init(utcStartOf date: CalendarDate) { milliseconds = Int64(date.dayNumber) * 86_400_000 }

    /// The canonical text: `YYYY-MM-DDTHH:MM:SS.mmmZ`, always 24 characters, so text order is time order.
    public var iso8601: String { String(decoding: iso8601Bytes, as: UTF8.self) }

    /// The canonical text as bytes.
    public var iso8601Bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(24)
        appendISO8601(to: &out)
        return out
    }

    /// Appends the canonical text to `output`.
    public func appendISO8601(to output: inout [UInt8]) {
        let (days, msOfDay) = Civil.floorDivide(milliseconds, 86_400_000)
        let (y, m, d) = Civil.date(dayNumber: Int(days))
        let ms = Int(msOfDay)
        Digits.append(y, width: 4, to: &output); output.append(UInt8(ascii: "-"))
        Digits.append(m, width: 2, to: &output); output.append(UInt8(ascii: "-"))
        Digits.append(d, width: 2, to: &output); output.append(UInt8(ascii: "T"))
        Digits.append(ms / 3_600_000, width: 2, to: &output); output.append(UInt8(ascii: ":"))
        Digits.append(ms / 60_000 % 60, width: 2, to: &output); output.append(UInt8(ascii: ":"))
        Digits.append(ms / 1000 % 60, width: 2, to: &output); output.append(UInt8(ascii: "."))
        Digits.append(ms % 1000, width: 3, to: &output); output.append(UInt8(ascii: "Z"))
    }

    /// Parses exactly the canonical 24-character form; nil for anything else.
    public init?(canonical bytes: some RandomAccessCollection<UInt8>) {
        guard bytes.count == 24 else { return nil }
        let parsed: Timestamp?? = bytes.withContiguousStorageIfAvailable { Timestamp(canonicalBuffer: $0) }
        guard let value = parsed ?? Timestamp(canonicalBuffer: Array(bytes)) else { return nil }
        self = value
    }

    private init?<C: RandomAccessCollection<UInt8>>(canonicalBuffer b: C) where C.Index == Int {
        guard b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T"),
            b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"), b[19] == UInt8(ascii: "."),
            b[23] == UInt8(ascii: "Z"),
            let y = Digits.read(b, at: 0, count: 4), let mo = Digits.read(b, at: 5, count: 2),
            let d = Digits.read(b, at: 8, count: 2), let h = Digits.read(b, at: 11, count: 2),
            let mi = Digits.read(b, at: 14, count: 2), let s = Digits.read(b, at: 17, count: 2),
            let ms = Digits.read(b, at: 20, count: 3),
            let date = CalendarDate(year: y, month: mo, day: d), h < 24, mi < 60, s < 60
        else { return nil }
        milliseconds = Int64(date.dayNumber) * 86_400_000 + Int64(((h * 60 + mi) * 60 + s) * 1000 + ms)
    }

    /// The instant `ms` milliseconds later.
    public func adding(milliseconds ms: Int64) -> Timestamp { Timestamp(milliseconds: milliseconds + ms) }

    public var description: String { iso8601 }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.milliseconds < b.milliseconds }
}
