/// RICE inputs; the score is reach × impact × confidence% ÷ effort.
public struct RICEScore: Sendable, Equatable {
    /// People or events reached per period.
    public let reach: Double
    /// Impact per person: 3 massive, 2 high, 1 medium, 0.5 low, 0.25 minimal.
    public let impact: Double
    /// Confidence in percent, 0–100.
    public let confidence: Double
    /// Effort in person-months, more than 0.
    public let effort: Double

    /// The RICE score.
    public var score: Double { reach * impact * (confidence / 100) / effort }

    /// RICE inputs; see the properties for their ranges (checked when read from a payload).
    public init(reach: Double, impact: Double, confidence: Double, effort: Double) {
        self.reach = reach
        self.impact = impact
        self.confidence = confidence
        self.effort = effort
    }
}
