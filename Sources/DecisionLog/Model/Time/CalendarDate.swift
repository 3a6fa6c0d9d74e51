/// A day on the calendar with no time of day: a launch date, a review-by date, a metric's date.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let dayNumber: Int

    /// The date with day number `dayNumber`.
    public init(dayNumber: Int) { self.dayNumber = dayNumber }

    /// The date `year`-`month`-`day`; nil when the day does not exist (2025-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...Civil.daysInMonth(year: year, month: month)).contains(day)
        else { return nil }
        dayNumber = Civil.dayNumber(year: year, month: month, day: day)
    }

    /// Parses `YYYY-MM-DD`; throws a message naming the part that is wrong.
    public init(parsing text: String) throws(TimeFormatError) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = Digits.read(bytes, at: 0, count: 4), let month = Digits.read(bytes, at: 5, count: 2),
            let day = Digits.read(bytes, at: 8, count: 2)
        else { throw TimeFormatError(text: text, problem: "not a date in the form YYYY-MM-DD") }
        self = try CalendarDate.checked(text: text, year: year, month: month, day: day)
    }

    /// The date for validated parts, or an error naming the part out of range.
    static func checked(text: String, year: Int, month: Int, day: Int) throws(TimeFormatError) -> CalendarDate {
        guard year >= 1 else { throw TimeFormatError(text: text, problem: "year \(year) is out of range") }
        guard (1...12).contains(month) else {
            throw TimeFormatError(text: text, problem: "month \(month) is not between 1 and 12")
        }
        let days = Civil.daysInMonth(year: year, month: month)
        guard (1...days).contains(day) else {
            throw TimeFormatError(text: text, problem: "day \(day) is not between 1 and \(days) for that month")
        }
        return CalendarDate(year: year, month: month, day: day)!
    }

    /// Year, month and day.
    public var parts: (year: Int, month: Int, day: Int) { Civil.date(dayNumber: dayNumber) }

    /// The date `days` later (earlier when negative).
    public func adding(days: Int) -> CalendarDate { CalendarDate(dayNumber: dayNumber + days) }

    /// Whole days from `self` to `other` (negative when `other` is earlier).
    public func days(until other: CalendarDate) -> Int { other.dayNumber - dayNumber }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (y, m, d) = parts
        var out: [UInt8] = []
        Digits.append(y, width: 4, to: &out); out.append(UInt8(ascii: "-"))
        Digits.append(m, width: 2, to: &out); out.append(UInt8(ascii: "-"))
        Digits.append(d, width: 2, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool { a.dayNumber < b.dayNumber }
}
