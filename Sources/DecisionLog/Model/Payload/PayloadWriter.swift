/// Collects a typed payload's fields into its JSON object.
public struct PayloadWriter {
    /// The members written so far.
    public private(set) var members: JSONObject = [:]

    /// An empty payload object.
    public init() {}

    /// Sets `name` to `value`; nothing is written for nil or an empty list (absent and empty mean the same).
    public mutating func set<T: PayloadValue>(_ name: String, _ value: T?) {
        guard let value else { return }
        let json = value.json
        if case .array(let elements) = json, elements.isEmpty { return }
        members[name] = json
    }

    /// The payload as a JSON object.
    public var json: JSONValue { .object(members) }
}
