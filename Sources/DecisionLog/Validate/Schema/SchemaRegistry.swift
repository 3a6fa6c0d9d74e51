/// The payload schemas drafts are validated against: the built-in types' (compiled into the tool) and any
/// the team registered in the log (`schema.registered` events). Each schema is compiled once, when first used.
///
/// Not `Sendable`: compiled schemas are not (see `JSONSchema`); make one per task.
public final class SchemaRegistry {
    private var sources: [String: [Int: JSONValue]]
    private let builtIn: Set<String>
    private var compiled: [String: JSONSchema] = [:]

    /// The built-in schemas, plus `teamSchemas` (type → version → schema JSON) registered in a log.
    public init(teamSchemas: [String: [Int: JSONValue]] = [:]) {
        sources = BuiltInSchemas.payloads
        builtIn = Set(BuiltInSchemas.payloads.keys)
        for (type, versions) in teamSchemas where !builtIn.contains(type) { sources[type] = versions }
    }

    /// Whether `type` is one of the tool's own.
    public func isBuiltIn(_ type: String) -> Bool { builtIn.contains(type) }

    /// Every type with a schema, sorted.
    public var typeNames: [String] { sources.keys.sorted() }

    /// The types the team registered, sorted.
    public var teamTypes: [String] { sources.keys.filter { !builtIn.contains($0) }.sorted() }

    /// The versions of `type`'s schema, ascending.
    public func versions(of type: String) -> [Int] { sources[type].map { $0.keys.sorted() } ?? [] }

    /// The newest version of `type`'s schema, or nil for a type without one.
    public func latestVersion(of type: String) -> Int? { versions(of: type).last }

    /// The schema JSON of `type` at `version`.
    public func source(_ type: String, version: Int) -> JSONValue? { sources[type]?[version] }

    /// The compiled schema of `type` at `version` (the latest when nil), or nil when there is none.
    /// Schemas that do not compile were refused when registered, so this does not fail for them.
    public func schema(_ type: String, version: Int? = nil) -> JSONSchema? {
        guard let version = version ?? latestVersion(of: type), let source = sources[type]?[version] else { return nil }
        let key = "\(type) \(version)"
        if let schema = compiled[key] { return schema }
        guard let schema = try? JSONSchema(source) else { return nil }
        compiled[key] = schema
        return schema
    }

    /// Every way `payload` breaks the latest schema of `type`, with paths under `payload`.
    public func validatePayload(_ payload: JSONValue, type: String) -> [ValidationIssue] {
        guard let schema = schema(type) else { return [] }
        return schema.validate(payload, path: "payload", subject: type)
    }
}
