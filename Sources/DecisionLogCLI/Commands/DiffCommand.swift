import DecisionLog

/// `decisionlog diff <A> <B>`: what changed between two moments, in domain terms.
enum DiffCommand: Command {
    static let spec = CommandSpec(
        name: "diff", abstract: "Show what changed between two moments, view by view, in the team's words.",
        discussion: "Compares the views as of <from> and as of <to> (effective time): rows added, removed and changed, such as \"Must → Should\" or \"launch 2025-09-01 → 2025-09-22 (+21 days)\", and the KPIs as Metric | Before | After | Change.",
        arguments: [
            .init(name: "<from>", help: "The earlier moment: a date, date-time, period (2025-Q2) or #seq."),
            .init(name: "<to>", help: "The later moment (same forms, or now)."),
        ],
        options: [
            view.declaration,
            ViewQuery.knownAt.declaration, ViewQuery.subject.declaration, ViewQuery.format.declaration, CommandSpec.logOption,
        ])

    static let view = Option("view", "<view>", help: "Only this view (repeatable; default: every view but the timeline; fields only when it has rows).", repeatable: true)

    static func run(_ arguments: SplitArguments, in context: CommandContext) throws {
        let args = try ArgumentParser.parse(arguments, for: spec)
        let store = try context.openLog(args)
        let query = ViewQuery(store: store, context: context, spec: spec)
        let format = try query.format(args)
        var views: [ViewKind] = []
        for name in try args.values(view) { views.append(try query.view(name)) }
        if views.isEmpty { views = Views.all.filter { $0.name != TimelineProjection.name } }
        let from = try query.point(args.positionals[0], option: "<from>")
        let to = try query.point(args.positionals[1], option: "<to>")
        let known = try query.point(args, ViewQuery.knownAt)
        let diff = try query.diff(views, from: from, to: to, known: known, subject: try args.value(ViewQuery.subject),
                                                          onlyFieldsWithRows: try args.values(view).isEmpty)
        try context.deliver(query.rendering.diff(diff.diffs, kpis: diff.kpis, from: diff.before, to: diff.after, format: format), format: format.rawValue)
    }
}
