extension Event {
    /// How many calendar days (in `zone`) after the day it took effect the log learned of the event: 0 for an
    /// event recorded the same day, 2 for a Monday decision written up on Wednesday.
    public func daysRecordedLate(in zone: TimeZoneRules) -> Int {
        zone.date(at: effectiveAt).days(until: zone.date(at: recordedAt))
    }
}
