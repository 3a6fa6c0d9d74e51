/// What building a view needs besides the state: the moment, and how to read and show time.
public struct ViewContext: Sendable {
    /// The effective-time limit.
    public let asOf: AsOf
    /// The log's time zone.
    public let timeZone: TimeZoneRules
    /// The month the log's fiscal year starts in.
    public let fiscalYearStart: Int

    /// A context; see the properties.
    public init(asOf: AsOf, timeZone: TimeZoneRules, fiscalYearStart: Int) {
        self.asOf = asOf
        self.timeZone = timeZone
        self.fiscalYearStart = fiscalYearStart
    }

    /// How the log reads periods.
    public var calendar: PeriodCalendar { PeriodCalendar(zone: timeZone, fiscalYearStart: fiscalYearStart) }

    /// The calendar day of the as-of moment in the log's zone (for "review date passed").
    public var asOfDate: CalendarDate { timeZone.date(at: asOf.instant) }
}
