import DecisionLog

/// `decisionlog repair`: removes an incomplete last line left by an interrupted write.
enum RepairCommand: Command {
    static let spec = CommandSpec(
        name: "repair", abstract: "Remove what an interrupted write left at the end of the log.",
        discussion: "A write cut off by a crash or a kill can leave the events of an unfinished append, or part of a line, at the end of the log. They were never acknowledged, so removing them loses nothing; a copy of the removed bytes is kept in the log folder's repairs/ folder. Any other damage is refused: it is evidence, not something to repair. A lock file that is not a regular file of the log's own (a symbolic link, a FIFO) is replaced by a fresh one.",
        options: [CommandSpec.logOption])

    static func run(_ arguments: SplitArguments, in context: CommandContext) throws {
        let args = try ArgumentParser.parse(arguments, for: spec)
        guard let store = try context.openLog(args) as? FileEventStore else {
            context.console.out("Nothing to repair: a log in PostgreSQL is changed only by transactions, which leave nothing half-written; 'decisionlog verify' checks it.")
            return
        }
        let report: RepairReport
        do throws(LogError) { report = try store.repair() } catch { throw CommandFailure(error) }
        if let replaced = report.replacedLock {
            context.console.out("Replaced the lock file, which was \(replaced), with a fresh one (only the name was removed; nothing it pointed to was touched).")
        }
        if report.completedLastLine {
            context.console.out("Completed the last line, a whole event missing only its newline.")
            context.console.out("The log verifies: \(report.head.seq) events, head \(report.head).")
        } else if report.removedBytes == 0 {
            context.console.out("Nothing to repair: the log verifies (\(report.head.seq) events).")
        } else {
            let what = report.removedInterruptedAppend ? "an append that was interrupted before it was acknowledged" : "an incomplete last line"
            context.console.out("Removed \(what) (\(report.removedBytes) bytes); a copy is in \(report.savedCopy ?? "repairs/").")
            context.console.out("The log verifies: \(report.head.seq) events, head \(report.head).")
        }
    }
}
