/// A date or date-time as a person types it, resolved to an instant.
///
/// Accepted: `2025-09-22` (the start of that day in the log's time zone), `2025-09-22T14:30`,
/// `2025-09-22T14:30:05`, `2025-09-22T14:30:05.250`, each optionally followed by `Z` or an offset such as
/// `+02:00`; a space may stand for the `T`. Without an offset the log's time zone applies.
public struct TimeInput: Sendable, Equatable {
    /// The instant the text names (for a date: the first instant of that day).
    public let instant: Timestamp
    /// The calendar date written, when only a date was given.
    public let dateOnly: CalendarDate?

    /// Reads `text` in `zone`; throws naming what is wrong, e.g. `month 13 is not between 1 and 12`, or that
    /// the instant falls outside the years 0001–9999 in UTC.
    public init(parsing text: String, in zone: TimeZoneRules) throws(TimeFormatError) {
        self = try TimeInput(reading: text, in: zone)
        guard instant >= .earliest && instant <= .latest else {
            throw TimeFormatError(text: text, problem: "the time falls outside the years 0001–9999 (UTC)")
        }
    }

    private init(reading text: String, in zone: TimeZoneRules) throws(TimeFormatError) {
        let b = Array(text.utf8)
        let expected = "not a date (2025-09-22) or date-time (2025-09-22T14:30, optionally with Z or +02:00)"
        guard b.count >= 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
            let y = Digits.read(b, at: 0, count: 4), let mo = Digits.read(b, at: 5, count: 2),
            let d = Digits.read(b, at: 8, count: 2)
        else { throw TimeFormatError(text: text, problem: expected) }
        let date = try CalendarDate.checked(text: text, year: y, month: mo, day: d)
        if b.count == 10 {
            instant = zone.startOf(date)
            dateOnly = date
            return
        }
        guard b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t") || b[10] == UInt8(ascii: " "),
            b.count >= 16, b[13] == UInt8(ascii: ":"),
            let hour = Digits.read(b, at: 11, count: 2), let minute = Digits.read(b, at: 14, count: 2)
        else { throw TimeFormatError(text: text, problem: expected) }
        guard hour < 24 else { throw TimeFormatError(text: text, problem: "hour \(hour) is not between 0 and 23") }
        guard minute < 60 else { throw TimeFormatError(text: text, problem: "minute \(minute) is not between 0 and 59") }
        var position = 16
        var second = 0, millisecond = 0
        if position < b.count && b[position] == UInt8(ascii: ":") {
            guard let s = Digits.read(b, at: position + 1, count: 2) else { throw TimeFormatError(text: text, problem: expected) }
            guard s < 60 else { throw TimeFormatError(text: text, problem: "second \(s) is not between 0 and 59") }
            second = s
            position += 3
            if position < b.count && b[position] == UInt8(ascii: ".") {
                position += 1
                var digits = 0
                while position < b.count, b[position] >= 0x30, b[position] <= 0x39 {
                    if digits < 3 { millisecond = millisecond * 10 + Int(b[position] - 0x30) }
                    digits += 1
                    position += 1
                }
                guard digits > 0 else { throw TimeFormatError(text: text, problem: expected) }
                for _ in digits..<max(digits, 3) { millisecond *= 10 }
            }
        }
        let local = Int64(date.dayNumber) * 86_400_000 + Int64(((hour * 60 + minute) * 60 + second) * 1000 + millisecond)
        dateOnly = nil
        if position == b.count {
            instant = zone.instant(atLocalMilliseconds: local)
            return
        }
        if b[position] == UInt8(ascii: "Z") || b[position] == UInt8(ascii: "z") {
            guard position + 1 == b.count else { throw TimeFormatError(text: text, problem: expected) }
            instant = Timestamp(milliseconds: local)
            return
        }
        guard b[position] == UInt8(ascii: "+") || b[position] == UInt8(ascii: "-"), b.count - position == 6,
            b[position + 3] == UInt8(ascii: ":"),
            let oh = Digits.read(b, at: position + 1, count: 2), let om = Digits.read(b, at: position + 4, count: 2),
            oh <= 18, om < 60
        else { throw TimeFormatError(text: text, problem: "\(expected); an offset looks like +02:00") }
        let sign: Int64 = b[position] == UInt8(ascii: "-") ? -1 : 1
        instant = Timestamp(milliseconds: local - sign * Int64(oh * 3600 + om * 60) * 1000)
    }
}
