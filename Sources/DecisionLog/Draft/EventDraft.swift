/// An event as a person or a file proposes it, before validation: a JSON object with the envelope's
/// members a user may set (`type`, `subject`, `actor`, `effectiveAt`, `reason`, `links`, `id`) and the
/// `payload`.
///
/// The command line builds one from options, `--json` and stdin give one directly; both go through the same
/// validation (`validated(in:)`), so every write path checks the same rules.
public struct EventDraft: Sendable, Equatable {
    /// The draft's members.
    public var members: JSONObject

    /// The members a draft may have.
    public static let allowedMembers = ["type", "id", "subject", "actor", "effectiveAt", "reason", "links", "payload"]
    /// Members the log sets itself; a draft that has them is refused.
    public static let sealedMembers = ["seq", "schemaVersion", "recordedAt", "recordedBy", "prev", "hash"]

    /// A draft with these members.
    public init(members: JSONObject = [:]) { self.members = members }

    /// A draft of type `type` with `payload`.
    public init(type: String, payload: JSONObject = [:]) {
        members = ["type": .string(type), "payload": .object(payload)]
    }

    /// Parses a draft from JSON text; throws `DraftInputError` for text that is not a JSON object.
    public init(jsonText bytes: some Collection<UInt8>) throws(DraftInputError) {
        let value: JSONValue
        do throws(JSONSyntaxError) { value = try JSONValue.parse(bytes) } catch { throw .syntax(error) }
        guard case .object(let members) = value else { throw .notAnObject(value.kindName) }
        self.members = members
    }

    /// The `type` member, when it is a string.
    public var type: String? { members["type"]?.stringValue }

    /// The payload members (empty when there is no payload object).
    public var payload: JSONObject {
        get { members["payload"]?.objectValue ?? [:] }
        set { members["payload"] = .object(newValue) }
    }

    /// Sets an envelope member, or removes it for nil.
    public mutating func set(_ name: String, _ value: JSONValue?) { members[name] = value }

    /// Sets the actor: who decided, and in which role.
    public mutating func setActor(name: String, role: String) {
        members["actor"] = ["name": .string(name), "role": .string(role)]
    }
}
