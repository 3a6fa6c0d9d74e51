import DecisionLog

/// `decisionlog pull --into DIR`: copies the log's new events into a local file log, a verified mirror.
enum PullCommand: Command {
    static let spec = CommandSpec(
        name: "pull", abstract: "Copy the log's new events into a local mirror that verifies.",
        discussion: "Copies the events the mirror at --into lacks, byte for byte, from the log (typically one kept in PostgreSQL), creating the mirror on the first pull. Every event is checked against its hash and must continue the mirror's chain, so the mirror always verifies; each few MiB is made durable as it arrives, so a pull cut off keeps what it copied. Queries and checkpoints then run on the mirror at file speed: 'decisionlog show launches --log DIR'. Do not add to the mirror itself: pull refuses a mirror whose history differs from the log's.",
        options: [into.declaration, CommandSpec.logOption])
    static let into = Option("into", "<dir>", help: "The mirror's folder (made on the first pull).")

    static func run(_ arguments: SplitArguments, in context: CommandContext) throws {
        let args = try ArgumentParser.parse(arguments, for: spec)
        guard let path = try args.value(into) else { throw UsageError("Missing '--into <dir>': name the mirror's folder", command: spec) }
        let source = try context.openLog(args)
        let folder = LogFolder(path: path, currentDirectory: context.currentDirectory)
        guard folder != source.folder else { throw CommandFailure("the mirror must be another folder than the log's own (\(folder.path))", .invalidInput) }
        do throws(LogError) {
            let mirror: FileEventStore
            if FileSystem.exists(folder.configFile) {
                mirror = try FileEventStore(opening: folder)
                guard mirror.configuration.logID == source.configuration.logID else {
                    throw LogError(.conflict, "\(folder.path) is a mirror of another log (\(mirror.configuration.logID), not \(source.configuration.logID))",
                                   hint: "choose another folder for --into")
                }
                guard mirror.configuration.store == nil else {
                    throw LogError(.conflict, "\(folder.path) names a database itself; a mirror is a folder with its own events file", hint: "choose another folder for --into")
                }
            } else {
                var configuration = source.configuration
                configuration.store = nil
                mirror = try FileEventStore.create(in: folder, configuration: configuration)
            }
            let (copied, head) = try mirror.appendCopies(of: source)
            for notice in mirror.takeNotices() { context.console.error("warning: \(notice)") }
            context.console.out(copied == 0 ? "The mirror at \(folder.path) is up to date: \(head.seq) events, head \(head)."
                                             : "Pulled \(copied) event\(copied == 1 ? "" : "s") into \(folder.path): \(head.seq) events, head \(head).")
        } catch {
            throw CommandFailure(error)
        }
    }
}
