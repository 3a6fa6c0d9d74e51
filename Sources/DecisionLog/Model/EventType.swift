/// The name of an event type, `noun.verb` in the past tense: `goal.set`, `launch.slipped`.
public struct EventType: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The name, e.g. `launch.slipped`.
    public let name: String

    /// The type called `name` (not checked against the vocabulary; see `Vocabulary.kind(of:)`).
    public init(_ name: String) { self.name = name }
    public init(stringLiteral value: String) { name = value }

    /// The noun the type is about: `launch` for `launch.slipped`, `metric` for `metric.target.set`.
    public var family: Substring { name.prefix { $0 != "." } }

    public var description: String { name }

    public static func < (a: EventType, b: EventType) -> Bool { a.name < b.name }
}
