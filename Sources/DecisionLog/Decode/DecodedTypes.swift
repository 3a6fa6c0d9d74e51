/// Which events a pass over the log decodes in full. The others give only their header (`EventHeader`): a
/// view that reads launches need not build the strings and payloads of a million metric readings.
///
/// Only built-in types are ever left out, and only when their schema version is one this tool reads: team
/// types and registrations are always decoded, so the rules about them (`RegisteredTypes`) hold on every
/// pass, and a line written by a newer tool is still refused. A line left out is checked only as far as its
/// header (its layout, seq, id and times); a payload that does not fit its type there is found by the views
/// that read it and by `verify`, which decodes every line.
public struct DecodedTypes: Sendable {
    /// For each built-in kind, in `Vocabulary.kinds` order: its name's bytes, its schema version, whether it
    /// is decoded, and whether always (registrations, whatever their subject).
    private let kinds: [(name: [UInt8], version: Int, decoded: Bool, always: Bool)]
    /// The subjects' beginnings a built-in type's event must have to be decoded; nil for any subject.
    private let subjectPrefixes: [[UInt8]]?
    /// Whether every event is decoded.
    let decodesEverything: Bool

    /// Every event, in full.
    public static let everything = DecodedTypes(decoding: nil)

    /// The events of `types` (nil: of every type) whose subject starts with one of `subjectPrefixes` (nil:
    /// any), and every event of a team type or a registration.
    public init(decoding types: Set<EventType>?, subjectPrefixes: [String]? = nil) {
        kinds = Vocabulary.kinds.map { kind in
            let always = kind.type == SchemaRegistered.type
            return (Array(kind.type.name.utf8), kind.schemaVersion, types.map { $0.contains(kind.type) } ?? true || always, always)
        }
        self.subjectPrefixes = subjectPrefixes.map { $0.map { Array($0.utf8) } }
        decodesEverything = kinds.allSatisfy(\.decoded) && subjectPrefixes == nil
    }

    /// Whether an event of the type named `type`, written at schema `version`, about the subject `subject`
    /// gives (nil: one it cannot read), is decoded in full.
    func decodes(type: UnsafeBufferPointer<UInt8>, version: Int, subject: () -> UnsafeBufferPointer<UInt8>?) -> Bool {
        for kind in kinds where kind.name.count == type.count && kind.name.withUnsafeBytes({ ByteSearch.equal($0.baseAddress!, type.baseAddress!, count: type.count) }) {
            if version > kind.version || kind.always { return true }
            guard kind.decoded else { return false }
            guard let prefixes = subjectPrefixes, let subject = subject() else { return true }
            return prefixes.contains { prefix in
                prefix.count <= subject.count && prefix.withUnsafeBytes { ByteSearch.equal($0.baseAddress!, subject.baseAddress!, count: prefix.count) }
            }
        }
        return true
    }
}
