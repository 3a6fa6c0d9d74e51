/// The event types the log knows: BRIEF.md's v1 vocabulary.
public enum Vocabulary {
    /// Every built-in type, in the order help lists them.
    public static let kinds: [PayloadKind] = [
        PayloadKind(GoalSet.self, Payload.goalSet),
        PayloadKind(GoalClosed.self, Payload.goalClosed),
        PayloadKind(MetricDefined.self, Payload.metricDefined),
        PayloadKind(MetricTargetSet.self, Payload.metricTargetSet),
        PayloadKind(MetricRecorded.self, Payload.metricRecorded),
        PayloadKind(PriorityChanged.self, Payload.priorityChanged),
        PayloadKind(LaunchScheduled.self, Payload.launchScheduled),
        PayloadKind(LaunchSlipped.self, Payload.launchSlipped),
        PayloadKind(LaunchShipped.self, Payload.launchShipped),
        PayloadKind(LaunchCancelled.self, Payload.launchCancelled),
        PayloadKind(OwnerAssigned.self, Payload.ownerAssigned),
        PayloadKind(DecisionRecorded.self, Payload.decisionRecorded),
        PayloadKind(DecisionSuperseded.self, Payload.decisionSuperseded),
        PayloadKind(AgreementRecorded.self, Payload.agreementRecorded),
        PayloadKind(SyncHeld.self, Payload.syncHeld),
        PayloadKind(EventRetracted.self, Payload.eventRetracted),
        PayloadKind(SchemaRegistered.self, Payload.schemaRegistered),
    ]

    private static let byName: [String: PayloadKind] = Dictionary(uniqueKeysWithValues: kinds.map { ($0.type.name, $0) })

    /// The kind named `type`, or nil for a type the vocabulary does not have.
    public static func kind(of type: EventType) -> PayloadKind? { byName[type.name] }

    /// The kind named `name`, or nil.
    public static func kind(named name: String) -> PayloadKind? { byName[name] }

    /// Every type name.
    public static var typeNames: [String] { kinds.map(\.type.name) }
}
