/// How a log reads periods: its time zone and the month its fiscal year starts in.
public struct PeriodCalendar: Sendable {
    /// The zone days are read in.
    public let zone: TimeZoneRules
    /// The month (1–12) fiscal years, halves and quarters start from.
    public let fiscalYearStart: Int

    /// A calendar; see the properties.
    public init(zone: TimeZoneRules, fiscalYearStart: Int) {
        self.zone = zone
        self.fiscalYearStart = fiscalYearStart
    }

    /// The days of `timeframe`.
    public func span(_ timeframe: Timeframe) -> MeasuredSpan {
        let interval = timeframe.interval(fiscalYearStart: fiscalYearStart, zone: zone)
        return MeasuredSpan(first: zone.date(at: interval.lowerBound), last: zone.date(at: interval.upperBound.adding(milliseconds: -1)), timeframe: timeframe)
    }

    /// The days an actual measures: its period, else its date.
    public func span(_ actual: MetricRecorded) -> MeasuredSpan {
        if let period = actual.period { return span(period) }
        return MeasuredSpan(first: actual.date!, last: actual.date!, timeframe: nil)
    }
}
