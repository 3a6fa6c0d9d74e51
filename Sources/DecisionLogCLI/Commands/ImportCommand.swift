import DecisionLog

/// `decisionlog import <file>`: records a file of drafts, all or none.
enum ImportCommand: Command {
    static let spec = CommandSpec(
        name: "import", abstract: "Record a JSON Lines file of drafts as events, all or none.",
        discussion: """
        Every draft is checked as 'add' checks one — against its type's schema, the team's registered types included — and the file is refused whole, with every bad line listed, when any draft is invalid. A line may register a schema (type schema.registered) that later lines use. Drafts whose id is already in the log with the same content are skipped, so an import can be retried; a draft without an id gets one made from what it says (and how many identical rows came before it in the file), so importing the same spreadsheet again, or one that overlaps it, records only the new rows and says how many were already there. The events are durable on disk before the command reports success.
        """,
        arguments: [DraftFile.argument],
        options: DraftFile.options + [
            dryRun.declaration, CommandSpec.newPersonFlag.declaration,
            CommandSpec.logOption,
        ])

    static let dryRun = Flag("dry-run", help: "Check everything and show what would be recorded, writing nothing.")

    static func run(_ arguments: SplitArguments, in context: CommandContext) throws {
        let args = try ArgumentParser.parse(arguments, for: spec)
        let store = try context.openLog(args)
        let bar = ProgressBar("Checking", in: context, unit: "drafts")
        defer { bar.finish() }
        let file = try DraftFile(args.positionals[0], store: store, args: args, context: context, progress: bar.update)
        if !file.batch.failures.isEmpty {
            // Some drafts are bad on their own: list them with what the log would refuse of the others.
            let problems = try file.problems(store, recordedBy: context.recordedBy)
            throw CommandFailure(lines: ["\(file.name): \(file.count(invalid: problems.lines.count)); nothing was imported"]
                                     + problems.lines.map { "  " + $0 }, problems.status)
        }
        let dryRun = args.flag(ImportCommand.dryRun)
        let drafts = file.batch.drafts.count
        bar.status("\(dryRun ? "Checking against the log" : "Recording") \(NumberText.format(Double(drafts))) event\(drafts == 1 ? "" : "s") (sealing\(dryRun ? "" : ", writing and syncing"))…")
        let receipt: AppendReceipt
        var undated: Set<EventID> = []
        do throws(LogError) {
            let drafts = ContentID.assign(file.batch.drafts, logID: store.configuration.logID)
            undated = Set(zip(file.batch.drafts, drafts).compactMap { original, given in original.id == nil && original.effectiveAtIsDefault ? given.id : nil })
            var request = AppendRequest(drafts: drafts, recordedBy: context.recordedBy, dryRun: dryRun, signing: context.signing())
            request.confirmsNewPeople = args.flag(CommandSpec.newPersonFlag)
            request.idIndex = context.idIndexing(of: store)
            receipt = try store.append(request)
        } catch where !error.rejections.isEmpty {
            // Every draft is valid on its own, but the log refuses some (references, ids, schema versions).
            let refused = file.problemLines(adding: error.rejections)
            throw CommandFailure(lines: ["\(file.name): \(file.count(invalid: refused.count)); nothing was imported"] + refused.map { "  " + $0 },
                                 error.code == .conflict ? .conflict : .invalidInput)
        } catch {
            throw CommandFailure(error)
        }
        bar.finish()
        // A row without an id or a date that matches an event already in the log was taken for that event; say
        // so, since it may be a new decision that only looks the same (a launch moved back to a date it had).
        let matchedUndated = receipt.alreadyPresent.filter { undated.contains($0.id) }
        if let first = matchedUndated.first {
            let count = matchedUndated.count
            context.console.error("note: \(count) row\(count == 1 ? "" : "s") without an id or an effective date matched \(count == 1 ? "an event" : "events") already in the log (#\(first.seq)\(count > 1 ? ", …" : "")) and \(count == 1 ? "was" : "were") not recorded again; if \(count == 1 ? "it is a new decision" : "they are new decisions"), give \(count == 1 ? "it" : "them") an effective date")
        }
        let count = receipt.appended.count
        let skipped = receipt.alreadyPresent.count
        let range = count == 0 ? "" : " (#\(receipt.appended.first!.seq)" + (count > 1 ? "–#\(receipt.appended.last!.seq)" : "") + ")"
        let skippedText = skipped == 0 ? "" : "; \(skipped) \(skipped == 1 ? "was" : "were") already in the log"
        if count == 0 {
            context.console.out(skipped == 1 ? "Nothing to import: its one draft is already in the log" : "Nothing to import: all \(skipped) drafts are already in the log")
        } else if dryRun {
            context.console.out("Would import \(count) event\(count == 1 ? "" : "s")\(range) from \(file.name)\(skippedText) (dry run; nothing was written)")
        } else {
            let signed = receipt.appended.last?.signature == nil ? "" : "; signed once, on #\(receipt.appended.last!.seq), for all \(count)"
            context.console.out("Imported \(count) event\(count == 1 ? "" : "s")\(range) from \(file.name)\(skippedText)\(signed)")
        }
    }
}
