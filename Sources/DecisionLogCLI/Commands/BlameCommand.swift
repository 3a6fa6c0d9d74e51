import DecisionLog

/// `decisionlog blame <view>`: each current value beside the event that set it.
enum BlameCommand: Command {
    static let spec = CommandSpec(
        name: "blame", abstract: "Show each value of a view beside the event that set it: seq, who, when.",
        arguments: [.init(name: "<view>", help: "The view: \(Views.names.joined(separator: ", ")).")],
        options: [ViewQuery.asOf.declaration, ViewQuery.knownAt.declaration, ViewQuery.subject.declaration, ViewQuery.format.declaration, CommandSpec.logOption])

    static func run(_ arguments: SplitArguments, in context: CommandContext) throws {
        let args = try ArgumentParser.parse(arguments, for: spec)
        let store = try context.openLog(args)
        let query = ViewQuery(store: store, context: context, spec: spec)
        if args.positionals[0] == TimelineProjection.name {
            throw UsageError("blame shows which event set each value of a view; the timeline is the events themselves — use 'decisionlog log'", command: spec)
        }
        let format = try query.format(args)
        let (table, moment) = try query.table(args)
        try context.deliver(query.rendering.blame(table, at: moment, format: format), format: format.rawValue)
    }
}
