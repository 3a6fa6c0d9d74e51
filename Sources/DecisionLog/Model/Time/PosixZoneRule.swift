/// A POSIX TZ rule such as `CET-1CEST,M3.5.0,M10.5.0/3`: a standard offset and, optionally, a daylight
/// offset with the yearly rules for when it starts and ends.
struct PosixZoneRule: Sendable, Hashable {
    /// Offsets east of UTC, in seconds.
    let standardOffset: Int
    let daylight: Daylight?

    struct Daylight: Sendable, Hashable {
        let offset: Int
        let start: YearlyMoment
        let end: YearlyMoment
    }

    /// A moment each year: a day rule and a local time of day in seconds (may be negative or beyond 24 h).
    struct YearlyMoment: Sendable, Hashable {
        enum Day: Sendable, Hashable {
            /// `Jn`: day 1–365, never counting February 29.
            case julian(Int)
            /// `n`: day 0–365, counting February 29 in leap years.
            case zeroBased(Int)
            /// `Mm.w.d`: weekday d (0 = Sunday) of week w (5 = last) of month m.
            case monthWeekDay(month: Int, week: Int, weekday: Int)
        }
        let day: Day
        let time: Int

        /// Seconds since the epoch, in local wall time of the zone at `offset`, of this moment in `year`.
        func localSeconds(in year: Int) -> Int64 {
            let dayNumber: Int
            switch day {
            case .julian(let n):
                let start = Civil.dayNumber(year: year, month: 1, day: 1)
                dayNumber = start + n - 1 + (Civil.isLeapYear(year) && n >= 60 ? 1 : 0)
            case .zeroBased(let n):
                dayNumber = Civil.dayNumber(year: year, month: 1, day: 1) + n
            case .monthWeekDay(let month, let week, let weekday):
                let first = Civil.dayNumber(year: year, month: month, day: 1)
                let firstWeekday = ((first % 7) + 7 + 4) % 7  // 1970-01-01 was a Thursday (4)
                var day = first + (weekday - firstWeekday + 7) % 7 + (week - 1) * 7
                let length = Civil.daysInMonth(year: year, month: month)
                while day >= first + length { day -= 7 }
                dayNumber = day
            }
            return Int64(dayNumber) * 86_400 + Int64(time)
        }
    }

    func offset(atUnixSeconds seconds: Int64) -> Int {
        guard let daylight else { return standardOffset }
        let year = Civil.date(dayNumber: Int(Civil.floorDivide(seconds + Int64(standardOffset), 86_400).quotient)).year
        // The start is given in standard time, the end in daylight time.
        let start = daylight.start.localSeconds(in: year) - Int64(standardOffset)
        let end = daylight.end.localSeconds(in: year) - Int64(daylight.offset)
        let inDaylight = start < end ? (seconds >= start && seconds < end) : !(seconds >= end && seconds < start)
        return inDaylight ? daylight.offset : standardOffset
    }

    /// Parses a POSIX TZ string; nil for anything it cannot read.
    init?(_ text: String) {
        var scanner = RuleScanner(Array(text.utf8))
        guard scanner.name(), let standard = scanner.offset() else { return nil }
        standardOffset = -standard
        if scanner.atEnd { daylight = nil; return }
        guard scanner.name() else { return nil }
        var daylightOffset = standardOffset + 3600
        if let explicit = scanner.offset() { daylightOffset = -explicit }
        let start: YearlyMoment, end: YearlyMoment
        if scanner.atEnd {
            // No rules given: the US rules POSIX names as the default.
            start = YearlyMoment(day: .monthWeekDay(month: 3, week: 2, weekday: 0), time: 7200)
            end = YearlyMoment(day: .monthWeekDay(month: 11, week: 1, weekday: 0), time: 7200)
        } else {
            guard scanner.take(UInt8(ascii: ",")), let s = scanner.moment(), scanner.take(UInt8(ascii: ",")),
                let e = scanner.moment(), scanner.atEnd
            else { return nil }
            start = s
            end = e
        }
        daylight = Daylight(offset: daylightOffset, start: start, end: end)
    }
}
