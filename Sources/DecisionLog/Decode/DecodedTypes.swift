/// Which events a pass over the log decodes in full. The others give only their header (`EventHeader`): a
/// view that reads launches need not build the strings and payloads of a million metric readings.
///
/// Only built-in types are ever left out, and only when their schema version is one this tool reads: team
/// types and registrations are always decoded, so the rules about them (`RegisteredTypes`) hold on every
/// pass, and a line written by a newer tool is still refused. A line left out is checked only as far as its
/// header (its layout, seq, id and times); a payload that does not fit its type there is found by the views
/// that read it and by `verify`, which decodes every line.
public struct DecodedTypes: Sendable {
    /// For each built-in kind, in `Vocabulary.kinds` order: its name's bytes, its schema version, and whether
    /// it is decoded.
    private let kinds: [(name: [UInt8], version: Int, decoded: Bool)]
    /// Whether every event is decoded.
    let decodesEverything: Bool

    /// Every event, in full.
    public static let everything = DecodedTypes(decoding: nil)

    /// The events of `types`, and every event of a team type or a registration; nil decodes every event.
    public init(decoding types: Set<EventType>?) {
        kinds = Vocabulary.kinds.map { kind in
            (Array(kind.type.name.utf8), kind.schemaVersion,
             types.map { $0.contains(kind.type) } ?? true || kind.type == SchemaRegistered.type)
        }
        decodesEverything = kinds.allSatisfy(\.decoded)
    }

    /// Whether an event of the type named `type`, written at schema `version`, is decoded in full.
    func decodes(type: UnsafeBufferPointer<UInt8>, version: Int) -> Bool {
        for kind in kinds where kind.name.count == type.count && kind.name.withUnsafeBytes({ ByteSearch.equal($0.baseAddress!, type.baseAddress!, count: type.count) }) {
            return kind.decoded || version > kind.version
        }
        return true
    }
}
