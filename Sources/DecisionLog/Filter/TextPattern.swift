/// A case-insensitive regular expression (or plain text, which is a valid one) searched in an event's text,
/// in time linear in the text (see `Pattern`).
public struct TextPattern: Sendable {
    /// The pattern as given.
    public var source: String { pattern.source }
    private let pattern: Pattern

    /// Compiles `source`; throws `PatternError` when it is not a pattern `Pattern` accepts.
    public init(_ source: String) throws(PatternError) {
        pattern = try Pattern(source, ignoringCase: true)
    }

    /// True when the subject, reason, actor or any text in the payload contains a match.
    public func matches(_ event: Event) -> Bool {
        var texts = [event.subject.text, event.actor.name, event.actor.role]
        if let reason = event.reason { texts.append(reason) }
        TextPattern.collectStrings(event.payload.json, into: &texts)
        return texts.contains { pattern.matches(in: $0) }
    }

    private static func collectStrings(_ value: JSONValue, into texts: inout [String]) {
        switch value {
        case .string(let s): texts.append(s)
        case .array(let elements): for element in elements { collectStrings(element, into: &texts) }
        case .object(let members): for member in members.values { collectStrings(member, into: &texts) }
        default: break
        }
    }
}
