extension Timeframe {
    /// The period as instants in `zone`: from its first moment (inclusive) to the first moment after it
    /// (exclusive). Years, halves and quarters are fiscal: fiscal year 2025 starts on the first day of
    /// `fiscalYearStart` (a month, 1–12) in 2025. Months are calendar months.
    public func interval(fiscalYearStart: Int, zone: TimeZoneRules) -> Range<Timestamp> {
        let (firstMonth, months): (Int, Int) = switch span {
        case .year: (fiscalYearStart, 12)
        case .half(let h): (fiscalYearStart + 6 * (h - 1), 6)
        case .quarter(let q): (fiscalYearStart + 3 * (q - 1), 3)
        case .month(let m): (m, 1)
        }
        func firstDay(monthsAfterJanuary offset: Int) -> CalendarDate {
            CalendarDate(year: year + (offset - 1) / 12, month: (offset - 1) % 12 + 1, day: 1)!
        }
        let start = firstDay(monthsAfterJanuary: firstMonth)
        let end = firstDay(monthsAfterJanuary: firstMonth + months)
        return zone.startOf(start)..<zone.startOf(end)
    }
}
