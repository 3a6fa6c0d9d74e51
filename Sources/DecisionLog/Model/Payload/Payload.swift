/// The typed payload of an event: one case per event type of the v1 vocabulary.
public enum Payload: Sendable, Equatable {
    case goalSet(GoalSet)
    case goalClosed(GoalClosed)
    case metricDefined(MetricDefined)
    case metricTargetSet(MetricTargetSet)
    case metricRecorded(MetricRecorded)
    case priorityChanged(PriorityChanged)
    case launchScheduled(LaunchScheduled)
    case launchSlipped(LaunchSlipped)
    case launchShipped(LaunchShipped)
    case launchCancelled(LaunchCancelled)
    case ownerAssigned(OwnerAssigned)
    case decisionRecorded(DecisionRecorded)
    case decisionSuperseded(DecisionSuperseded)
    case agreementRecorded(AgreementRecorded)
    case syncHeld(SyncHeld)
    case eventRetracted(EventRetracted)
    case schemaRegistered(SchemaRegistered)
    /// An event of a team-defined type (see `schema.registered`).
    case custom(CustomPayload)

    /// The built-in payload value, or nil for a team-defined type's.
    var builtIn: (any EventPayload)? {
        switch self {
        case .goalSet(let p): p
        case .goalClosed(let p): p
        case .metricDefined(let p): p
        case .metricTargetSet(let p): p
        case .metricRecorded(let p): p
        case .priorityChanged(let p): p
        case .launchScheduled(let p): p
        case .launchSlipped(let p): p
        case .launchShipped(let p): p
        case .launchCancelled(let p): p
        case .ownerAssigned(let p): p
        case .decisionRecorded(let p): p
        case .decisionSuperseded(let p): p
        case .agreementRecorded(let p): p
        case .syncHeld(let p): p
        case .eventRetracted(let p): p
        case .schemaRegistered(let p): p
        case .custom: nil
        }
    }

    /// The event type of this payload.
    public var type: EventType {
        if case .custom(let custom) = self { return custom.type }
        return Swift.type(of: builtIn!).type
    }

    /// The schema version this payload is written with.
    public var schemaVersion: Int {
        if case .custom(let custom) = self { return custom.version }
        return Swift.type(of: builtIn!).schemaVersion
    }

    /// The payload's JSON object.
    public var json: JSONValue {
        if case .custom(let custom) = self { return .object(custom.fields) }
        return builtIn!.json
    }
}
