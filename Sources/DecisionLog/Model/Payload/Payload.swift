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

/// Everything the log knows about one event type: its name, fields, rules and how to read its payload.
public struct PayloadKind: Sendable {
    /// The type's name.
    public let type: EventType
    /// One line for help.
    public let summary: String
    /// The payload's fields.
    public let fields: [PayloadField]
    /// The kind subjects of this type must have, if any.
    public let subjectKind: String?
    /// Whether a reason is required.
    public let requiresReason: Bool
    /// The schema version the running code writes and reads.
    public let schemaVersion: Int
    private let decodeJSON: @Sendable (JSONValue, String) throws(ValidationFailure) -> Payload

    init<P: EventPayload>(_ payload: P.Type, _ wrap: @escaping @Sendable (P) -> Payload) {
        type = P.type
        summary = P.summary
        fields = P.fields
        subjectKind = P.subjectKind
        requiresReason = P.requiresReason
        schemaVersion = P.schemaVersion
        let fields = P.fields
        decodeJSON = { (json: JSONValue, path: String) throws(ValidationFailure) -> Payload in
            let reader = PayloadReader(json, fields: fields, path: path)
            let payload = wrap(P(reading: reader))
            try reader.finish()
            return payload
        }
    }

    /// The kind of a team-defined type at `version`, described by its schema: fields from `properties`,
    /// the subject kind from `x-subject-kind`, the reason rule from `x-requires-reason`. Its payloads are
    /// taken as they are (the schema is checked before, by the caller).
    public init(team name: String, version: Int, schema: JSONValue) {
        type = EventType(name)
        let members = schema.objectValue ?? [:]
        summary = members["description"]?.stringValue ?? members["title"]?.stringValue ?? "A team-defined event type."
        fields = PayloadField.fields(fromSchema: schema)
        subjectKind = members["x-subject-kind"]?.stringValue
        requiresReason = members["x-requires-reason"] == .bool(true)
        schemaVersion = version
        decodeJSON = { (json: JSONValue, path: String) throws(ValidationFailure) -> Payload in
            guard case .object(let fields) = json else {
                throw ValidationFailure([ValidationIssue(path: path, message: "expected an object, got \(json.kindName)")])
            }
            return .custom(CustomPayload(type: EventType(name), version: version, fields: fields))
        }
    }

    /// Reads `json` as this type's payload; throws every problem, each with its path under `path`.
    public func decode(_ json: JSONValue, path: String = "payload") throws(ValidationFailure) -> Payload {
        try decodeJSON(json, path)
    }
}

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
