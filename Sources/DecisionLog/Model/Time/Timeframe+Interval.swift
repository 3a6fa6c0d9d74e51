extension Timeframe {
    /// The period as instants in `zone`: from its first moment (inclusive) to the first moment after it
    /// (exclusive). Years, halves and quarters are fiscal: fiscal year 2025 starts on the first day of
    /// `fiscalYearStart` (a month, 1–12) in 2025. Months are calendar months. A period running past year 9999
    /// ends where the calendar does.
    public func interval(fiscalYearStart: Int, zone: TimeZoneRules) -> Range<Timestamp> {
        let (firstMonth, months): (Int, Int) = switch span {
        case .year: (fiscalYearStart, 12)
        case .half(let h): (fiscalYearStart + 6 * (h - 1), 6)
        case .quarter(let q): (fiscalYearStart + 3 * (q - 1), 3)
        case .month(let m): (m, 1)
        }
        // The first moment of a month; past year 9999, where calendar dates end, the moment after 9999-12-31.
        func firstMoment(monthsAfterJanuary offset: Int) -> Timestamp {
            if let day = CalendarDate(year: year + (offset - 1) / 12, month: (offset - 1) % 12 + 1, day: 1) { return zone.startOf(day) }
            return Timestamp(milliseconds: zone.startOf(CalendarDate(year: 9999, month: 12, day: 31)!).milliseconds + 86_400_000)
        }
        return firstMoment(monthsAfterJanuary: firstMonth)..<firstMoment(monthsAfterJanuary: firstMonth + months)
    }
}
