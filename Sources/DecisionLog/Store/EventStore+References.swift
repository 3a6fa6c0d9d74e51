extension EventStore {
    /// Resolves `text` as a reference to one event: a seq (`12`, `#12`), an id, or an id's first 8 or more
    /// hex digits. With `digitsMayStartAnID` (for reading, never for a reference a new event records), digits
    /// alone that name no seq are tried as an id's start when there are 8 or more of them. Throws what reading
    /// the log throws.
    public func lookUp(_ text: String, digitsMayStartAnID: Bool = false) throws -> EventLookup {
        guard let reference = EventReference(text) else { return .notAReference }
        var found = try events(matching: reference)
        if found.isEmpty, digitsMayStartAnID, case .seq = reference, !text.hasPrefix("#"), text.count >= 8 {
            found = try events(matching: .idPrefix(text))  // digits only, but long enough to be an id's start
        }
        switch found.count {
        case 0: return .missing(reference)
        case 1: return .found(found[0])
        default: return .ambiguous(found.count)
        }
    }
}

/// A reference in a draft that names no event, or several; `message` says which and what to give instead.
public struct ReferenceFailure: Error, Sendable {
    /// One sentence, e.g. "--link: no event #99 in this log".
    public let message: String
}

extension EventStore {
    /// The one event `text` names (`lookUp`); `what` names where the reference was given, in the failure.
    /// Throws `ReferenceFailure` when it names none or several, and what reading the log throws.
    public func event(_ text: String, givenAs what: String) throws -> Event {
        switch try lookUp(text) {
        case .found(let event): return event
        case .notAReference: throw ReferenceFailure(message: "\(what): '\(text.quotedForMessage)' is not an event reference; use #seq or an event id")
        case .missing(let reference): throw ReferenceFailure(message: "\(what): no event \(reference) in this log")
        case .ambiguous(let count): throw ReferenceFailure(message: "\(what): '\(text.quotedForMessage)' matches \(count) events; give more of the id")
        }
    }

    /// Turns the references in `links` and a retraction's event into ids, and gives a retraction without a
    /// subject the retracted event's subject — as `add` and the web form record them. `labels` name the two
    /// inputs in failures. Throws `ReferenceFailure`, and what reading the log throws.
    public func resolveEventReferences(in draft: inout EventDraft, links: [String], labels: (links: String, event: String)) throws {
        if !links.isEmpty {
            var ids: [JSONValue] = draft.members["links"]?.arrayValue ?? []
            for link in links { ids.append(.string(try event(link, givenAs: labels.links).id.description)) }
            draft.set("links", .array(ids))
        }
        guard draft.type == EventRetracted.type.name, case .string(let target)? = draft.payload["event"] else { return }
        if EventID(target) != nil && draft.members["subject"] != nil { return }
        let retracted = try event(target, givenAs: labels.event)
        draft.payload["event"] = .string(retracted.id.description)
        if draft.members["subject"] == nil { draft.set("subject", .string(retracted.subject.text)) }
    }
}
