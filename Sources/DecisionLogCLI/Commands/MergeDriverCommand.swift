import DecisionLog

/// `decisionlog merge-driver %O %A %B %P`: git's merge driver for a log's events.jsonl.
enum MergeDriverCommand: Command {
    static let spec = CommandSpec(
        name: "merge-driver", abstract: "Merge two copies of a log's events (git calls this; see 'decisionlog git install').",
        discussion: "Writes the merge to <ours>: the events of the published side unchanged, then the other side's events, re-sealed on top. The published side is the one whose new events the remote-tracking refs hold, or held here (their last updates, any forced update, their first position): <theirs> in a merge, <ours> in a rebase ('git pull --rebase') or when a stash is applied; with no remote, <theirs>, or <ours> in a rebase. Reports subjects both sides changed on standard error. Events that were signed are signed again with your signing.key, since re-sealing changes their hashes. Exits 1, leaving <ours> untouched (git then shows a conflict), when a side lacks an event of <base> as it was (rewritten history, another log), both sides hold published events the other lacks (a force-push, or two pushed branches both extended), an event both sides hold has different signatures, it cannot be found out which side is published, either side fails verification, an id is on both sides with other content, a side registers a schema decisionlog refuses, an event cannot be re-sealed, or signed events cannot be signed again.",
        arguments: [
            .init(name: "<base>", help: "The common ancestor's file (%O): what both sides already shared, which neither may change."),
            .init(name: "<ours>", help: "The local file (%A); the merge is written here."),
            .init(name: "<theirs>", help: "The incoming file (%B)."),
            .init(name: "<path>", help: "The events file's path in the repository (%P), to find the log's configuration.", optional: true),
        ],
        options: [])

    static func run(_ arguments: SplitArguments, in context: CommandContext) throws {
        let args = try ArgumentParser.parse(arguments, for: spec)
        let paths = args.positionals.prefix(3).map { Paths.absolute($0, from: context.currentDirectory) }
        let logPath = args.positionals.count > 3 ? Paths.parent(of: Paths.absolute(args.positionals[3], from: context.currentDirectory)) : nil
        // The log folder's path comes from the repository: a link there could point the merge at any folder.
        if let logPath, FileSystem.isSymbolicLink(logPath) {
            throw CommandFailure("decisionlog merge: \(logPath) is a symbolic link in the repository; nothing was merged — a log folder is a folder of its own", .failure)
        }
        let store = try context.openLog(explicitPath: logPath)
        let files: [[UInt8]]
        do throws(SystemError) {
            files = try paths.map { (path: String) throws(SystemError) -> [UInt8] in try FileSystem.readFile(path) }
        } catch {
            throw CommandFailure("cannot read the files to merge: \(error)", .ioError)
        }
        // In a rebase git replays the local commits onto the published ones: <ours> is then the published side.
        let relative = args.positionals.count > 3 ? args.positionals[3] : nil
        let sides = LogMerge.Sides(base: files[0], ours: files[1], theirs: files[2], rebasing: isRebasing(in: store.folder.path)) { hashes in
            relative.map { PublishedEvents.among(hashes, path: $0, repository: context.currentDirectory) } ?? .incomplete("git gave no path for the log")
        }
        let merged: (bytes: [UInt8], report: LogMerge.Report)
        do throws(LogError) {
            merged = try LogMerge.merge(sides, configuration: store.configuration, recordedBy: context.recordedBy,
                                        signer: context.signing()?.signer, environment: context.environment)
        } catch {
            throw CommandFailure("decisionlog merge: " + CommandFailure(error).lines.joined(separator: "; "), .failure)
        }
        do throws(SystemError) { try FileSystem.replaceFile(paths[1], with: merged.bytes, durable: true) } catch {
            throw CommandFailure("cannot write the merge to \(paths[1]): \(error.reason)", .ioError)
        }
        let report = merged.report
        var summary = "decisionlog merge: kept \(report.shared) shared and \(report.incoming) incoming event\(report.incoming == 1 ? "" : "s")"
        if !report.resealed.isEmpty {
            let range = report.resealed.count == 1 ? "#\(report.resealed[0].new)" : "#\(report.resealed.first!.new)–#\(report.resealed.last!.new)"
            summary += "; re-sealed \(report.resealed.count) local event\(report.resealed.count == 1 ? "" : "s") as \(range)"
            if report.resigned > 0 { summary += " and signed \(report.resigned == 1 ? "it" : "them") again (\(report.resigned) signature\(report.resigned == 1 ? "" : "s"))" }
        }
        if report.alreadyIncoming > 0 { summary += "; \(report.alreadyIncoming) local event\(report.alreadyIncoming == 1 ? " was" : "s were") already incoming" }
        context.console.error(summary)
        for change in report.concurrentChanges { context.console.error("  concurrent change: " + change) }
        for rule in report.ruleBreaks { context.console.error("  breaks a rule (the views leave it out; retract one side's event): " + rule) }
    }

    /// Whether the repository holding `folder` is in the middle of a rebase (git's rebase-merge or
    /// rebase-apply folder exists).
    static func isRebasing(in folder: String) -> Bool {
        ["rebase-merge", "rebase-apply"].contains { name in
            guard let result = ProcessFacts.run(["git", "-C", folder, "rev-parse", "--path-format=absolute", "--git-path", name]), result.status == 0 else { return false }
            return FileSystem.isDirectory(result.output.trimmingWhitespace)
        }
    }
}
