import DecisionLog

/// `decisionlog git install` and `decisionlog merge-driver %O %A %B %P`: sharing a log through git.
enum GitCommand: Command {
    static let spec = CommandSpec(
        name: "git", abstract: "Set up a git repository to merge the log without conflicts.",
        discussion: """
        'decisionlog git install' (run inside the repository that holds the log folder) adds to .gitattributes the line that sends the log's events.jsonl to decisionlog's merge driver (and one that merges the team's allowed_signers as a union of lines), and registers the driver in the repository's git config. Then 'git pull' merges two members' appends: the incoming events stay as they are, the local-only ones are re-sealed on top of them (new seq, new chain, like a rebase), an event both sides have is kept once, and subjects both sides changed are reported. Commit .gitattributes; each clone runs 'decisionlog git install' once, since git config is not shared.
        """,
        arguments: [.init(name: "install", help: "Write the .gitattributes entry and register the merge driver in this repository.")],
        options: [CommandSpec.logOption],
        usage: "install")

    static func run(_ arguments: ArraySlice<String>, in context: CommandContext) throws {
        let args = try ArgumentParser.parse(arguments, for: spec)
        guard args.positionals.first == "install" else {
            throw UsageError("Unknown subcommand '\(args.positionals[0].quotable)' of 'git'; expected install", command: spec)
        }
        let store = try context.openLog(args)
        let root = try git(["rev-parse", "--show-toplevel"], in: store.folder.path, context: context)
            .trimmingWhitespace
        guard store.folder.path.hasPrefix(root + "/") else {
            throw CommandFailure("the log at \(store.folder.path) is not inside the git repository at \(root)", .invalidInput)
        }
        let relative = { (path: String) in String(path.dropFirst(root.count + 1)) }
        let attributes = Paths.join(root, ".gitattributes")
        // The events go to the merge driver; the team's keys are a set of lines, which git's union merge keeps.
        let lines = ["\(relative(store.folder.eventsFile)) merge=decisionlog", "\(relative(store.folder.allowedSignersFile)) merge=union"]
        let existing = (try? FileSystem.readFile(attributes)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let present = Set(existing.split(separator: "\n").map { String($0).trimmingWhitespace })
        let missing = lines.filter { !present.contains($0) }
        if !missing.isEmpty {
            let text = existing + (existing.isEmpty || existing.hasSuffix("\n") ? "" : "\n") + missing.map { $0 + "\n" }.joined()
            do throws(SystemError) { try FileSystem.replaceFile(attributes, with: Array(text.utf8), durable: true) } catch {
                throw CommandFailure("cannot write \(attributes): \(error.reason)", error.isPermission ? .permissionDenied : .ioError)
            }
        }
        let program = context.programPath.contains("/") ? Paths.absolute(context.programPath, from: context.currentDirectory) : "decisionlog"
        _ = try git(["config", "merge.decisionlog.name", "DecisionLog: re-seal local events on top of incoming ones"], in: root, context: context)
        _ = try git(["config", "merge.decisionlog.driver", "\(program) merge-driver %O %A %B %P"], in: root, context: context)
        context.console.out((missing.isEmpty ? "\(attributes) already sends the log to the merge driver" : "Added '\(missing.joined(separator: "' and '"))' to \(attributes)")
                            + "; registered the merge driver in \(root)/.git/config")
        context.console.out("Commit .gitattributes; every clone runs 'decisionlog git install' once.")
    }

    /// Runs git with `arguments` in `folder`; its standard output, or a failure with its error.
    static func git(_ arguments: [String], in folder: String, context: CommandContext) throws(CommandFailure) -> String {
        let result = ProcessFacts.run(["git", "-C", folder] + arguments)
        guard let result, result.status == 0 else {
            throw CommandFailure("git \(arguments.joined(separator: " ")) failed\(result.map { ": " + $0.error.trimmingWhitespace } ?? ": git is not installed"); run it inside the git repository that holds the log", .failure)
        }
        return result.output
    }
}

/// `decisionlog merge-driver %O %A %B %P`: git's merge driver for a log's events.jsonl.
enum MergeDriverCommand: Command {
    static let spec = CommandSpec(
        name: "merge-driver", abstract: "Merge two copies of a log's events (git calls this; see 'decisionlog git install').",
        discussion: "Writes the merge of <ours> and <theirs> to <ours>: the events of <theirs> (the incoming, already shared side) unchanged, then the events only <ours> has, re-sealed on top. Reports subjects both sides changed on standard error. Local events that were signed are signed again with your signing.key, since re-sealing changes their hashes. Exits 1, leaving <ours> untouched, when either side fails verification, a local event cannot be re-sealed, or signed local events cannot be signed again.",
        arguments: [
            .init(name: "<base>", help: "The common ancestor's file (%O); not needed: the shared events are found by hash."),
            .init(name: "<ours>", help: "The local file (%A); the merge is written here."),
            .init(name: "<theirs>", help: "The incoming file (%B)."),
            .init(name: "<path>", help: "The events file's path in the repository (%P), to find the log's configuration.", optional: true),
        ],
        options: [])

    static func run(_ arguments: ArraySlice<String>, in context: CommandContext) throws {
        let args = try ArgumentParser.parse(arguments, for: spec)
        let (oursPath, theirsPath) = (Paths.absolute(args.positionals[1], from: context.currentDirectory), Paths.absolute(args.positionals[2], from: context.currentDirectory))
        let logPath = args.positionals.count > 3 ? Paths.parent(of: Paths.absolute(args.positionals[3], from: context.currentDirectory)) : nil
        let store = try context.openLog(explicitPath: logPath)
        let ours: [UInt8], theirs: [UInt8]
        do throws(SystemError) {
            ours = try FileSystem.readFile(oursPath)
            theirs = try FileSystem.readFile(theirsPath)
        } catch {
            throw CommandFailure("cannot read the files to merge: \(error)", .ioError)
        }
        let merged: (bytes: [UInt8], report: LogMerge.Report)
        do throws(LogError) {
            merged = try LogMerge.merge(local: ours, incoming: theirs, configuration: store.configuration, recordedBy: context.recordedBy,
                                        signer: context.signing()?.signer, environment: context.environment)
        } catch {
            throw CommandFailure("decisionlog merge: " + CommandFailure(error).lines.joined(separator: "; "), .failure)
        }
        do throws(SystemError) { try FileSystem.replaceFile(oursPath, with: merged.bytes, durable: true) } catch {
            throw CommandFailure("cannot write the merge to \(oursPath): \(error.reason)", .ioError)
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
    }
}
