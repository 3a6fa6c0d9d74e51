/// The facts about the log that validating a batch of drafts needs and the drafts alone cannot give: which
/// of the ids they mention exist, which events are retracted, how many events a subject has.
///
/// Built by one pass over the log, only when a draft mentions an id or an expected version is given, and
/// then extended with each draft as it is accepted, so drafts in one batch can refer to each other.
struct ReferenceIndex {
    /// An event a draft refers to.
    struct Entry {
        let seq: Int
        let subject: Subject
        let type: EventType
        let event: Event?
    }

    private var interesting: Set<EventID>
    private var entries: [EventID: Entry] = [:]
    private var retractedBy: [EventID: Int] = [:]
    private let countedSubject: Subject?
    private(set) var subjectCount = 0

    /// An index that will collect what `request` needs.
    init(for request: AppendRequest) {
        var ids: Set<EventID> = []
        for draft in request.drafts {
            if let id = draft.id { ids.insert(id) }
            ids.formUnion(draft.links)
            if case .eventRetracted(let retraction) = draft.payload { ids.insert(retraction.event) }
        }
        interesting = ids
        countedSubject = request.expectedVersion?.subject
    }

    /// Whether building the index needs a pass over the log at all.
    var needsLog: Bool { !interesting.isEmpty || countedSubject != nil }

    /// Takes in one stored event.
    mutating func add(_ event: Event) {
        if event.subject == countedSubject { subjectCount += 1 }
        if interesting.contains(event.id) {
            entries[event.id] = Entry(seq: event.seq, subject: event.subject, type: event.type, event: event)
        }
        if case .eventRetracted(let retraction) = event.payload, interesting.contains(retraction.event) {
            retractedBy[retraction.event] = event.seq
        }
    }

    /// The stored event with `id`, if the draft's id is already in the log.
    func existing(_ id: EventID) -> Event? { entries[id]?.event }

    /// Problems with `draft`'s references: missing link targets, retractions of missing, already retracted or
    /// retraction events, and a retraction about another subject than its target's.
    func problems(with draft: ValidatedDraft) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        for (i, link) in draft.links.enumerated() where entries[link] == nil {
            issues.append(ValidationIssue(path: "links[\(i)]", message: "no event with id \(link) in this log"))
        }
        if case .eventRetracted(let retraction) = draft.payload {
            if let target = entries[retraction.event] {
                if target.type == EventRetracted.type {
                    issues.append(ValidationIssue(path: "payload.event", message: "event #\(target.seq) is itself a retraction; retractions cannot be retracted — record the event again instead"))
                } else if let by = retractedBy[retraction.event] {
                    issues.append(ValidationIssue(path: "payload.event", message: "event #\(target.seq) was already retracted by #\(by)"))
                }
                if target.subject != draft.subject {
                    issues.append(ValidationIssue(path: "subject", message: "a retraction is about the retracted event's subject, \(target.subject); got \(draft.subject)"))
                }
            } else {
                issues.append(ValidationIssue(path: "payload.event", message: "no event with id \(retraction.event) in this log"))
            }
        }
        return issues
    }
}

extension ValidatedDraft {
    /// Whether `event` records what this draft says (ignoring what sealing sets — seq, recorded time,
    /// hashes — and the effective time when the draft left it to default).
    func matches(_ event: Event) -> Bool {
        event.payload == payload && event.subject == subject && event.actor == actor
            && (effectiveAtIsDefault || event.effectiveAt == effectiveAt) && event.reason == reason && event.links == links
    }
}
