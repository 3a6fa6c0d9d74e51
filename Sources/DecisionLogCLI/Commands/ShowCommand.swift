import DecisionLog

/// `decisionlog show <event>`: one event in full.
enum ShowCommand: Command {
    static let spec = CommandSpec(
        name: "show", abstract: "Show one event in full.",
        arguments: [.init(name: "<event>", help: "The event: its seq (12 or #12), its id, or enough of the start of its id to name one event.")],
        options: [
            .init(name: "format", value: "<format>", help: "text (default), json, or jsonl (the stored line, byte for byte)."),
            CommandSpec.logOption,
        ])

    static func run(_ arguments: ArraySlice<String>, in context: CommandContext) throws {
        let args = try ArgumentParser.parse(arguments, for: spec)
        let format = try args.choice("format", ["text", "json", "jsonl"], default: "text", spec: spec)
        let text = args.positionals[0]
        guard let reference = EventReference(text) else {
            throw UsageError("'\(text)' is not an event; give its seq (12 or #12) or its id", command: spec)
        }
        let store = try context.openLog(args)
        var found = try store.events(matching: reference)
        if found.isEmpty, case .seq = reference, !text.hasPrefix("#"), text.count >= 8 {
            found = try store.events(matching: .idPrefix(text))  // digits only, but long enough to be an id's start
        }
        guard found.count == 1, let event = found.first else {
            if found.isEmpty { throw CommandFailure("no event \(reference) in this log; 'decisionlog log' lists them", .invalidInput) }
            throw CommandFailure("'\(text)' matches \(found.count) events; give more of the id", .invalidInput)
        }
        switch format {
        case "json": context.console.out(PrettyJSON.format(event.line.dropLast()))
        case "jsonl": context.console.writeOut(String(decoding: event.line, as: UTF8.self))
        default: context.console.writeOut(EventRendering(timeZone: store.configuration.timeZone).detail(event))
        }
    }
}
