import DecisionLog

/// `decisionlog push --to URL`: copies a log's events into a PostgreSQL database, byte for byte.
enum PushCommand: Command {
    static let spec = CommandSpec(
        name: "push", abstract: "Copy the log's events into a PostgreSQL database, with the same hashes.",
        discussion: "Verifies the log, then copies the events the database's copy lacks (all of them the first time, creating the log there under the same log id) in one transaction: all or none. The database's head is then the log's head, byte for byte. The database's copy must be an earlier state of this log; a different history is refused. 'decisionlog migrate --to' also switches this folder over to the database.",
        options: [to.declaration, CommandSpec.logOption])
    static let to = Option("to", "<url>", help: "The database, a postgresql:// URI (default: $DECISIONLOG_STORE).")

    static func run(_ arguments: SplitArguments, in context: CommandContext) throws {
        let args = try ArgumentParser.parse(arguments, for: spec)
        let store = try context.openLog(args)
        let url = try target(args, spec: spec, context: context)
        guard store.configuration.store != url else { throw CommandFailure("the log is already kept in \(PostgresEventStore.redacted(url))", .invalidInput) }
        let pushed: (copied: Int, head: LogHead)
        do throws(LogError) { pushed = try PostgresEventStore.push(store, to: url) } catch { throw CommandFailure(error) }
        report(pushed.copied, pushed.head, of: store.configuration.logID, to: url, context: context)
        context.console.out("The database's head is \(pushed.head), the same as the log's.")
    }

    /// The database `--to` (else `$DECISIONLOG_STORE`) names; a usage error when neither names one.
    static func target(_ args: ParsedArguments, spec: CommandSpec, context: CommandContext) throws -> String {
        guard let url = try args.value(to) ?? context.environment["DECISIONLOG_STORE"].flatMap({ $0.isEmpty ? nil : $0 }) else {
            throw UsageError("Missing '--to <url>': name the database, a postgresql:// URI", command: spec)
        }
        guard PostgresEventStore.isStoreURL(url) else {
            throw UsageError("The value '\(url.quotedForMessage)' is invalid for '--to': expected a postgresql:// URI, such as postgresql://db.example.com/decisions", command: spec)
        }
        return url
    }

    /// Prints what a push copied.
    static func report(_ copied: Int, _ head: LogHead, of logID: EventID, to url: String, context: CommandContext) {
        context.console.out(copied == 0 ? "The database \(PostgresEventStore.redacted(url)) already holds all \(head.seq) events."
                                         : "Copied \(copied) event\(copied == 1 ? "" : "s") into \(PostgresEventStore.redacted(url)) (log \(logID)).")
    }
}
