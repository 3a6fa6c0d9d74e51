/// What changed between two moments: each view's diff, the KPI actuals compared, the two moments, and the
/// replay that answered them (for a caller that reads more from it, such as the report).
public struct LogDiff {
    /// One diff a view, in the order asked.
    public let diffs: [ViewDiff]
    /// The KPI actuals before and after, when the kpis view was compared.
    public let kpis: [KPIChange]?
    /// The earlier moment.
    public let before: QueryMoment
    /// The later moment.
    public let after: QueryMoment
    /// The replay both moments were read from.
    public let replay: Replay
}
