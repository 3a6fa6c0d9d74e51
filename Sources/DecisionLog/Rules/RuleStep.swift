/// What one event means to the domain rules: the part of its payload a lifecycle or a reference needs.
public enum RuleStep: Sendable, Equatable {
    case launch(LaunchStep)
    case goalSet
    case goalClosed
    case decisionRecorded
    case decisionSuperseded(by: Subject)
    case metricDefined
    /// A target or an actual: the metric must be defined.
    case metricMeasured(EventType)
    /// A retraction: the event it retracts stops counting.
    case retraction(EventID)

    /// The step `payload` is, or nil for an event no rule is about.
    public init?(_ payload: Payload) {
        switch payload {
        case .goalSet: self = .goalSet
        case .goalClosed: self = .goalClosed
        case .decisionRecorded: self = .decisionRecorded
        case .decisionSuperseded(let p): self = .decisionSuperseded(by: p.by)
        case .metricDefined: self = .metricDefined
        case .metricTargetSet, .metricRecorded: self = .metricMeasured(payload.type)
        case .eventRetracted(let r): self = .retraction(r.event)
        default:
            guard let step = LaunchStep(payload) else { return nil }
            self = .launch(step)
        }
    }

    /// The subjects besides its own that the step refers to.
    var references: [Subject] {
        if case .decisionSuperseded(let by) = self { return [by] }
        return []
    }
}
