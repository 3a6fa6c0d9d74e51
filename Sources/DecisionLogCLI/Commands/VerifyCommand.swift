import DecisionLog

/// `decisionlog verify`: proves nothing in the log was altered.
enum VerifyCommand: Command {
    static let spec = CommandSpec(
        name: "verify", abstract: "Check every hash, link and seq of the log.",
        discussion: "Recomputes each event's SHA-256 hash from its bytes, checks that it links to the event before, that seq runs 1, 2, 3… without a gap, that ids are unique and that recorded time never goes back. Then checks every checkpoint in the log folder's cache against a replay of the log up to its event: one that was not written by your decisionlog is removed with a warning, and one that holds another state than the replay fails verification (and is removed). With --head, also proves the log still holds a head printed earlier by 'decisionlog head', which catches a log re-hashed from some event onwards. With --signatures, also checks every signature with 'ssh-keygen -Y verify' against the log's allowed_signers file and lists the events that are unsigned or not signed by their actor; --signed-from lets the unsigned history from before the team began signing be. Names the first bad event and exits with status 2 when anything is wrong. Also lists the events that break the log's domain rules (docs/rules.md) — a launch moved after it shipped, a goal closed that was never set; those do not change the status.",
        options: [
            head.declaration, signatures.declaration, signedFrom.declaration,
            CommandSpec.logOption,
        ])

    static let head = Option<RecordedHead>(
        CommandSpec.Option(name: "head", value: "<seq>:<hash>", help: "A head kept from 'decisionlog head': the log must still hold that event, with that hash."),
        namedInErrorsAs: "--head <seq>:<hash>", expected: "what 'decisionlog head' prints, e.g. 12:<64 hex digits>", convert: RecordedHead.init)
    static let signatures = Flag("signatures", help: "Also check that a valid signature of its actor vouches for every event (keys in <log>/allowed_signers).")
    static let signedFrom = Option<Int>("signed-from", "<seq>", help: "With --signatures, let unsigned events before this seq be (signatures they carry are still checked).",
                                        minimum: 1, expected: "the seq of the first event that must be signed, e.g. 120", namedInErrorsAs: "--signed-from <seq>")

    static func run(_ arguments: SplitArguments, in context: CommandContext) throws {
        let args = try ArgumentParser.parse(arguments, for: spec)
        let recorded = try args.value(VerifyCommand.head)
        let signedFrom = try args.value(VerifyCommand.signedFrom)
        if signedFrom != nil && !args.flag(signatures) {
            throw UsageError("'--signed-from' only applies with '--signatures'; add '--signatures'", command: spec)
        }
        let store = try context.openLog(args)
        // The checkpoints are checked against a replay in the same pass (when there is a key to check them with).
        let checkpoints = CheckpointKey.path(environment: context.environment) == nil ? nil
            : (try? CheckpointKey.load(environment: context.environment)).map { CheckpointStore(folder: store.folder, logID: store.configuration.logID, key: $0, interval: 1) }
        let auditor = checkpoints.map(CheckpointAuditor.init)
        let head: LogHead
        let bar = ProgressBar("Verifying", in: context)
        defer { bar.finish() }
        // The domain rules are checked in the same pass: the events they judge are collected as they verify.
        var ruleEvents: [RuleEvent] = []
        let observe = auditor.flatMap { auditor in auditor.needsEvents ? auditor.observe : nil }
        do throws(LogError) {
            head = try store.verify(expecting: recorded, progress: bar.update, observe: observe, judge: { ruleEvents.append($0) })
        } catch {
            bar.finish()
            guard let problem = error.problem else { throw CommandFailure(error) }
            let before = problem.line - 1
            var message = "verification failed at \(problem)"
            if before > 0, problem.kind != .headMissing { message += "; the \(before) event\(before == 1 ? "" : "s") before it verif\(before == 1 ? "ies" : "y")" }
            if problem.kind == .incompleteTail { message += "; run 'decisionlog repair' to remove the incomplete line (a copy is kept)" }
            if problem.kind == .interruptedAppend { message += "; run 'decisionlog repair' to remove the unacknowledged events (a copy is kept)" }
            throw CommandFailure(message, problem.kind == .needsNewerTool ? .unsupported : .verificationFailed)
        }
        if head.seq == 0 {
            context.console.out("Verified: the log is empty.")
        } else {
            context.console.out("Verified \(head.seq) event\(head.seq == 1 ? "" : "s"): seq 1–\(head.seq) without gaps, every hash and link intact.")
            context.console.out("Head: \(head)")
            if let recorded { context.console.out("Holds the recorded head \(recorded.seq):\(recorded.hash.hex.prefix(12))…, unchanged.") }
        }
        reportRuleBreaks(DomainRules.breaks(in: ruleEvents), context)
        if let checkpoints, let auditor { try report(auditor.finish(), of: checkpoints, context) }
        guard args.flag(signatures) else { return }
        if let signedFrom, head.seq > 0, signedFrom > head.seq {
            throw UsageError("The value '\(signedFrom)' is invalid for '--signed-from <seq>'; the log's last event is #\(head.seq), so no event would need a signature", command: spec)
        }
        try checkSignatures(store, requiredFrom: signedFrom ?? 1, context)
    }

    /// Lists the events that break the log's domain rules (an older decisionlog recorded them, or a teammate
    /// wrote them by hand). The log still verifies; the status stays 0.
    private static func reportRuleBreaks(_ breaks: [RuleBreak], _ context: CommandContext) {
        guard !breaks.isEmpty else { return }
        let count = breaks.count
        context.console.out("Rules: \(count) event\(count == 1 ? " breaks" : "s break") the log's domain rules (docs/rules.md, which says what the views make of \(count == 1 ? "it" : "them")):")
        for rule in breaks.prefix(50) { context.console.out("  #\(rule.seq) \(rule.subject): \(rule.problem)") }
        if count > 50 { context.console.out("  … and \(count - 50) more") }
        context.console.out("  To correct one, retract it ('decisionlog add event.retracted --event #<seq> --reason …') and record what happened.")
    }

    /// Says what the checkpoint audit found: warns about (the removed) checkpoints that were never usable;
    /// fails with status 2 when one that passed its own checks disagrees with the replay.
    private static func report(_ audit: CheckpointAudit, of checkpoints: CheckpointStore, _ context: CommandContext) throws {
        for finding in audit.rejected { context.console.error("warning: \(finding); it was never used, and is removed") }
        if !audit.disagreeing.isEmpty {
            throw CommandFailure(lines: audit.disagreeing.map { finding in
                finding.view == "ids" ? "\(finding): appends would have misjudged ids from it; it was removed, and appends read the log for ids until a new one is made"
                    : "\(finding): answers from it were wrong; it was removed, and queries now replay the log"
            }, .verificationFailed)
        }
        if audit.matching > 0 {
            context.console.out("Checkpoints: \(audit.matching == 1 ? "the one" : "all \(audit.matching)") in \(checkpoints.folder) hold\(audit.matching == 1 ? "s" : "") what a replay of the log gives.")
        }
        if let count = audit.indexedIDs {
            context.console.out("Id index: places each of the first \(count) event\(count == 1 ? "" : "s") where the log has it.")
        }
    }

    /// Checks who vouched for each event from seq `requiredFrom` on (and every signature); lists what is wrong
    /// and fails with status 2 when anything is.
    private static func checkSignatures(_ store: any EventStore, requiredFrom: Int, _ context: CommandContext) throws {
        var entries: [SignatureCheck.Entry] = []
        do { _ = try store.forEachEvent { event, _ in entries.append(SignatureCheck.Entry(event)); return true } } catch let error as LogError {
            throw CommandFailure(error)
        }
        let report: SignatureCheck.Report
        do throws(LogError) {
            report = try SignatureCheck.check(entries, allowedSigners: store.folder.allowedSignersFile, requiredFrom: requiredFrom,
                                              environment: context.environment)
        } catch {
            throw CommandFailure(error)
        }
        for broad in report.broadPrincipals {
            context.console.error("warning: \(store.folder.allowedSignersFile):\(broad.line): the principals \"\(broad.principals.quotedForMessage)\" match more than one name, so that key can sign as any of them; list one actor name a line")
        }
        let checked = "\(report.signatures) signature\(report.signatures == 1 ? "" : "s") checked against \(store.folder.allowedSignersFile)"
        let events = "\(report.events) event\(report.events == 1 ? "" : "s")"
        let letBe = report.exempt == 0 ? "" : "; \(report.exempt) unsigned event\(report.exempt == 1 ? "" : "s") before #\(requiredFrom) let be (--signed-from \(requiredFrom))"
        guard !report.findings.isEmpty else {
            let all = requiredFrom > 1 ? "every event from #\(requiredFrom) on" : report.events == 1 ? "the one event" : "every one of the \(events)"
            context.console.out(report.events == 0 ? "Signatures: the log is empty." : "Signatures: \(all) is signed by its actor (\(checked))\(letBe).")
            return
        }
        let bad = report.events - report.signedByActor - report.exempt
        context.console.out("Signatures: \(report.signedByActor) of \(events) signed by their actor (\(checked))\(letBe); \(bad) \(bad == 1 ? "is" : "are") not:")
        for finding in report.findings { context.console.out("  \(finding)") }
        var hint = "sign new events with 'decisionlog config set signing.key <key>' and list each member's key in allowed_signers"
        if let first = report.firstVouched, report.findings.allSatisfy({ $0.kind == .unsigned && $0.seqs.upperBound < first }) {
            hint = "if the events before #\(first) predate signing, let them be with '--signed-from \(first)'"
        }
        throw CommandFailure("\(bad) of \(events) \(bad == 1 ? "is" : "are") not signed by \(bad == 1 ? "its" : "their") actor (listed above); \(hint)", .verificationFailed)
    }
}
