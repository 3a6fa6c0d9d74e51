/// What an append writes, worked out the same way by every store once it holds the log's write lock: drafts
/// whose id is already in the log are skipped (or refuse the request when their content differs), the
/// expected version is checked, the rest are sealed after the head, checked against the log's references
/// and rules, and signed. Every problem with every draft is reported at once.
struct AppendPlan {
    /// Reads the stored lines in seq order, calling `visit` with each and its number until it returns false.
    typealias Scan = (_ visit: (_ line: UnsafeRawBufferPointer, _ number: Int) throws -> Bool) throws -> Void

    /// The events to write and their lines (signed when the request signs; empty when every draft was
    /// already present).
    let batch: SealedBatch
    /// Drafts skipped because the log holds their id with the same content.
    let present: [AppendReceipt.AlreadyPresent]
    /// The head once `batch` is written.
    let head: LogHead
    /// The rule breaks recorded, when the request does not enforce the rules.
    let ruleBreaks: [String]

    /// Plans `request` after `head`, sealing at `now`; `scan` reads the log as it stands under the lock, and
    /// `ids` (a file log's) stands in for it where it can. Throws `LogError` (`.rejectedDraft`, `.conflict`,
    /// `.integrity`, storage failures) and writes nothing.
    init(_ request: AppendRequest, after head: LogHead, now: Timestamp, zone: TimeZoneRules, scan: Scan, ids: IDIndexUse? = nil) throws(LogError) {
        var index = ReferenceIndex(for: request)
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

        // Drafts whose id is already in the log are skipped first: a retry of an append that succeeded is
        // a no-op, whatever has happened to the subject since. An id in the log with other content is a
        // conflict, and refuses the whole request; so does an id two drafts of the request share.
        var present: [AppendReceipt.AlreadyPresent] = []
        var fresh: [(position: Int, draft: ValidatedDraft)] = []
        var conflicts: [DraftRejection] = []
        var rejections: [DraftRejection] = []
        var requestIDs: [EventID: Int] = [:]
        for (position, draft) in request.drafts.enumerated() {
            if let id = draft.id, let existing = index.existing(id) {
                present.append(.init(id: id, seq: existing.seq))
                if !draft.matches(existing) {
                    conflicts.append(DraftRejection(position: position, issue: ValidationIssue(
                        path: "id", message: "\(id) is already in the log as #\(existing.seq) with different content; the log keeps the original")))
                }
            } else if let id = draft.id, let first = requestIDs[id] {
                rejections.append(DraftRejection(position: position, issue: ValidationIssue(
                    path: "id", message: "\(id) is also the id of draft \(first + 1) of this request; each event needs its own id")))
            } else {
                if let id = draft.id { requestIDs[id] = position }
                fresh.append((position, draft))
            }
        }
        if let expected = request.expectedVersion, !fresh.isEmpty, index.subjectCount != expected.count {
            throw LogError(.conflict,
                           "\(expected.subject) has \(index.subjectCount) event\(index.subjectCount == 1 ? "" : "s"), not the \(expected.count) expected: someone changed it since you looked",
                           hint: "check 'decisionlog log --subject \(expected.subject)', then retry with --expect-version \(index.subjectCount)")
        }

        var sealer = Sealer(head: head, recordedBy: request.recordedBy)
        let sealed = sealer.seal(fresh.map(\.draft), now: now)
        for (offset, (position, draft)) in fresh.enumerated() {
            rejections += index.problems(with: draft).map { DraftRejection(position: position, issue: $0) }
            let length = sealed.lineLength(offset)
            if length > EventLine.maximumLength {
                rejections.append(DraftRejection(position: position, issue: ValidationIssue(
                    path: "", message: "the event takes \(length) bytes; a line holds at most \(EventLine.maximumLength) (1 MiB): shorten its texts")))
            }
            index.add(sealed.events[offset], fromRequest: true)
        }
        var subjectsByKind: [Substring: Set<String>] = [:]
        let ruleProblems = index.ruleProblems(of: sealed.events, positions: fresh.map(\.position), zone: zone) { kind in
            if let known = subjectsByKind[kind] { return known }
            let found = (try? Self.subjects(ofKind: kind, scan)) ?? []
            subjectsByKind[kind] = found
            return found
        }
            + index.peopleProblems().map { DraftRejection(position: $0.position, issue: $0.issue) }
        if request.enforcesRules { rejections += ruleProblems }
        if !conflicts.isEmpty || !rejections.isEmpty {
            // A conflict alone is status 3 (someone recorded that id otherwise); with other problems, the
            // request is simply invalid.
            let all = (conflicts + rejections).sorted { $0.position < $1.position }
            throw LogError(rejections.isEmpty ? .conflict : .rejectedDraft, Self.describe(all, in: request),
                           hint: "nothing was written", rejections: all)
        }
        // Signing needs the hashes, so it happens here, under the lock, before anything is written.
        var batch = sealed
        if let signing = request.signing, !request.dryRun { batch = try signing.sign(sealed, positions: fresh.map(\.position)) }
        self.batch = batch
        self.present = present
        self.head = sealer.head
        self.ruleBreaks = request.enforcesRules ? [] : ruleProblems.map(\.issue.message)
    }

    /// The receipt for this plan, written (or, for a dry run, not) after `before`.
    func receipt(dryRun: Bool, before: LogHead) -> AppendReceipt {
        var receipt = AppendReceipt(appended: batch.events, alreadyPresent: present, head: dryRun ? before : head)
        receipt.ruleBreaks = ruleBreaks
        return receipt
    }

    /// The rejections on one line, each path under `drafts[i]` when the request has several drafts.
    private static func describe(_ rejections: [DraftRejection], in request: AppendRequest) -> String {
        rejections.map { rejection in
            guard request.drafts.count > 1 else { return rejection.issue.description }
            let path = "drafts[\(rejection.position)]" + (rejection.issue.path.isEmpty ? "" : "." + rejection.issue.path)
            return ValidationIssue(path: path, message: rejection.issue.message).description
        }.joined(separator: "; ")
    }

    /// Feeds every event of the log to `index`, or only its schema registrations when that is all it needs.
    /// With `collecting`, a read of every line also gives each event's place to it, for a new id index.
    private static func fill(_ index: inout ReferenceIndex, _ scan: Scan, collecting: (([EventIDIndex.Entry]) -> Void)? = nil) throws(LogError) {
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
    private static func subjects(ofKind kind: Substring, _ scan: Scan) throws(LogError) -> Set<String> {
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
    private static func fillNames(_ index: inout ReferenceIndex, _ scan: Scan) throws(LogError) {
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
    }
}
