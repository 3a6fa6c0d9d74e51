/// The identity of a payload schema: `urn:decisionlog:type:<type>:<version>` in its `$id`.
public enum SchemaIdentity {
    /// The type and version an `$id` names, or nil when it is not a payload schema's id.
    public static func parse(_ id: String?) -> (type: String, version: Int)? {
        guard let id, id.hasPrefix("urn:decisionlog:type:") else { return nil }
        let rest = id.dropFirst("urn:decisionlog:type:".count)
        guard let colon = rest.lastIndex(of: ":"), let version = Int(rest[rest.index(after: colon)...]), version >= 1 else { return nil }
        return (String(rest[..<colon]), version)
    }

    /// The `$id` of `type` at `version`.
    public static func id(_ type: String, _ version: Int) -> String { "urn:decisionlog:type:\(type):\(version)" }
}
