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
    ///
    /// An object of `actor` (name and role), `effectiveAt` (when given), `links`, `log`, `payload`, `reason`
    /// (when given), `subject` and `type`, written straight out in that order: their keys' canonical order.
    private static func content(of draft: ValidatedDraft, logID: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(384)
        func key(_ name: StaticString) {
            out.append(out.isEmpty ? UInt8(ascii: "{") : UInt8(ascii: ","))
            CanonicalJSON.appendKey(name, to: &out)
        }
        key("actor")
        out.append(UInt8(ascii: "{"))
        CanonicalJSON.appendKey("name", to: &out); CanonicalJSON.appendString(draft.actor.name, to: &out)
        out.append(UInt8(ascii: ","))
        CanonicalJSON.appendKey("role", to: &out); CanonicalJSON.appendString(draft.actor.role, to: &out)
        out.append(UInt8(ascii: "}"))
        if !draft.effectiveAtIsDefault { key("effectiveAt"); CanonicalJSON.appendString(draft.effectiveAt.iso8601, to: &out) }
        key("links")
        out.append(UInt8(ascii: "["))
        for (index, link) in draft.links.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            CanonicalJSON.appendString(link.description, to: &out)
        }
        out.append(UInt8(ascii: "]"))
        key("log"); CanonicalJSON.appendString(logID, to: &out)
        key("payload"); draft.payload.json.appendCanonical(to: &out)
        if let reason = draft.reason { key("reason"); CanonicalJSON.appendString(reason, to: &out) }
        key("subject"); CanonicalJSON.appendString(draft.subject.text, to: &out)
        key("type"); CanonicalJSON.appendString(draft.type.name, to: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }
}
