import DecisionLog

/// `decisionlog repair`: removes an incomplete last line left by an interrupted write.
enum RepairCommand: Command {
    static let spec = CommandSpec(
        name: "repair", abstract: "Remove an incomplete last line left by an interrupted write.",
        discussion: "A write cut off by a crash or a kill can leave part of a line at the end of the log. That event was never acknowledged, so removing it loses nothing; a copy of the removed bytes is kept in the log folder's repairs/ folder. Any other damage is refused: it is evidence, not something to repair.",
        options: [CommandSpec.logOption])

    static func run(_ arguments: ArraySlice<String>, in context: CommandContext) throws {
        let args = try ArgumentParser.parse(arguments, for: spec)
        let store = try context.openLog(args)
        let report: RepairReport
        do throws(LogError) { report = try store.repair() } catch { throw CommandFailure(error) }
        if report.removedBytes == 0 {
            context.console.out("Nothing to repair: the log verifies (\(report.head.seq) events).")
        } else {
            context.console.out("Removed an incomplete last line (\(report.removedBytes) bytes); a copy is in \(report.savedCopy ?? "repairs/").")
            context.console.out("The log verifies: \(report.head.seq) events, head \(report.head).")
        }
    }
}
