/// The payload schemas drafts are validated against: the built-in types' (compiled into the tool) and the
/// ones the team registered in the log (`schema.registered` events, see `EventStore.schemaRegistrations()`).
/// Each schema is compiled once, when first used.
///
/// Not `Sendable`: compiled schemas are not (see `JSONSchema`); make one per task.
public final class SchemaRegistry {
    private let builtIn: [String: [Int: JSONValue]]
    private var team: [String: [Int: SchemaRegistration]] = [:]
    private var compiled: [String: JSONSchema] = [:]
    /// Each type's latest compiled schema, looked up once per type rather than once per draft.
    private var latest: [String: JSONSchema] = [:]
    private var teamKinds: [String: PayloadKind] = [:]

    /// The built-in schemas, plus the team's `registrations` (in seq order; the first registration of a
    /// type and version is the one that holds).
    public init(registrations: [SchemaRegistration] = []) {
        builtIn = BuiltInSchemas.payloads
        for registration in registrations { register(registration) }
    }

    /// Adds a registration (an import's file may register a type and then use it); a second registration
    /// of the same type and version, or of a built-in type, is ignored.
    public func register(_ registration: SchemaRegistration) {
        guard builtIn[registration.type] == nil, team[registration.type]?[registration.version] == nil else { return }
        team[registration.type, default: [:]][registration.version] = registration
        teamKinds[registration.type] = nil
        latest[registration.type] = nil
    }

    /// The team's registrations that hold (the first of each type and version), by type and version: enough
    /// to make another registry like this one, e.g. one per thread.
    public var registrations: [SchemaRegistration] {
        team.keys.sorted().flatMap { type in team[type]!.keys.sorted().map { team[type]![$0]! } }
    }

    /// Whether `type` is one of the tool's own.
    public func isBuiltIn(_ type: String) -> Bool { builtIn[type] != nil }

    /// Every type with a schema, sorted.
    public var typeNames: [String] { (Array(builtIn.keys) + Array(team.keys)).sorted() }

    /// The types the team registered, sorted.
    public var teamTypes: [String] { team.keys.sorted() }

    /// The versions of `type`'s schema, ascending.
    public func versions(of type: String) -> [Int] { (builtIn[type].map { Array($0.keys) } ?? team[type].map { Array($0.keys) } ?? []).sorted() }

    /// The newest version of `type`'s schema, or nil for a type without one.
    public func latestVersion(of type: String) -> Int? { versions(of: type).last }

    /// The schema JSON of `type` at `version`.
    public func source(_ type: String, version: Int) -> JSONValue? { builtIn[type]?[version] ?? team[type]?[version]?.schema }

    /// The registration of a team type at `version`, or nil.
    public func registration(_ type: String, version: Int) -> SchemaRegistration? { team[type]?[version] }

    /// The compiled schema of `type` at `version` (the latest when nil), or nil when there is none; throws
    /// `SchemaError` for a registered schema this version refuses to compile (one registered by an older
    /// version, or written into the log by hand, that could hang or crash the validator).
    public func schema(_ type: String, version: Int? = nil) throws(SchemaError) -> JSONSchema? {
        if version == nil, let schema = latest[type] { return schema }
        guard let number = version ?? latestVersion(of: type), let source = source(type, version: number) else { return nil }
        let key = "\(type) \(number)"
        let schema: JSONSchema
        if let known = compiled[key] { schema = known } else { schema = try JSONSchema(source) }
        compiled[key] = schema
        if version == nil { latest[type] = schema }
        return schema
    }

    /// The kind of `type`: a built-in one, or a team type at its latest version; nil for an unknown type.
    public func kind(named type: String) -> PayloadKind? {
        if let kind = Vocabulary.kind(named: type) { return kind }
        if let kind = teamKinds[type] { return kind }
        guard let version = latestVersion(of: type), let source = source(type, version: version) else { return nil }
        let kind = PayloadKind(team: type, version: version, schema: source)
        teamKinds[type] = kind
        return kind
    }

    /// Every way `payload` breaks the latest schema of `type`, with paths under `payload`; when that schema
    /// cannot be used (see `schema(_:version:)`), the one issue saying so: a draft is never let through
    /// unchecked.
    public func validatePayload(_ payload: JSONValue, type: String) -> [ValidationIssue] {
        do throws(SchemaError) {
            guard let schema = try schema(type) else { return [] }
            return schema.validate(payload, path: "payload", subject: type)
        } catch {
            let version = latestVersion(of: type).map { " v\($0)" } ?? ""
            return [ValidationIssue(path: "type", message: "\(type)\(version)'s registered schema cannot be used: at \(error.location), \(error.message); register a new version of the type with 'decisionlog schema add'")]
        }
    }
}
