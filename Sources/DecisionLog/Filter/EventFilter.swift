/// Which events a query wants: by type, subject, actor, role, effective time and text. Empty criteria match
/// everything; several values of one criterion match any of them; different criteria must all match.
public struct EventFilter: Sendable {
    /// Type names (`launch.slipped`) or families (`launch`, `launch.*`).
    public var types: [String] = []
    /// Subject prefixes: `launch/` matches every launch, `launch/atlas` that one (and `launch/atlas-2`).
    public var subjectPrefixes: [String] = []
    /// Actor names, compared without regard to case.
    public var actors: [String] = []
    /// Actor roles, compared without regard to case.
    public var roles: [String] = []
    /// Earliest effective time (inclusive).
    public var effectiveFrom: Timestamp?
    /// Effective times before this one (exclusive).
    public var effectiveBefore: Timestamp?
    /// A pattern searched in the subject, reason, actor and every text of the payload, ignoring case.
    public var text: TextPattern?

    /// A filter that matches every event.
    public init() {}

    /// True when `event` meets every criterion.
    public func matches(_ event: Event) -> Bool {
        if !types.isEmpty && !types.contains(where: { EventFilter.type(event.type, matches: $0) }) { return false }
        if !subjectPrefixes.isEmpty && !subjectPrefixes.contains(where: { event.subject.text.hasPrefix($0) }) { return false }
        if !actors.isEmpty && !actors.contains(where: { $0.lowercased() == event.actor.name.lowercased() }) { return false }
        if !roles.isEmpty && !roles.contains(where: { $0.lowercased() == event.actor.role.lowercased() }) { return false }
        if let effectiveFrom, event.effectiveAt < effectiveFrom { return false }
        if let effectiveBefore, event.effectiveAt >= effectiveBefore { return false }
        if let text, !text.matches(event) { return false }
        return true
    }

    /// The events a pass must decode to apply the filter: with types named, only the built-in types among
    /// them (and every team type); with subject prefixes, only events whose subject starts with one of them,
    /// compared as bytes — exact, since subjects are ASCII, when the prefixes are too (a prefix of other
    /// characters may equal an ASCII one as Unicode text, so then every subject is decoded).
    public var decodedTypes: DecodedTypes {
        let named = types.isEmpty ? nil : Set(Vocabulary.kinds.map(\.type).filter { type in types.contains { EventFilter.type(type, matches: $0) } })
        let prefixes = subjectPrefixes.isEmpty || !subjectPrefixes.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) ? nil : subjectPrefixes
        return DecodedTypes(decoding: named, subjectPrefixes: prefixes)
    }

    /// True when `type` is `pattern`, or belongs to the family `pattern` (`launch` or `launch.*`).
    static func type(_ type: EventType, matches pattern: String) -> Bool {
        if type.name == pattern { return true }
        let family = pattern.hasSuffix(".*") ? String(pattern.dropLast(2)) : pattern
        return type.name.hasPrefix(family + ".")
    }

    /// Whether `pattern` names one of `types` (the built-in ones by default) or a family of them; for
    /// refusing typos before a query runs.
    public static func isKnownTypePattern(_ pattern: String, among types: [String] = Vocabulary.typeNames) -> Bool {
        types.contains { type(EventType($0), matches: pattern) }
    }
}
