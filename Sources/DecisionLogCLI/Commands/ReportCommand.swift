import DecisionLog

/// `decisionlog report --from <point> --to <point>`: a retrospective of the period, as one HTML page or Markdown.
enum ReportCommand: Command {
    static let spec = CommandSpec(
        name: "report", abstract: "Write a retrospective of a period: launches, KPIs, priorities, decisions, retractions and the diff.",
        discussion: """
        Covers what was effective after --from and by --to: each launch's moves on a timeline (slips, pull-ins, shipping), each KPI's targets and actuals as a line chart, the priorities that churned, the decisions taken with who decided and who was consulted, the retractions, and what changed in every view between the two moments.
        HTML is one self-contained file — inline SVG and CSS, no script, no network — that opens in any browser and prints well; Markdown pastes into Notion, Confluence or a pull request. The format defaults to the output file's extension (.html or .md), else html.
        """,
        options: [
            from.declaration, to.declaration,
            ViewQuery.knownAt.declaration,
            format.declaration, output.declaration,
            CommandSpec.logOption,
        ],
        usage: "--from <point> [--to <point>] [--format html|markdown] [-o <file>]")

    static let from = Option("from", "<point>", help: "The start of the period (exclusive): 2025-Q2 is its end, 2025-06-30 that day's end, or #seq (required).")
    static let to = Option("to", "<point>", help: "The end of the period (inclusive), same forms (default: now).")
    static let format = Option("format", "<format>", help: "html or markdown.")
    static let output = Option("output", short: "o", "<file>", help: "Write to this file (replaced whole, only when the report is made) instead of standard output.")

    static func run(_ arguments: SplitArguments, in context: CommandContext) throws {
        let args = try ArgumentParser.parse(arguments, for: spec)
        guard let fromText = try args.value(ReportCommand.from) else {
            throw UsageError("Missing expected option '--from <point>'; the report covers the period after it, e.g. --from 2025-Q2 --to 2025-Q3", command: spec)
        }
        let output = try args.value(ReportCommand.output)
        let format = try args.choice(ReportCommand.format, ["html", "markdown"], default: output.flatMap(defaultFormat) ?? "html")
        let store = try context.openLog(args)
        let query = ViewQuery(store: store, context: context, spec: spec)
        let from = try query.point(fromText, option: "--from")
        let to = try query.point(args, ReportCommand.to)
        let known = try query.point(args, ViewQuery.knownAt)
        let document: ReportDocument
        do {
            document = try query.answer({ try $0.report(from: from, to: to, known: known) }, replay: \.replay).document
        } catch QuestionError.emptyPeriod(let from, let to) {
            throw UsageError("The period is empty: --from (\(from)) is not before --to (\(to)); give the earlier moment to --from", command: spec)
        }
        let retrospective = document.retrospective
        let text = format == "markdown" ? document.markdown : document.html
        try context.deliver(text, format: format, to: output)
        guard let output else { return }
        context.console.error("Wrote the retrospective of \(document.periodText) to \(output): \(retrospective.launches.count) launches, \(retrospective.metrics.count) KPIs, \(retrospective.priorities.count) priorities, \(retrospective.decisions.count) decisions, \(retrospective.retractions.count) retractions")
    }

    /// The format `output`'s extension names, if any.
    private static func defaultFormat(_ output: String) -> String? {
        let lowered = output.lowercased()
        if lowered.hasSuffix(".html") || lowered.hasSuffix(".htm") { return "html" }
        if lowered.hasSuffix(".md") || lowered.hasSuffix(".markdown") { return "markdown" }
        return nil
    }
}
