/// How a metric's value for a period compares with its target.
public enum MetricJudgement: String, Sendable {
    /// The period is running and the value meets the target (for an amount counted so far, its pace).
    case onTrack = "on track"
    /// The period is running and the value falls short.
    case offTrack = "off track"
    /// The period is over and the value met the target.
    case met
    /// The period is over and the value fell short.
    case missed
    /// The period is over, but its value does not cover it yet (its last month is not recorded).
    case incomplete
    /// There is no value for the period.
    case noActual = "no actual"
}
