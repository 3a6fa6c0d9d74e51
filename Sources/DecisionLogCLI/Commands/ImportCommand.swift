import DecisionLog

/// `decisionlog import <file>`: records a file of drafts, all or none.
enum ImportCommand: Command {
    static let spec = CommandSpec(
        name: "import", abstract: "Record a JSON Lines file of drafts as events, all or none.",
        discussion: """
        Every draft is checked as 'add' checks one — against its type's schema, the team's registered types included — and the file is refused whole, with every bad line listed, when any draft is invalid. A line may register a schema (type schema.registered) that later lines use. Drafts whose id is already in the log with the same content are skipped, so an import can be retried; a draft without an id gets one made from what it says (and how many identical rows came before it in the file), so importing the same spreadsheet again, or one that overlaps it, records only the new rows and says how many were already there. The file is read a part at a time — once to check every draft, again to seal and write them — so its size is not bounded by memory (standard input is read whole first). The events are durable on disk before the command reports success; a refused or interrupted import leaves none of them.
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
        var file = try DraftFile(args.positionals[0], store: store, args: args, context: context)
        let dryRun = args.flag(ImportCommand.dryRun)
        file.request.dryRun = dryRun
        file.request.signer = dryRun ? nil : context.signing()?.signer
        file.request.confirmsNewPeople = args.flag(CommandSpec.newPersonFlag)
        file.request.idIndex = context.idIndexing(of: store)
        let checking = ProgressBar("Checking", in: context), recording = ProgressBar(dryRun ? "Checking against the log" : "Recording", in: context)
        defer { checking.finish(); recording.finish() }
        file.request.progress = { progress in
            switch progress {
            case .checking(let read, let total): checking.update(read, of: total)
            case .readingLog(let drafts):
                checking.status("Reading what the log holds about \(NumberText.format(Double(drafts))) draft\(drafts == 1 ? "" : "s")…")
            case .recording(let read, let total): recording.update(read, of: total)
            case .syncing: recording.status("Syncing…")
            }
        }
        let receipt = try file.run(in: store, suffix: "; nothing was imported")
        checking.finish()
        recording.finish()
        // A row without an id or a date that matches an event already in the log was taken for that event; say
        // so, since it may be a new decision that only looks the same (a launch moved back to a date it had).
        let (matched, firstMatched) = receipt.undatedMatches
        if matched > 0, let first = firstMatched {
            context.console.error("note: \(matched) row\(matched == 1 ? "" : "s") without an id or an effective date matched \(matched == 1 ? "an event" : "events") already in the log (#\(first)\(matched > 1 ? ", …" : "")) and \(matched == 1 ? "was" : "were") not recorded again; if \(matched == 1 ? "it is a new decision" : "they are new decisions"), give \(matched == 1 ? "it" : "them") an effective date")
        }
        let count = receipt.recorded
        let skipped = receipt.alreadyPresent
        let range = receipt.first.map { first in " (#\(first.seq)" + (count > 1 ? "–#\(receipt.last!.seq)" : "") + ")" } ?? ""
        let skippedText = skipped == 0 ? "" : "; \(skipped) \(skipped == 1 ? "was" : "were") already in the log"
        if count == 0 {
            context.console.out(skipped == 1 ? "Nothing to import: its one draft is already in the log" : "Nothing to import: all \(skipped) drafts are already in the log")
        } else if dryRun {
            context.console.out("Would import \(count) event\(count == 1 ? "" : "s")\(range) from \(file.name)\(skippedText) (dry run; nothing was written)")
        } else {
            let signed = receipt.last?.signature == nil ? "" : "; signed once, on #\(receipt.last!.seq), for all \(count)"
            context.console.out("Imported \(count) event\(count == 1 ? "" : "s")\(range) from \(file.name)\(skippedText)\(signed)")
        }
    }
}
