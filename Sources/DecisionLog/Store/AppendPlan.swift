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
    init(_ request: AppendRequest, after head: LogHead, now: Timestamp, zone: TimeZoneRules, scan: @escaping Scan, ids: IDIndexUse? = nil) throws(LogError) {
        var needs = ReferenceIndex.Needs(checksPeople: request.enforcesRules && !request.confirmsNewPeople)
        for draft in request.drafts { needs.take(draft) }
        var planner = try AppendPlanner(needs, countedSubject: request.expectedVersion?.subject, recordedBy: request.recordedBy,
                                        after: head, now: now, zone: zone, scan: scan, ids: ids)
        let fresh = planner.sort(request.drafts.enumerated().map { ($0.offset, $0.element) })
        if let expected = request.expectedVersion, !fresh.isEmpty, planner.subjectCount != expected.count {
            throw LogError(.conflict,
                           "\(expected.subject) has \(planner.subjectCount) event\(planner.subjectCount == 1 ? "" : "s"), not the \(expected.count) expected: someone changed it since you looked",
                           hint: "check 'decisionlog log --subject \(expected.subject)', then retry with --expect-version \(planner.subjectCount)")
        }
        let (sealed, positions) = planner.seal(fresh)
        let ruleProblems = planner.ruleProblems() + planner.peopleProblems
        var rejections = planner.rejections
        if request.enforcesRules { rejections += ruleProblems }
        if !planner.conflicts.isEmpty || !rejections.isEmpty {
            // A conflict alone is status 3 (someone recorded that id otherwise); with other problems, the
            // request is simply invalid.
            let all = (planner.conflicts + rejections).sorted { $0.position < $1.position }
            throw LogError(rejections.isEmpty ? .conflict : .rejectedDraft, Self.describe(all, in: request),
                           hint: "nothing was written", rejections: all)
        }
        // Signing needs the hashes, so it happens here, under the lock, before anything is written.
        var batch = sealed
        if let signing = request.signing, !request.dryRun { batch = try signing.sign(sealed, positions: positions) }
        self.batch = batch
        self.present = planner.present
        self.head = planner.head
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
}
