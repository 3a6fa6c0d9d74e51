import DecisionLog

/// `decisionlog migrate --to URL`: moves a file log into a PostgreSQL database and switches its folder over.
enum MigrateCommand: Command {
    static let spec = CommandSpec(
        name: "migrate", abstract: "Move the log into a PostgreSQL database, with the same hashes, and use it from now on.",
        discussion: "Does what 'push' does — verify, then copy every event in one transaction, checking the database's head is the log's — and then names the database in the folder's configuration, so every command uses it. The events file is kept beside, renamed events.jsonl.migrated; it is no longer read or written. Teammates join with 'decisionlog init --store <url>'.",
        options: [PushCommand.to.declaration, CommandSpec.logOption])

    static func run(_ arguments: SplitArguments, in context: CommandContext) throws {
        let args = try ArgumentParser.parse(arguments, for: spec)
        let store = try context.openLog(args)
        guard let file = store as? FileEventStore else { throw CommandFailure("the log is already kept in a database", .invalidInput) }
        let url = try PushCommand.target(args, spec: spec, context: context)
        let migrated: (copied: Int, head: LogHead)
        do throws(LogError) { migrated = try file.migrate(to: url) } catch { throw CommandFailure(error) }
        PushCommand.report(migrated.copied, migrated.head, of: file.configuration.logID, to: url, context: context)
        let kept = file.folder.eventsFile + ".migrated"
        context.console.out("The log at \(file.folder.path) now uses \(PostgresEventStore.redacted(url)); its head is \(migrated.head), as before. The old events file is \(kept).")
    }
}
