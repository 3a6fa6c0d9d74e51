import DecisionLog

/// `decisionlog git install` and `decisionlog merge-driver %O %A %B %P`: sharing a log through git.
enum GitCommand: Command {
    static let spec = CommandSpec(
        name: "git", abstract: "Set up a git repository to merge the log without conflicts.",
        discussion: """
        'decisionlog git install' (run inside the repository that holds the log folder) adds to .gitattributes the line that sends the log's events.jsonl to decisionlog's merge driver (and one that merges the team's allowed_signers as a union of lines), and registers the driver in the repository's git config. Then 'git pull' (merging or rebasing) joins two members' appends: the published events stay as they are, the local-only ones are re-sealed on top of them (new seq, new chain, like a rebase), an event both sides have is kept once, and subjects both sides changed are reported. A side that rewrote events both sides already had, another log, or an id both sides recorded differently is refused, and git shows a conflict instead. Commit .gitattributes; each clone runs 'decisionlog git install' once, since git config is not shared.
        """,
        arguments: [.init(name: "install", help: "Write the .gitattributes entry and register the merge driver in this repository.")],
        options: [CommandSpec.logOption],
        usage: "install")

    static func run(_ arguments: SplitArguments, in context: CommandContext) throws {
        let args = try ArgumentParser.parse(arguments, for: spec)
        guard args.positionals.first == "install" else {
            throw UsageError("Unknown subcommand '\(args.positionals[0].quotedForMessage)' of 'git'; expected install", command: spec)
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
