/// The facts about the log that validating a batch of drafts needs and the drafts alone cannot give: which
/// of the ids they mention exist, which events are retracted, how many events a subject has, which team
/// schemas are registered, and the events the domain rules judge the drafts' subjects by.
///
/// Built by one pass over the log, only when a draft mentions an id, an expected version is given, a draft
/// is about a subject with a lifecycle (a launch, goal, decision or metric) or retracts an event, or a draft
/// registers or uses a team type; then extended with each draft as it is accepted, so drafts in one batch can
/// refer to each other. Only lines that mention what the drafts need are decoded.
struct ReferenceIndex {
    /// An event a draft refers to, or has the id of.
    struct Entry {
        let seq: Int
        let subject: Subject
        let type: EventType
        /// What a stored event records, to tell a retry from a conflict (nil for the request's own events).
        let content: RecordedContent?
    }

    /// What a request's drafts need of the log, gathered a draft at a time (an import's, from a first reading
    /// of its file).
    struct Needs {
        /// The ids the drafts have or name (links, retracted events).
        fileprivate(set) var ids: Set<EventID> = []
        /// The ids they name: the events of the request the index must remember as they are sealed.
        fileprivate(set) var referenced: Set<EventID> = []
        fileprivate(set) var needsSchemas = false
        fileprivate(set) var retracts = false
        /// The subjects the domain rules judge: of each draft that does not bring its subject into being, and
        /// those it refers to.
        fileprivate(set) var ruleSubjects: Set<Subject> = []
        /// Every name of a person the drafts give (when names are checked).
        fileprivate(set) var names: Set<String> = []
        let checksPeople: Bool

        /// Needs of no draft yet, names checked when `checksPeople`.
        init(checksPeople: Bool) { self.checksPeople = checksPeople }

        /// Takes in what `draft` needs; without `itsID`, its own id is left for `take(ids:)` (an import's, which
        /// only a log that already holds events can hold).
        mutating func take(_ draft: ValidatedDraft, itsID: Bool = true) {
            if let id = draft.id, itsID { ids.insert(id) }
            for link in draft.links {
                ids.insert(link)
                referenced.insert(link)
            }
            switch draft.payload {
            case .eventRetracted(let retraction):
                ids.insert(retraction.event)
                referenced.insert(retraction.event)
                retracts = true
            case .schemaRegistered, .custom: needsSchemas = true
            default: break
            }
            // A draft that brings its subject into being (a goal set, a launch scheduled, a metric defined, a
            // decision recorded) never breaks a rule, nor makes another event break one: only the others are judged.
            if let step = RuleStep(draft.payload), !DomainRules.creates(step) {
                ruleSubjects.insert(draft.subject)
                ruleSubjects.formUnion(step.references)
            }
            if checksPeople { for (_, name) in People.named(in: draft.payload, actor: draft.actor) { names.insert(name) } }
        }

        /// Takes in ids the drafts have.
        mutating func take(ids more: some Sequence<EventID>) { ids.formUnion(more) }
    }

    private let interesting: Set<EventID>
    /// The ids of the request's events that its drafts name (links, retractions): those it remembers.
    private let referenced: Set<EventID>
    /// Whether every event with an interesting id has been found where the id index says, and the events after
    /// it read: then the rest of the log is read only for what else the index needs.
    private var idsResolved = false
    /// Whether a draft retracts an event (then whether its target was retracted before needs the whole log).
    private let retracts: Bool
    private var entries: [EventID: Entry] = [:]
    private var retractedBy: [EventID: Int] = [:]
    private let countedSubject: Subject?
    private(set) var subjectCount = 0
    /// The team schemas registered so far, when a draft registers or uses a team type.
    private let registry: SchemaRegistry?
    /// The subjects the domain rules judge (the drafts' own and those they refer to), and whether every
    /// decision's events are needed (supersessions form chains across subjects).
    private let ruleSubjects: Set<Subject>
    private let allDecisions: Bool
    /// The bytes a line must hold to matter: the ids and the quoted subjects; and the names of the people the
    /// drafts name, each only until an event naming that person is found.
    private let needles: [[UInt8]]
    private var peopleNeedles: [String: [UInt8]] = [:]
    /// With many ids and subjects (a large import), a line is judged by the values of its `subject`, `by`,
    /// `id` and `event` members instead, looked up in sets: one pass over the line, not one a needle.
    private let wantedSubjects: Set<String>
    private let readsMembers: Bool
    /// The events the rules judge the drafts by.
    private var ruleEvents: [RuleEvent] = []
    /// The names the drafts give, when they are checked; the names (and their comma-separated parts) looked
    /// for; the people the log was found to name.
    private let namesGiven: Set<String>
    private let wantedPeople: Set<String>
    private(set) var knownPeople: Set<String> = []

    /// An index that will collect what drafts with `needs` need, and count the events about `countedSubject`.
    init(_ needs: Needs, countedSubject: Subject?) {
        interesting = needs.ids
        referenced = needs.referenced
        retracts = needs.retracts
        self.countedSubject = countedSubject
        registry = needs.needsSchemas ? SchemaRegistry() : nil
        let subjects = needs.ruleSubjects
        ruleSubjects = subjects
        allDecisions = subjects.contains { $0.kind == "decision" }
        wantedSubjects = Set(subjects.map(\.text) + (countedSubject.map { [$0.text] } ?? []))
        readsMembers = interesting.count + wantedSubjects.count > 16
        var needles: [[UInt8]] = []
        if !readsMembers {
            needles = interesting.map { Array($0.description.utf8) } + wantedSubjects.map { Array("\"\($0)\"".utf8) }
        }
        // Every event about a decision (its retractions too) and every supersession naming one.
        if allDecisions { needles.append(Array("\"decision/".utf8)) }
        namesGiven = needs.names
        var wanted = needs.names
        for name in needs.names where name.contains(",") { wanted.formUnion(name.split(separator: ",").map { String($0).trimmingWhitespace }) }
        wantedPeople = wanted
        for name in wanted { peopleNeedles[name] = Array(JSONValue.string(name).canonicalString.utf8) }
        self.needles = needles
    }

    /// Whether building the index needs the log's events decoded (those `mightMatter` lets through).
    var needsLog: Bool { !interesting.isEmpty || countedSubject != nil || !ruleSubjects.isEmpty || !wantedPeople.isEmpty }

    /// Whether the log is needed only to find events by id (`add --id`, links) and the people the drafts
    /// name: then the id index can stand in for the whole-log read.
    var needsOnlyIDs: Bool { !interesting.isEmpty && countedSubject == nil && ruleSubjects.isEmpty && registry == nil && !retracts }

    /// The ids the drafts name.
    var interestingIDs: Set<EventID> { interesting }

    /// Takes note that every event with an interesting id is in (found through the id index).
    mutating func resolveIDs() { idsResolved = true }

    /// Whether the rest of the log can tell the index nothing more: it needs only the people the drafts name,
    /// and has found them all (most appends: the actor is found among the first events).
    var isComplete: Bool {
        (interesting.isEmpty || idsResolved) && countedSubject == nil && ruleSubjects.isEmpty && registry == nil && wantedPeople.isSubset(of: knownPeople)
    }

    /// Whether a draft names someone the log was not found to name (then every name the log holds is needed,
    /// for the did-you-mean: see `addEveryName`).
    var namesSomeoneNew: Bool { !namesGiven.isSubset(of: knownPeople) }

    /// Takes in every name a stored event gives (the second pass, after `namesSomeoneNew`).
    mutating func addEveryName(of event: Event) {
        for (_, name) in People.named(in: event.payload, actor: event.actor) { knownPeople.insert(name) }
    }

    /// A judge of the names drafts give (`People`), against the people the log names; nil when names are not
    /// checked.
    func peopleJudge() -> People.Judge? { namesGiven.isEmpty ? nil : People.Judge(known: knownPeople) }

    /// Whether a stored line may hold an event the index needs; false means it certainly does not.
    func mightMatter(_ line: UnsafeRawBufferPointer) -> Bool {
        if readsMembers {
            if allDecisions && ByteSearch.contains(ReferenceIndex.decisionNeedle, in: line) { return true }
            if ReferenceIndex.subjectKeys.contains(where: { ByteSearch.anyValue(after: $0, in: line, in: wantedSubjects) })
                || ReferenceIndex.idKeys.contains(where: { key in
                    ByteSearch.anyValue(after: key, in: line) { EventID(bytes: $0.assumingMemoryBound(to: UInt8.self)).map(interesting.contains) ?? false }
                }) {
                return true
            }
        } else if needles.contains(where: { ByteSearch.contains($0, in: line) }) {
            return true
        }
        return peopleNeedles.values.contains { ByteSearch.contains($0, in: line) }
    }

    private static let decisionNeedle = Array("\"decision/".utf8)
    private static let subjectKeys = [Array("\"subject\":\"".utf8), Array("\"by\":\"".utf8)]
    private static let idKeys = [Array("\"id\":\"".utf8), Array("\"event\":\"".utf8)]

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
        if fromRequest ? referenced.contains(event.id) : interesting.contains(event.id) {
            entries[event.id] = Entry(seq: event.seq, subject: event.subject, type: event.type, content: fromRequest ? nil : RecordedContent(event))
        }
        if case .eventRetracted(let retraction) = event.payload, interesting.contains(retraction.event) {
            retractedBy[retraction.event] = event.seq
        }
        if !fromRequest, !wantedPeople.isEmpty {
            for (_, name) in People.named(in: event.payload, actor: event.actor) where wantedPeople.contains(name) {
                knownPeople.insert(name)
                peopleNeedles[name] = nil
            }
        }
        if !fromRequest, let rule = RuleEvent(event), judges(rule) { ruleEvents.append(rule) }
    }

    /// Whether the rules judge the drafts by `rule`: it is about a subject they judge, or refers to one, or is
    /// about a decision when any is judged. Of the request's own events, the others are about subjects only
    /// brought into being, which no rule refuses, so they are left out too.
    func judges(_ rule: RuleEvent) -> Bool {
        ruleSubjects.contains(rule.subject) || rule.step.references.contains(where: ruleSubjects.contains) || (allDecisions && rule.subject.kind == "decision")
    }

    /// The rule breaks the request's events would add to the log, each on the draft it comes from: `added`
    /// are the request's sealed events the rules judge (`judges`), in seq order, and `positions` their drafts'
    /// positions. An event that breaks a rule itself, or one that would make an event in the log break one (a
    /// back-dated move before the schedule, a retraction of the schedule under later moves). Breaks the log
    /// already held are not the request's. Dates are read in `zone`; `subjects` gives the subjects of a kind
    /// the log brings into being (read only when a draft names one that does not exist, for a did-you-mean).
    func ruleProblems(of added: [RuleEvent], positions: [Int], zone: TimeZoneRules, subjects: (Substring) -> Set<String>) -> [DraftRejection] {
        guard !added.isEmpty else { return [] }
        let known = Set(DomainRules.breaks(in: ruleEvents).map { "\($0.seq) \($0.problem)" })
        // The request's events have increasing seqs after the log's: one is found by halving.
        func place(_ seq: Int) -> Int? {
            var low = 0, high = added.count
            while low < high {
                let middle = (low + high) / 2
                if added[middle].seq < seq { low = middle + 1 } else { high = middle }
            }
            return low < added.count && added[low].seq == seq ? low : nil
        }
        var fresh = DomainRules.breaks(in: ruleEvents, added).filter { !known.contains("\($0.seq) \($0.problem)") }
        // A draft refused for a break of its own is not recorded: the others are judged without it, so a later
        // draft is not blamed for what only the refused one would have done.
        let refused = Set(fresh.map(\.seq).filter { place($0) != nil })
        if !refused.isEmpty {
            let others = DomainRules.breaks(in: ruleEvents, added.filter { !refused.contains($0.seq) }).filter { !known.contains("\($0.seq) \($0.problem)") }
            fresh = fresh.filter { refused.contains($0.seq) } + others.filter { !refused.contains($0.seq) }
        }
        let ownBreaks = Set(fresh.map(\.seq))
        // The stored events the request would break (a few), by seq.
        let stored = Dictionary(ruleEvents.filter { ownBreaks.contains($0.seq) }.map { ($0.seq, $0) }, uniquingKeysWith: { first, _ in first })
        var rejections: [DraftRejection] = []
        var victims: [Int: [(RuleEvent, RuleBreak)]] = [:]
        // A conflicting event of the request, "(#7)", reads "(this event)" or names its type.
        func told(_ rule: RuleBreak, by offset: Int) -> String {
            guard let conflicting = rule.conflicting, let other = place(conflicting) else { return rule.problem }
            return rule.problem.replacing("(#\(conflicting))", with: other == offset ? "(this event)" : "(the \(added[other].type) of this request)")
        }
        for rule in fresh {
            if let offset = place(rule.seq) {
                var message = "\(added[offset].type) of \(rule.subject): \(told(rule, by: offset))"
                let others = rule.missing.map { subjects($0.kind) }.map { $0.filter { $0 != rule.missing?.text && $0 != rule.subject.text } } ?? []
                if let missing = rule.missing, let near = NearestName.suggestion(for: missing.text, among: others) {
                    message += "; did you mean \(near)?"
                }
                rejections.append(DraftRejection(position: positions[offset], issue: ValidationIssue(path: "", message: message)))
            } else if let victim = stored[rule.seq] {
                // A stored event the request would break: blame the draft about its subject, or the last.
                let offset = added.lastIndex { $0.subject == victim.subject || $0.step.references.contains(victim.subject) } ?? added.count - 1
                if !ownBreaks.contains(added[offset].seq) { victims[offset, default: []].append((victim, rule)) }
            }
        }
        for (offset, broken) in victims.sorted(by: { $0.key < $1.key }) {
            let (victim, rule) = broken[0]
            let more = broken.count > 1 ? " (and \(broken.dropFirst().map { "#\($0.0.seq)" }.joined(separator: ", ")) likewise)" : ""
            let event = added[offset]
            rejections.append(DraftRejection(position: positions[offset], issue: ValidationIssue(path: "", message:
                "\(event.type) of \(event.subject): with it, #\(rule.seq) (\(victim.type), effective \(zone.date(at: victim.effectiveAt)))\(more) would break the log's rules — \(told(rule, by: offset))")))
        }
        return rejections
    }

    /// The stored event with `id`, if the draft's id is already in the log.
    func existing(_ id: EventID) -> (seq: Int, content: RecordedContent)? {
        entries[id].flatMap { entry in entry.content.map { (entry.seq, $0) } }
    }

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

    /// Whether `recorded` is what this draft says (ignoring what sealing sets — seq, recorded time, hashes —,
    /// the effective time when the draft left it to default, and the schema version: a retry after the type
    /// gained a version is still the same event).
    func matches(_ recorded: RecordedContent) -> Bool {
        RecordedContent(self).digest == recorded.digest && (effectiveAtIsDefault || recorded.effectiveAt == effectiveAt)
    }
}

/// What an event records that a retry of its draft must say again — type, subject, actor, reason, links
/// and payload, as one SHA-256 of their canonical JSON — and its effective time: 40 bytes where the event
/// takes a kilobyte, so an import of a file the log already holds keeps this, not the event, for each row.
struct RecordedContent: Equatable {
    let digest: Digest
    let effectiveAt: Timestamp

    /// What `event` records.
    init(_ event: Event) {
        digest = Self.digest(type: event.type.name, subject: event.subject, actor: event.actor, reason: event.reason, links: event.links, payload: event.payload.json)
        effectiveAt = event.effectiveAt
    }

    /// What `draft` says.
    init(_ draft: ValidatedDraft) {
        digest = Self.digest(type: draft.type.name, subject: draft.subject, actor: draft.actor, reason: draft.reason, links: draft.links, payload: draft.payload.json)
        effectiveAt = draft.effectiveAt
    }

    private static func digest(type: String, subject: Subject, actor: Actor, reason: String?, links: [EventID], payload: JSONValue) -> Digest {
        var content: JSONObject = [
            "type": .string(type), "subject": .string(subject.text), "payload": payload,
            "actor": .object(["name": .string(actor.name), "role": .string(actor.role)]),
            "links": .array(links.map { .string($0.description) }),
        ]
        if let reason { content["reason"] = .string(reason) }
        return SHA256.hash(Array(JSONValue.object(content).canonicalBytes))
    }
}
