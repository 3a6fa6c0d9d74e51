/// An append's plan worked out a run of drafts at a time, as every store does once it holds the log's write
/// lock: what the log holds that the drafts need is read first (`ReferenceIndex`, from what all the drafts
/// need), then each run is sorted — drafts already in the log skipped, or conflicting — sealed after the runs
/// before it, and checked against the log's references; the domain rules are judged once every run is in.
/// `AppendPlan` is one run; an import streams its file through as many as it takes.
struct AppendPlanner {
    private var index: ReferenceIndex
    private var sealer: Sealer
    private let now: Timestamp
    private let zone: TimeZoneRules
    private let scan: AppendPlan.Scan
    /// The judge of the names the drafts give; nil when names are not checked.
    private let people: People.Judge?
    /// The position of each draft of the request with an id of its own, to find two with the same.
    private var requestIDs: [EventID: Int] = [:]
    /// The sealed events the rules judge, in seq order, and their drafts' positions.
    private var ruleEvents: [RuleEvent] = []
    private var rulePositions: [Int] = []
    /// Drafts skipped because the log holds their id with the same content (since `takePresent`).
    private(set) var present: [AppendReceipt.AlreadyPresent] = []
    /// Drafts whose id the log holds with other content.
    private(set) var conflicts: [DraftRejection] = []
    /// Every other problem found so far, but the rules' and the names'.
    private(set) var rejections: [DraftRejection] = []
    /// The problems with the names the drafts give.
    private(set) var peopleProblems: [DraftRejection] = []

    /// A planner for drafts with `needs` after `head`, sealing at `now` as `recordedBy`; it reads what they
    /// need from the log with `scan`, or `ids` (a file log's id index, a database's) where it can. Throws
    /// `LogError` when the log cannot be read or holds a line that is not an event.
    init(_ needs: ReferenceIndex.Needs, countedSubject: Subject?, recordedBy: String, after head: LogHead, now: Timestamp, zone: TimeZoneRules,
         scan: @escaping AppendPlan.Scan, ids: IDIndexUse?) throws(LogError) {
        var index = ReferenceIndex(needs, countedSubject: countedSubject)
        // Ids are looked up in an index when the store keeps one that describes the log; a whole-log read that
        // finds ids without one (or with a damaged one) leaves a new one.
        var filled = false
        if let ids, index.needsOnlyIDs {
            var found: (events: [Event], rest: LogPosition)? = nil
            try Self.reading { found = try ids.find(index.interestingIDs) }
            if let found {
                try Self.fill(&index, from: found, ids)
                filled = true
            }
        }
        if !filled && (index.needsLog || index.needsRegistrations) {
            let collecting = !index.interestingIDs.isEmpty && ids?.wantsEntries() == true
            try Self.fill(&index, scan, collecting: collecting ? ids?.save : nil)
        }
        // A name the log was not found to hold: read every name it holds, to tell a typo from someone new.
        if index.namesSomeoneNew && head.seq > 0 { try Self.fillNames(&index, scan) }
        self.index = index
        people = index.peopleJudge()
        sealer = Sealer(head: head, recordedBy: recordedBy)
        self.now = now
        self.zone = zone
        self.scan = scan
    }

    /// How many events the log holds about the counted subject.
    var subjectCount: Int { index.subjectCount }

    /// The head once every run sealed so far is written.
    var head: LogHead { sealer.head }

    /// The drafts of a run that are to be sealed: a draft whose id the log holds is skipped (a retry of an
    /// append that succeeded is a no-op, whatever has happened to the subject since), or is a conflict when its
    /// content differs; an id two drafts of the request share refuses the second, naming the first by
    /// `naming` its position. Only the ids `remembers` names are kept for that (all when it is nil): an import
    /// keeps those its file gives more than once, as the others cannot be shared.
    mutating func sort(_ drafts: [(position: Int, draft: ValidatedDraft)], remembers: ((EventID) -> Bool)? = nil,
                       naming: (Int) -> String = { "draft \($0 + 1) of this request" }) -> [(position: Int, draft: ValidatedDraft)] {
        var fresh: [(position: Int, draft: ValidatedDraft)] = []
        fresh.reserveCapacity(drafts.count)
        for (position, draft) in drafts {
            if let id = draft.id, let existing = index.existing(id) {
                present.append(.init(id: id, seq: existing.seq))
                if !draft.matches(existing.content) {
                    conflicts.append(DraftRejection(position: position, issue: ValidationIssue(
                        path: "id", message: "\(id) is already in the log as #\(existing.seq) with different content; the log keeps the original")))
                }
            } else if let id = draft.id, let earlier = requestIDs[id] {
                rejections.append(DraftRejection(position: position, issue: ValidationIssue(
                    path: "id", message: "\(id) is also the id of \(naming(earlier)); each event needs its own id")))
            } else {
                if let id = draft.id, remembers?(id) ?? true { requestIDs[id] = position }
                fresh.append((position, draft))
            }
        }
        return fresh
    }

    /// Seals `fresh` (from `sort`) after the runs before, checking each against the log's references and the
    /// length a line may have; returns the sealed events (unsigned) and their drafts' positions.
    mutating func seal(_ fresh: [(position: Int, draft: ValidatedDraft)]) -> (batch: SealedBatch, positions: [Int]) {
        let sealed = sealer.seal(fresh.map(\.draft), now: now)
        for (offset, (position, draft)) in fresh.enumerated() {
            rejections += index.problems(with: draft).map { DraftRejection(position: position, issue: $0) }
            let length = sealed.lineLength(offset)
            if length > EventLine.maximumLength {
                rejections.append(DraftRejection(position: position, issue: ValidationIssue(
                    path: "", message: "the event takes \(length) bytes; a line holds at most \(EventLine.maximumLength) (1 MiB): shorten its texts")))
            }
            let event = sealed.events[offset]
            index.add(event, fromRequest: true)
            if let rule = RuleEvent(event), index.judges(rule) {
                ruleEvents.append(rule)
                rulePositions.append(position)
            }
            if let people { peopleProblems += people.problems(People.named(in: draft.payload, actor: draft.actor)).map { DraftRejection(position: position, issue: $0) } }
        }
        return (sealed, fresh.map(\.position))
    }

    /// The drafts found present since the last call, which it forgets (an import counts them a part at a time).
    mutating func takePresent() -> [AppendReceipt.AlreadyPresent] {
        defer { present = [] }
        return present
    }

    /// The rule breaks the sealed events would add to the log, each on its draft (`ReferenceIndex.ruleProblems`).
    func ruleProblems() -> [DraftRejection] {
        var subjectsByKind: [Substring: Set<String>] = [:]
        let scan = self.scan
        return index.ruleProblems(of: ruleEvents, positions: rulePositions, zone: zone) { kind in
            if let known = subjectsByKind[kind] { return known }
            let found = (try? Self.subjects(ofKind: kind, scan)) ?? []
            subjectsByKind[kind] = found
            return found
        }
    }

    /// Feeds every event of the log to `index`, or only its schema registrations when that is all it needs.
    /// With `collecting`, a read of every line also gives each event's place to it, for a new id index.
    private static func fill(_ index: inout ReferenceIndex, _ scan: AppendPlan.Scan, collecting: (([EventIDIndex.Entry]) -> Void)? = nil) throws(LogError) {
        var entries: [EventIDIndex.Entry]? = collecting.map { _ in [] }
        var offset: Int64 = 0
        var readEveryLine = true
        try reading {
            try scan { line, number in
                if entries != nil {
                    let span = LineSpan(start: offset, end: offset + Int64(line.count) + 1)
                    offset = span.end
                    if let read = EventHeader.read(line.assumingMemoryBound(to: UInt8.self), withLinks: false) {
                        entries!.append(EventIDIndex.Entry(id: read.header.id, seq: read.header.seq, span: span))
                    } else if let event = try? Event(line: line) {
                        entries!.append(EventIDIndex.Entry(id: event.id, seq: event.seq, span: span))
                    } else {
                        entries = nil
                    }
                }
                guard try feed(&index, line, number) else {
                    readEveryLine = false
                    return false
                }
                return true
            }
        }
        if readEveryLine, let entries, let collecting { collecting(entries) }
    }

    /// Feeds the events an index `found` to `index`, then every event it does not cover, then the first
    /// events only as far as the people the drafts name need.
    private static func fill(_ index: inout ReferenceIndex, from found: (events: [Event], rest: LogPosition), _ ids: IDIndexUse) throws(LogError) {
        for event in found.events { index.add(event) }
        try reading { try ids.scan(found.rest) { line, number in try feed(&index, line, number) } }
        index.resolveIDs()
        if !index.isComplete { try fill(&index) { visit in try ids.scan(.start, visit) } }
    }

    /// Gives one stored line to `index` (decoded only when it may matter); returns false once the index needs
    /// nothing more.
    private static func feed(_ index: inout ReferenceIndex, _ line: UnsafeRawBufferPointer, _ number: Int) throws -> Bool {
        let everything = index.needsLog
        if everything && !index.mightMatter(line) {
            if index.needsRegistrations, let registration = try SchemaRegistration.read(line: line, number: number) { index.add(registration) }
            return true
        }
        if !everything {
            if let registration = try SchemaRegistration.read(line: line, number: number) { index.add(registration) }
            return true
        }
        do throws(EventDecodingError) {
            index.add(try Event(line: line))
            return !index.isComplete
        } catch {
            let problem = IntegrityProblem(error.needsNewerTool ? .needsNewerTool : .malformed, line: number, seq: nil, error.message)
            throw LogError.integrity(problem, action: "append")
        }
    }

    /// The subjects of `kind` the log's events bring into being (a goal's `goal.set`, …), for a did-you-mean.
    private static func subjects(ofKind kind: Substring, _ scan: AppendPlan.Scan) throws(LogError) -> Set<String> {
        guard let creator = DomainRules.creator(ofKind: kind) else { return [] }
        let needle = Array("\"\(creator)\"".utf8)
        var found: Set<String> = []
        try reading {
            try scan { line, _ in
                if ByteSearch.contains(needle, in: line), let event = try? Event(line: line), event.type.name == creator { found.insert(event.subject.text) }
                return true
            }
        }
        return found
    }

    /// Feeds every name the log's events give to `index`.
    private static func fillNames(_ index: inout ReferenceIndex, _ scan: AppendPlan.Scan) throws(LogError) {
        try reading {
            try scan { line, _ in
                if let event = try? Event(line: line) { index.addEveryName(of: event) }
                return true
            }
        }
    }

    /// Runs `body`, a read of the log, with its failures as `LogError`.
    private static func reading(_ body: () throws -> Void) throws(LogError) {
        do {
            try body()
        } catch let error as LogError {
            throw error
        } catch let error as SystemError {
            throw LogError.system(error, doing: "read the log")
        } catch {
            throw LogError(.io, "cannot read the log: \(error)")
        }
    }}
