/// Where a goal stands.
public enum GoalState: String, Sendable, CaseIterable {
    /// Its timeframe runs, and nothing says it will be missed.
    case onTrack = "on track"
    /// Its timeframe runs, and its metric falls short of the pace, or its owner's confidence is low or fell.
    case atRisk = "at risk"
    /// Its timeframe is over and nobody closed it.
    case pastDue = "past due"
    /// Closed: reached.
    case achieved
    /// Closed: not reached.
    case missed
    /// Closed: given up.
    case dropped
    /// Its timeframe runs with nothing to judge it by yet: no actual, no confidence.
    case open
}
