import DecisionLog

/// `decisionlog head`: prints the log's last seq and hash, to keep somewhere the log's writers cannot change.
enum HeadCommand: Command {
    static let spec = CommandSpec(
        name: "head", abstract: "Print the log's head, <seq>:<hash>, to keep elsewhere.",
        discussion: "The chain proves that no event was changed, removed or reordered relative to the ones after it, but a log re-hashed from some event onwards is a valid chain too. Keep the head somewhere the log's writers cannot change — a ticket, a chat message, a signed tag — and 'decisionlog verify --head <seq>:<hash>' later proves the log still holds that event unchanged. Reads only the end of the log; run 'verify' to prove the chain up to it.",
        options: [CommandSpec.logOption])

    static func run(_ arguments: SplitArguments, in context: CommandContext) throws {
        let args = try ArgumentParser.parse(arguments, for: spec)
        let store = try context.openLog(args)
        let head: LogHead
        do throws(LogError) { head = try store.head() } catch { throw CommandFailure(error) }
        guard head.seq > 0 else {
            context.console.error("The log is empty: it has no head yet.")
            return
        }
        context.console.out("\(head)")
    }
}
