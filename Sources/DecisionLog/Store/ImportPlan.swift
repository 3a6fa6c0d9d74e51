/// An import worked out a part of its file at a time, in memory that does not grow with the drafts themselves.
/// What it keeps is a few dozen bytes a draft — its id, in a list in file order (and, on the first reading,
/// in a set, to find ids given twice, or a count of the rows that say the same), in the set of ids looked for
/// in the log when it holds events — plus the rules' view of each event about a subject they judge (about
/// 100 bytes), what a stored event a draft retries records (`RecordedContent`), and each problem found.
///
/// The file is read twice. The first reading (`check`, before the log is locked) validates every draft on its
/// own and gathers what they need of the log (`ReferenceIndex.Needs`). The second (`run`, under the log's
/// write lock or in the database's transaction) reads what the log holds that they need once, then seals
/// each part after the one before and hands it to the store to write — holding the last part back, to sign
/// it for all. The domain rules are judged once every part is in; when anything is refused the store takes
/// back every part it wrote, so an import stays all or nothing. Every problem with every line is reported.
enum ImportPlan {
    /// What the first reading of the file found.
    struct Checked {
        /// What the valid drafts need of the log.
        var needs: ReferenceIndex.Needs
        /// How many drafts the file holds.
        var drafts = 0
        /// The problems of the drafts that are invalid on their own.
        var problems = LineProblems()
        /// The ids given to the valid drafts that have none (`ContentID`), in file order: 16 bytes a draft,
        /// so the second reading need not hash them again.
        var contentIDs: [EventID] = []
        /// The ids the valid drafts give as their own, in file order.
        var givenIDs: [EventID] = []
        /// The file as it was before the first reading.
        var version: [Int64]?
        /// The ids the file gives more than once, which the second reading remembers to refuse the second;
        /// nil when a draft gives, as its own, an id another is given from what it says (a file made to
        /// collide), and every id is remembered. (Ids made from what drafts say are unique by construction.)
        var repeated: Set<EventID>? = []
    }

    /// Reads the file once, validating every draft on its own (the parsing and validating on every core),
    /// and gathers what the valid ones need of the log `logID`. Throws `DraftStreamError`.
    static func check(_ request: ImportRequest, logID: EventID) throws -> Checked {
        var checked = Checked(needs: ReferenceIndex.Needs(checksPeople: !request.confirmsNewPeople), version: request.drafts.version())
        var assigner = ContentID.Assigner(logID: logID)
        var given: Set<EventID> = []
        let schemas = SchemaRegistry(registrations: request.schemas.registrations)
        try request.drafts.forEachChunk(schemas: schemas) { chunk, read, total in
            request.progress?(.checking(read: read, total: total))
            let batch = DraftBatch(chunk, context: request.context, schemas: schemas, defaultActor: request.defaultActor)
            checked.drafts += batch.lines.count
            var valid: [ValidatedDraft] = []
            valid.reserveCapacity(batch.lines.count)
            for line in batch.lines {
                switch line.result {
                case .success(let draft): valid.append(draft)
                case .failure(let failure): checked.problems.add(line.number, failure.issues)
                }
            }
            for (original, draft) in zip(valid, assigner.assign(valid)) {
                checked.needs.take(draft, itsID: false)
                if let id = original.id {
                    checked.givenIDs.append(id)
                    if !given.insert(id).inserted { checked.repeated?.insert(id) }
                } else {
                    checked.contentIDs.append(draft.id!)
                }
            }
        }
        if !given.isEmpty && checked.contentIDs.contains(where: given.contains) { checked.repeated = nil }
        return checked
    }

    /// Reads the file again and records its drafts after `head`, sealing at `now`: `scan` and `ids` read the
    /// log as it stands under the lock (as `AppendPlanner`), `write` writes a part's lines (`final` for the
    /// last, which is signed), and `undo` takes back every part written when the import is refused. Throws
    /// `ImportRefusal` with every problem, `DraftStreamError` when the file cannot be read or changed since
    /// `checked` was, or `LogError`; after any of them the log is as it was.
    static func run(_ request: ImportRequest, checked: Checked, after head: LogHead, now: Timestamp, zone: TimeZoneRules,
                    scan: @escaping AppendPlan.Scan, ids: IDIndexUse?,
                    write: (_ part: SealedBatch, _ final: Bool) throws(LogError) -> Void, undo: () throws(LogError) -> Void) throws -> ImportReceipt {
        request.progress?(.readingLog(drafts: checked.drafts))
        // The drafts' own ids are looked for only in a log that holds events.
        var needs = checked.needs
        if head.seq > 0 {
            needs.take(ids: checked.contentIDs)
            needs.take(ids: checked.givenIDs)
        }
        var planner = try AppendPlanner(needs, countedSubject: nil, recordedBy: request.recordedBy, after: head, now: now, zone: zone, scan: scan, ids: ids)
        var contentIDs = checked.contentIDs[...]
        let schemas = SchemaRegistry(registrations: request.schemas.registrations)
        var writing = !request.dryRun && checked.problems.isEmpty
        var held: (batch: SealedBatch, positions: [Int])? = nil
        var wrote = false, drafts = 0, recorded = 0, present = 0
        var first: Event? = nil, last: Event? = nil
        var undated: (count: Int, firstSeq: Int?) = (0, nil)
        do {
            try request.drafts.forEachChunk(schemas: schemas) { chunk, read, total in
                request.progress?(.recording(read: read, total: total))
                // When the first reading found no problem, these same bytes (the file's version is compared at the
                // end) met their schemas then: they are only read as their types now.
                let batch = DraftBatch(chunk, context: request.context, schemas: schemas, defaultActor: request.defaultActor,
                                       checkingShapes: !checked.problems.isEmpty)
                drafts += batch.lines.count
                var valid: [(position: Int, draft: ValidatedDraft)] = []
                valid.reserveCapacity(batch.lines.count)
                for line in batch.lines { if case .success(let draft) = line.result { valid.append((line.number, draft)) } }
                for start in stride(from: 0, to: valid.count, by: max(request.partDrafts, 1)) {
                    let part = valid[start..<min(start + max(request.partDrafts, 1), valid.count)]
                    guard contentIDs.count >= part.count(where: { $0.draft.id == nil }) else { throw DraftStreamError.changed }
                    let assigned = part.map { $0.draft.id == nil ? $0.draft.identified(as: contentIDs.popFirst()!) : $0.draft }
                    // A row without an id or a date taken for an event already in the log: the receipt says so.
                    let undatedIDs = Set(zip(part, assigned).compactMap { original, given in original.draft.id == nil && original.draft.effectiveAtIsDefault ? given.id : nil })
                    let fresh = planner.sort(zip(part, assigned).map { ($0.position, $1) }, remembers: checked.repeated.map { repeated in { repeated.contains($0) } }) {
                        "line \($0)"
                    }
                    let found = planner.takePresent()
                    present += found.count
                    for event in found where undatedIDs.contains(event.id) {
                        undated.count += 1
                        undated.firstSeq = undated.firstSeq ?? event.seq
                    }
                    let sealed = planner.seal(fresh)
                    guard let lastEvent = sealed.batch.events.last else { continue }
                    recorded += sealed.batch.events.count
                    first = first ?? sealed.batch.events.first
                    last = lastEvent
                    writing = writing && planner.conflicts.isEmpty && planner.rejections.isEmpty && planner.peopleProblems.isEmpty
                    if writing, let previous = held {
                        try write(previous.batch, false)
                        wrote = true
                    }
                    held = writing ? sealed : nil
                }
            }
            // The same file, read twice: a draft the first reading did not see was not checked against the log.
            guard drafts == checked.drafts, contentIDs.isEmpty, request.drafts.version() == checked.version else { throw DraftStreamError.changed }
        } catch {
            if wrote { try undo() }
            throw error
        }

        var problems = checked.problems
        let others = planner.rejections + planner.ruleProblems() + planner.peopleProblems
        for rejection in planner.conflicts + others { problems.add(rejection.position, [rejection.issue]) }
        if !problems.isEmpty {
            if wrote { try undo() }
            // A conflict alone is status 3 (someone recorded that id otherwise); with other problems, the file is
            // simply invalid.
            throw problems.refusal(drafts: drafts, isConflict: checked.problems.isEmpty && others.isEmpty)
        }
        if let final = held {
            do throws(LogError) {
                // One signature, on the last event, for every event of the import.
                var batch = final.batch
                if let signer = request.signer {
                    batch = try AppendSigning(signer: signer).sign(batch, positions: final.positions, earlier: recorded - batch.events.count)
                }
                last = batch.events.last
                request.progress?(.syncing)
                try write(batch, true)
            } catch {
                // A key that cannot sign, or a write that failed: the parts before are taken back too.
                if wrote { try undo() }
                throw error
            }
        }
        return ImportReceipt(drafts: drafts, recorded: recorded, first: first, last: last, alreadyPresent: present,
                             undatedMatches: undated, head: request.dryRun ? head : planner.head)
    }
}

/// The lines of a file refused, each with its problems: every line counted, the first `ImportRefusal.listed`
/// kept with their problems.
struct LineProblems {
    private var kept: [Int: [ValidationIssue]] = [:]
    private var refused: Set<Int> = []
    /// Once `kept` is full: the largest line it keeps (a later line is only counted).
    private var largestKept = Int.max

    /// Whether no line is refused.
    var isEmpty: Bool { refused.isEmpty }

    /// How many lines are refused.
    var count: Int { refused.count }

    /// Adds `issues` to line `number`'s problems.
    mutating func add(_ number: Int, _ issues: [ValidationIssue]) {
        refused.insert(number)
        if kept[number] != nil {
            kept[number]! += issues
        } else if number < largestKept {
            kept[number] = issues
            // Lines come in no set order: keep up to twice the list, then the first half of it.
            if kept.count >= 2 * ImportRefusal.listed {
                let lines = kept.keys.sorted()
                for line in lines[ImportRefusal.listed...] { kept[line] = nil }
                largestKept = lines[ImportRefusal.listed - 1]
            }
        }
    }

    /// The refusal of a file of `drafts` drafts with these problems.
    func refusal(drafts: Int, isConflict: Bool) -> ImportRefusal {
        ImportRefusal(drafts: drafts, refused: refused.count, lines: kept.keys.sorted().prefix(ImportRefusal.listed).map { ($0, kept[$0]!) }, isConflict: isConflict)
    }
}
