/// The days a target covers or an actual measures: a period (its first to last day) or one day.
public struct MeasuredSpan: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The first day.
    public let first: CalendarDate
    /// The last day.
    public let last: CalendarDate
    /// The period, or nil for one day.
    public let timeframe: Timeframe?

    /// The period as people name it (`2026-Q2`), or the day.
    public var description: String { timeframe?.description ?? first.description }
    /// How many days.
    public var length: Int { first.days(until: last) + 1 }
    /// Whether every day of `other` is in this span.
    public func contains(_ other: MeasuredSpan) -> Bool { first <= other.first && other.last <= last }
    /// Whether `day` is in this span.
    public func contains(_ day: CalendarDate) -> Bool { first <= day && day <= last }

    /// Ordered by last day, then the shorter (more specific) first.
    public static func < (a: MeasuredSpan, b: MeasuredSpan) -> Bool { (a.last, b.first) < (b.last, a.first) }
}
