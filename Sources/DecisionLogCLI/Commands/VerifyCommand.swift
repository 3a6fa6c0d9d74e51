import DecisionLog

/// `decisionlog verify`: proves nothing in the log was altered.
enum VerifyCommand: Command {
    static let spec = CommandSpec(
        name: "verify", abstract: "Check every hash, link and seq of the log.",
        discussion: "Recomputes each event's SHA-256 hash from its bytes, checks that it links to the event before, that seq runs 1, 2, 3… without a gap, that ids are unique and that recorded time never goes back. With --head, also proves the log still holds a head printed earlier by 'decisionlog head', which catches a log re-hashed from some event onwards. With --signatures, also checks every signature with 'ssh-keygen -Y verify' against the log's allowed_signers file and lists the events that are unsigned or not signed by their actor. Names the first bad event and exits with status 2 when anything is wrong.",
        options: [
            .init(name: "head", value: "<seq>:<hash>", help: "A head kept from 'decisionlog head': the log must still hold that event, with that hash."),
            .init(name: "signatures", value: nil, help: "Also check that a valid signature of its actor vouches for every event (keys in <log>/allowed_signers)."),
            CommandSpec.logOption,
        ])

    static func run(_ arguments: ArraySlice<String>, in context: CommandContext) throws {
        let args = try ArgumentParser.parse(arguments, for: spec)
        var recorded: RecordedHead? = nil
        if let text = args.value("head") {
            guard let head = RecordedHead(text) else {
                throw UsageError("The value '\(text.quotable)' is invalid for '--head <seq>:<hash>'; expected what 'decisionlog head' prints, e.g. 12:<64 hex digits>", command: spec)
            }
            recorded = head
        }
        let store = try context.openLog(args)
        let head: LogHead
        let bar = ProgressBar("Verifying", in: context)
        defer { bar.finish() }
        do throws(LogError) { head = try store.verify(expecting: recorded, progress: bar.update) } catch {
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
        if args.flag("signatures") { try checkSignatures(store, context) }
    }

    /// Checks who vouched for each event; lists what is wrong and fails with status 2 when anything is.
    private static func checkSignatures(_ store: FileEventStore, _ context: CommandContext) throws {
        var entries: [SignatureCheck.Entry] = []
        do { _ = try store.forEachEvent { event, _ in entries.append(SignatureCheck.Entry(event)); return true } } catch let error as LogError {
            throw CommandFailure(error)
        }
        let report: SignatureCheck.Report
        do throws(LogError) {
            report = try SignatureCheck.check(entries, allowedSigners: store.folder.allowedSignersFile, environment: context.environment)
        } catch {
            throw CommandFailure(error)
        }
        let checked = "\(report.signatures) signature\(report.signatures == 1 ? "" : "s") checked against \(store.folder.allowedSignersFile)"
        let events = "\(report.events) event\(report.events == 1 ? "" : "s")"
        guard !report.findings.isEmpty else {
            let all = report.events == 1 ? "the one event is" : "every one of the \(events) is"
            context.console.out(report.events == 0 ? "Signatures: the log is empty." : "Signatures: \(all) signed by its actor (\(checked)).")
            return
        }
        let bad = report.events - report.signedByActor
        context.console.out("Signatures: \(report.signedByActor) of \(events) signed by their actor (\(checked)); \(bad) \(bad == 1 ? "is" : "are") not:")
        for finding in report.findings { context.console.out("  \(finding)") }
        throw CommandFailure("\(bad) of \(events) \(bad == 1 ? "is" : "are") not signed by \(bad == 1 ? "its" : "their") actor (listed above); sign new events with 'decisionlog config set signing.key <key>' and list each member's key in allowed_signers", .verificationFailed)
    }
}
