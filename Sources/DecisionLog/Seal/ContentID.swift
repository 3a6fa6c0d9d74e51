/// Ids for drafts whose source gives none — a spreadsheet's rows, a JSON Lines file's drafts — derived from
/// what each draft says, so importing the same file again, or a file that overlaps an earlier one, records
/// each row once (docs/rules.md, "Imports").
///
/// A row's id is a version-8 UUID made of the SHA-256 of: the log's id; the draft's type, subject, actor
/// (name and role), reason, links and payload (canonical JSON); its effective time when the row gives one;
/// and how many rows of the same file said exactly the same before it. So two identical rows of one file are
/// two events, and stay two when the file is imported again.
public enum ContentID {
    /// `drafts` with an id given to each that has none; drafts with an id keep it.
    public static func assign(_ drafts: [ValidatedDraft], logID: EventID) -> [ValidatedDraft] {
        var assigner = Assigner(logID: logID)
        return assigner.assign(drafts)
    }

    /// Gives ids to a file's drafts a part at a time, in file order: it remembers what each row said (a
    /// 16-byte key and a count, in a dictionary), to count the identical rows before each one.
    public struct Assigner: Sendable {
        private let logID: EventID
        /// How many rows said each thing so far, by the first half of the SHA-256 of what they said.
        private var seen: [EventID: Int32] = [:]

        /// An assigner for a file imported into the log `logID`.
        public init(logID: EventID) { self.logID = logID }

        /// `drafts`, the next of the file, with an id given to each that has none. The hashing runs on every
        /// core; only the counting runs in order.
        public mutating func assign(_ drafts: [ValidatedDraft]) -> [ValidatedDraft] {
            let logID = self.logID.description
            let contents = ParallelMapping.map(count: drafts.count, minimum: 256) {
                { index -> (bytes: [UInt8], key: EventID)? in
                    let draft = drafts[index]
                    guard draft.id == nil else { return nil }
                    let bytes = ContentID.content(of: draft, logID: logID)
                    let words = SHA256.hash(bytes).words
                    return (bytes, EventID(high: words[0], low: words[1]))
                }
            }
            var occurrences = [Int32](repeating: 0, count: drafts.count)
            for (index, content) in contents.enumerated() {
                guard let key = content?.key else { continue }
                let occurrence = seen[key, default: 0]
                seen[key] = occurrence + 1
                occurrences[index] = occurrence
            }
            let counts = occurrences
            return ParallelMapping.map(count: drafts.count, minimum: 256) {
                { index in
                    let draft = drafts[index]
                    guard let bytes = contents[index]?.bytes else { return draft }
                    let words = SHA256.hash(bytes + Array("#\(counts[index])".utf8)).words
                    // Version 8 (a UUID of the application's own making), RFC 9562 variant.
                    let id = EventID(high: (words[0] & ~0xF000) | 0x8000, low: (words[1] & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000)
                    return draft.identified(as: id)
                }
            }
        }
    }

    /// What a draft says, as the canonical JSON its id is made of.
    private static func content(of draft: ValidatedDraft, logID: String) -> [UInt8] {
        var content: JSONObject = [
            "log": .string(logID),
            "type": .string(draft.type.name),
            "subject": .string(draft.subject.text),
            "actor": .object(["name": .string(draft.actor.name), "role": .string(draft.actor.role)]),
            "payload": draft.payload.json,
            "links": .array(draft.links.map { .string($0.description) }),
        ]
        if let reason = draft.reason { content["reason"] = .string(reason) }
        if !draft.effectiveAtIsDefault { content["effectiveAt"] = .string(draft.effectiveAt.iso8601) }
        return Array(JSONValue.object(content).canonicalBytes)
    }
}
