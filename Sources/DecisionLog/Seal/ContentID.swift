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
        var seen: [Digest: Int] = [:]
        return drafts.map { draft in
            guard draft.id == nil else { return draft }
            var content: JSONObject = [
                "log": .string(logID.description),
                "type": .string(draft.type.name),
                "subject": .string(draft.subject.text),
                "actor": .object(["name": .string(draft.actor.name), "role": .string(draft.actor.role)]),
                "payload": draft.payload.json,
                "links": .array(draft.links.map { .string($0.description) }),
            ]
            if let reason = draft.reason { content["reason"] = .string(reason) }
            if !draft.effectiveAtIsDefault { content["effectiveAt"] = .string(draft.effectiveAt.iso8601) }
            let bytes = Array(JSONValue.object(content).canonicalBytes)
            let digest = SHA256.hash(bytes)
            let occurrence = seen[digest, default: 0]
            seen[digest] = occurrence + 1
            let words = SHA256.hash(bytes + Array("#\(occurrence)".utf8)).words
            // Version 8 (a UUID of the application's own making), RFC 9562 variant.
            let id = EventID(high: (words[0] & ~0xF000) | 0x8000, low: (words[1] & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000)
            return ValidatedDraft(id: id, effectiveAt: draft.effectiveAt, effectiveAtIsDefault: draft.effectiveAtIsDefault, actor: draft.actor,
                                  subject: draft.subject, reason: draft.reason, links: draft.links, payload: draft.payload)
        }
    }
}
