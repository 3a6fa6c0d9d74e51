/// What validation needs from outside the draft.
public struct DraftContext: Sendable {
    /// The effective time of a draft that gives none.
    public var now: Timestamp
    /// The zone in which times without an offset are read (the log's).
    public var timeZone: TimeZoneRules
    /// The month the log's fiscal year starts in, and how its fiscal years are named, for timeframes given
    /// as FY27 or FY27-Q2.
    public var fiscalYearStart: Int
    public var fiscalYearNaming: FiscalYearNaming

    /// A context; see the properties.
    public init(now: Timestamp, timeZone: TimeZoneRules, fiscalYearStart: Int = 1, fiscalYearNaming: FiscalYearNaming = .end) {
        self.now = now
        self.timeZone = timeZone
        self.fiscalYearStart = fiscalYearStart
        self.fiscalYearNaming = fiscalYearNaming
    }

    /// The context of appends to a log configured as `config`, now.
    public init(now: Timestamp, config: LogConfig) {
        self.init(now: now, timeZone: config.timeZone, fiscalYearStart: config.fiscalYearStartMonth, fiscalYearNaming: config.fiscalYearNaming)
    }
}
