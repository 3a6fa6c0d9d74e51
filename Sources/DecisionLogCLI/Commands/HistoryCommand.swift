import DecisionLog

/// `decisionlog history <subject>`: every change to one subject, who made it, when and why.
enum HistoryCommand: Command {
    static let spec = CommandSpec(
        name: "history", abstract: "Show every change to a subject: when (both clocks), who, what changed, why.",
        discussion: "Lists the events about the subject in the order they took effect, each with what it changed (field: before → after), its reason, and notes such as \"recorded 2 days later\" or \"retracted by #26\".",
        arguments: [.init(name: "<subject>", help: "The subject, e.g. launch/atlas or feature/sso.")],
        options: [ViewQuery.knownAt.declaration, ViewQuery.format.declaration, CommandSpec.logOption])

    static func run(_ arguments: SplitArguments, in context: CommandContext) throws {
        let args = try ArgumentParser.parse(arguments, for: spec)
        let text = args.positionals[0]
        guard let subject = Subject(text) else {
            throw UsageError("'\(text.quotedForMessage)' is not a subject: \(Subject.problem(with: text)!)", command: spec)
        }
        let store = try context.openLog(args)
        let query = ViewQuery(store: store, context: context, spec: spec)
        let format = try query.format(args)
        let known = try query.point(args, ViewQuery.knownAt)
        let cut = Cut.Known(known)
        var events: [Event] = []
        // Only the events about the subject are decoded (and its longer namesakes, left out here).
        var about = EventFilter()
        about.subjectPrefixes = [subject.text]
        let end = try store.forEachEvent(matching: about) { header, match in
            guard cut.includes(header) else { return false }
            if let event = match?.event, event.subject == subject { events.append(event) }
            return true
        }
        context.warnIfSkipped(end.skippedInterruptedWrite)
        if events.isEmpty {
            let hint = "subjects are case-sensitive; 'decisionlog log --subject \(subject.kind)/' lists that kind"
            throw CommandFailure("no events about \(subject)\(known.map { " known at \($0)" } ?? "") in this log; \(hint)", .invalidInput)
        }
        let history = SubjectHistory(subject: subject, events: events, configuration: store.configuration)
        let moment = known.map { QueryMoment(asOf: .always, asOfLabel: "now", known: cut, knownLabel: $0.description) }
        try context.deliver(query.rendering.history(history, known: moment, format: format), format: format.rawValue)
    }
}
