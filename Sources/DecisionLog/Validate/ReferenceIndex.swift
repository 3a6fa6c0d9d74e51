/// The facts about the log that validating a batch of drafts needs and the drafts alone cannot give: which
/// of the ids they mention exist, which events are retracted, how many events a subject has, which team
/// schemas are registered.
///
/// Built by one pass over the log, only when a draft mentions an id, an expected version is given, or a
/// draft registers or uses a team type; then extended with each draft as it is accepted, so drafts in one
/// batch can refer to each other.
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
    /// The team schemas registered so far, when a draft registers or uses a team type.
    private let registry: SchemaRegistry?

    /// An index that will collect what `request` needs.
    init(for request: AppendRequest) {
        var ids: Set<EventID> = []
        var needsSchemas = false
        for draft in request.drafts {
            if let id = draft.id { ids.insert(id) }
            ids.formUnion(draft.links)
            switch draft.payload {
            case .eventRetracted(let retraction): ids.insert(retraction.event)
            case .schemaRegistered, .custom: needsSchemas = true
            default: break
            }
        }
        interesting = ids
        countedSubject = request.expectedVersion?.subject
        registry = needsSchemas ? SchemaRegistry() : nil
    }

    /// Whether building the index needs every event of the log decoded.
    var needsLog: Bool { !interesting.isEmpty || countedSubject != nil }

    /// Whether building the index needs the log's schema registrations (which `add` also takes in).
    var needsRegistrations: Bool { registry != nil }

    /// Takes in one registration read from the log.
    func add(_ registration: SchemaRegistration) { registry?.register(registration) }

    /// Takes in one event: stored, or (`fromRequest`) sealed from a draft of the request being appended.
    mutating func add(_ event: Event, fromRequest: Bool = false) {
        if case .schemaRegistered(let registered) = event.payload {
            add(SchemaRegistration(registered, stamp: fromRequest ? nil : Stamp(event)))
        }
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
    /// retraction events, a retraction about another subject than its target's, a schema version that is
    /// not the next, and a team type's version that is not registered.
    func problems(with draft: ValidatedDraft) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if case .schemaRegistered(let registration) = draft.payload, let problem = registry?.versionProblem(registering: registration) {
            issues.append(problem)
        }
        if case .custom(let custom) = draft.payload, registry?.registration(custom.type.name, version: custom.version) == nil {
            issues.append(ValidationIssue(path: "type", message: "\(custom.type) v\(custom.version) is not registered in this log; register its schema first ('decisionlog schema add FILE')"))
        }
        for (i, link) in draft.links.enumerated() where entries[link] == nil {
            issues.append(ValidationIssue(path: "links[\(i)]", message: "no event with id \(link) in this log"))
        }
        if case .eventRetracted(let retraction) = draft.payload {
            if let target = entries[retraction.event] {
                if target.type == EventRetracted.type {
                    issues.append(ValidationIssue(path: "payload.event", message: "event #\(target.seq) is itself a retraction; retractions cannot be retracted — record the event again instead"))
                } else if target.type == SchemaRegistered.type {
                    issues.append(ValidationIssue(path: "payload.event", message: "event #\(target.seq) registers a schema, which events rely on; it cannot be retracted — register the next version instead"))
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
    /// The draft `event` was sealed from: its id, effective time, actor, subject, reason, links and payload
    /// (to seal it again elsewhere — a merge re-sealing local events — or to compare another event with it).
    public init(restating event: Event) {
        self.init(id: event.id, effectiveAt: event.effectiveAt, actor: event.actor, subject: event.subject,
                  reason: event.reason, links: event.links, payload: event.payload)
    }

    /// Whether `event` records what this draft says (ignoring what sealing sets — seq, recorded time,
    /// hashes —, the effective time when the draft left it to default, and the schema version: a retry after
    /// the type gained a version is still the same event).
    func matches(_ event: Event) -> Bool {
        event.type == payload.type && event.payload.json == payload.json && event.subject == subject && event.actor == actor
            && (effectiveAtIsDefault || event.effectiveAt == effectiveAt) && event.reason == reason && event.links == links
    }
}
