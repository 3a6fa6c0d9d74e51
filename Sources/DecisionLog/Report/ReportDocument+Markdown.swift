/// The report as Markdown: the same sections as the HTML page, with tables in place of charts, to paste into
/// Notion, Confluence or a pull request.
extension ReportDocument {
    /// The Markdown text.
    public var markdown: String {
        let r = retrospective
        let md = TextFormats.markdownEscaped
        var out = "# Retrospective\n\n\(md(periodText))\n\n"
        out += figures.map { "- **\(md($0.label)):** \(md($0.value)) — \(md($0.note))" }.joined(separator: "\n") + "\n"

        out += "\n## Launches: every move of the plan\n\n"
        out += r.launches.isEmpty ? "No launch moved in this period.\n" : TextFormats.markdownTable(
            headers: ["Launch", "At the start", "Moves", "Days moved"],
            rows: r.launches.map { lane in
                ["\(lane.name) (\(lane.subject.text))", lane.plannedAtStart?.description ?? "—",
                 lane.moves.map { ReportDocument.moveText($0) + " — " + ReportDocument.byline($0.mark) + ($0.mark.reason.map { ": " + $0 } ?? "") }.joined(separator: "\n"),
                 NumberText.signed(lane.daysMoved)]
            })

        out += "\n## KPIs: targets and actuals\n\n"
        out += r.metrics.isEmpty ? "No KPI had a target or an actual in this period.\n" : TextFormats.markdownTable(
            headers: ["KPI", "Targets", "Actuals"],
            rows: r.metrics.map { series in
                ["\(series.name) (\(series.subject.text))",
                 series.targets.map { "\($0.timeframe): \(ReportDocument.valueText($0.value, series))" }.joined(separator: "\n"),
                 series.actuals.map { "\($0.span): \(ReportDocument.valueText($0.value, series))" }.joined(separator: "\n")]
            })

        out += "\n## Priority churn\n\n"
        out += r.priorities.isEmpty ? "No priority changed in this period.\n" : TextFormats.markdownTable(
            headers: ["Item", "Framework", "At the start", "Changes", "At the end"],
            rows: r.priorities.map { item in
                [item.subject.text, item.framework.rawValue, item.before.isEmpty ? "—" : item.before,
                 item.steps.map { "\($0.priority) — \(ReportDocument.byline($0.mark))" + ($0.mark.reason.map { ": " + $0 } ?? "") }.joined(separator: "\n"),
                 item.after]
            })

        out += "\n## Goals: how they ended\n\n"
        out += r.goals.isEmpty ? "No goal was due or closed in this period.\n" : TextFormats.markdownTable(headers: goalTable.headers, rows: goalTable.rows)

        out += "\n## Decisions taken\n\n"
        out += r.decisions.isEmpty ? "No decision was recorded in this period.\n" : TextFormats.markdownTable(
            headers: ["Date", "Decision", "Status", "Chosen", "Deciders", "Consulted", "Review by", "Recorded by"],
            rows: r.decisions.map { taken in
                let d = taken.decision
                return [taken.mark.day.description, d.title + " (\(taken.subject.text))" + (taken.supersededBy.map { "\nsuperseded by \($0.text)" } ?? ""),
                        d.status.rawValue, d.chosen ?? "—", d.deciders.isEmpty ? "—" : ReportDocument.people(d.deciders),
                        d.consulted.isEmpty ? "—" : ReportDocument.people(d.consulted), d.reviewBy?.description ?? "—",
                        "#\(taken.mark.seq) \(taken.mark.actor.description)"]
            })

        out += "\n## Agreements\n\n"
        out += r.agreements.isEmpty ? "No agreement was recorded in this period.\n" : TextFormats.markdownTable(headers: agreementTable.headers, rows: agreementTable.rows)

        out += "\n## Syncs\n\n"
        out += r.syncs.isEmpty ? "No sync was recorded in this period.\n" : TextFormats.markdownTable(headers: syncTable.headers, rows: syncTable.rows)

        out += "\n## Retractions\n\n"
        out += r.retractions.isEmpty ? "Nothing was retracted in this period.\n" : TextFormats.markdownTable(
            headers: ["Date", "Retracted", "By", "Why"],
            rows: r.retractions.map { retraction in
                [retraction.mark.day.description, retraction.retracted.map { "#\($0.seq) \($0.type.name) on \($0.subject.text)" } ?? "an event not in this log",
                 "#\(retraction.mark.seq) \(retraction.mark.actor.description)", retraction.mark.reason ?? "—"]
            })

        out += "\n## What changed\n\n"
        let rendering = QueryRendering(timeZone: timeZone, width: nil)
        out += rendering.diff(diffs, kpis: kpis, from: from, to: to, format: .markdown)
        out += "\n---\nMade by decisionlog from the log at head `\(head)`; dates in \(md(timeZone.name)).\n"
        return out
    }
}
