/// The report as one self-contained HTML page: inline CSS and SVG, no script, no network, laid out to print.
///
/// Every chart mark carries a class naming what it is (`mark slip`, `mark pull-in`, `mark actual`, `mark target`,
/// `mark churn`…) and a `<title>` saying which event it comes from, so a reader can hover for the source
/// and a test can count them.
extension ReportDocument {
    /// The page.
    public var html: String {
        let body = "<header><h1>Retrospective</h1><p class=\"period\">\(Markup.escape(periodText))</p></header>\n" + sectionsHTML
        let footer = "<footer>Made by decisionlog from the log at head \(Markup.escape(head)); dates in \(Markup.escape(timeZone.name)). Check it with <code>decisionlog verify --head \(Markup.escape(head))</code>.</footer>\n"
        let page = body + footer
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Retrospective: \(Markup.escape(periodText))</title>
        <style>\(ReportDocument.css)</style>
        </head>
        <body>
        \(page)</body>
        </html>

        """
    }

    /// The report's figures and sections, without the page around them (the web pages put it in their frame).
    var sectionsHTML: String {
        let r = retrospective
        var body = "<section class=\"figures\">" + figures.map { figure in
            "<div class=\"figure\"><span class=\"value\">\(figure.value)</span><span class=\"label\">\(Markup.escape(figure.label))</span><span class=\"note\">\(Markup.escape(figure.note))</span></div>"
        }.joined() + "</section>\n"
        body += section("launches", "Launches: every move of the plan", r.launches.isEmpty ? empty("No launch moved in this period.") : charts.launchTimeline(r.launches) + launchTable)
        body += section("kpis", "KPIs: targets and actuals", r.metrics.isEmpty ? empty("No KPI had a target or an actual in this period.") : "<div class=\"kpi-grid\">" + r.metrics.map { charts.kpiChart($0) }.joined() + "</div>")
        body += section("priorities", "Priority churn", r.priorities.isEmpty ? empty("No priority changed in this period.") : churnChart + churnTable)
        body += section("goals", "Goals: how they ended", r.goals.isEmpty ? empty("No goal was due or closed in this period.") : plainTable(goalTable))
        body += section("decisions", "Decisions taken", r.decisions.isEmpty ? empty("No decision was recorded in this period.") : decisionTable)
        body += section("agreements", "Agreements", r.agreements.isEmpty ? empty("No agreement was recorded in this period.") : plainTable(agreementTable, classes: ["date"]))
        body += section("syncs", "Syncs", r.syncs.isEmpty ? empty("No sync was recorded in this period.") : plainTable(syncTable, classes: ["date"]))
        body += section("retractions", "Retractions", r.retractions.isEmpty ? empty("Nothing was retracted in this period.") : retractionTable)
        body += section("changes", "What changed", changesHTML)
        return body
    }

    private var charts: ReportCharts { ReportCharts(firstDay: retrospective.firstDay, lastDay: retrospective.lastDay) }

    private func section(_ id: String, _ title: String, _ content: String) -> String {
        "<section id=\"\(id)\"><h2>\(Markup.escape(title))</h2>\n\(content)</section>\n"
    }

    /// A table of plain texts, each escaped.
    private func plainTable(_ table: (headers: [String], rows: [[String]]), classes: [String] = []) -> String {
        self.table(table.headers, table.rows.map { $0.map(Markup.escape) }, classes: classes)
    }

    private func empty(_ text: String) -> String { "<p class=\"empty\">\(Markup.escape(text))</p>\n" }

    private func table(_ headers: [String], _ rows: [[String]], classes: [String] = []) -> String {
        "<table><thead><tr>" + headers.enumerated().map { "<th\(classes.indices.contains($0.offset) && !classes[$0.offset].isEmpty ? " class=\"\(classes[$0.offset])\"" : "")>\(Markup.escape($0.element))</th>" }.joined()
            + "</tr></thead><tbody>" + rows.map { row in
                "<tr>" + row.enumerated().map { "<td\(classes.indices.contains($0.offset) && !classes[$0.offset].isEmpty ? " class=\"\(classes[$0.offset])\"" : "")>\($0.element)</td>" }.joined() + "</tr>"
            }.joined() + "</tbody></table>\n"
    }

    // MARK: Launches

    private var launchTable: String {
        table(["Launch", "At the start", "Moves", "At the end", "Days moved"], retrospective.launches.map { lane in
            let end = lane.moves.last { $0.kind != .shipped && $0.kind != .cancelled }?.date ?? lane.plannedAtStart
            let status = lane.moves.last.flatMap { $0.kind == .shipped || $0.kind == .cancelled ? ReportDocument.moveText($0) : nil }
            return ["<strong>\(Markup.escape(lane.name))</strong><br><span class=\"subject\">\(Markup.escape(lane.subject.text))</span>",
                    lane.plannedAtStart.map { $0.description } ?? "—",
                    "<ul>" + lane.moves.map { "<li class=\"\($0.kind.rawValue)\">\(Markup.escape(ReportDocument.moveText($0))) <span class=\"by\">\(Markup.escape(ReportDocument.byline($0.mark)))\($0.mark.reason.map { " — " + Markup.escape($0) } ?? "")</span></li>" }.joined() + "</ul>",
                    (end.map { $0.description } ?? "—") + (status.map { "<br>" + Markup.escape($0) } ?? ""),
                    NumberText.signed(lane.daysMoved)]
        }, classes: ["", "date", "", "date", "number"])
    }

    // MARK: Priorities

    /// A bar for each item: how often its priority changed, labelled with the path it took.
    private var churnChart: String {
        let items = Array(retrospective.priorities.prefix(20))
        let barHeight = 22.0, labelWidth = 270.0, width = 1000.0
        let most = Double(items.map(\.steps.count).max() ?? 1)
        let height = barHeight * Double(items.count) + 8
        var svg = "<svg class=\"chart churn\" viewBox=\"0 0 \(Markup.number(width)) \(Markup.number(height))\" role=\"img\" aria-label=\"Priority changes per item\">"
        for (index, item) in items.enumerated() {
            let y = 4 + barHeight * Double(index)
            let length = max(4, (width - labelWidth - 380) * Double(item.steps.count) / most)
            let path = ([item.before.isEmpty ? "unranked" : item.before] + item.steps.map(\.priority)).joined(separator: " → ")
            svg += "<text class=\"bar-label\" x=\"\(Markup.number(labelWidth - 8))\" y=\"\(Markup.number(y + 15))\" text-anchor=\"end\">\(Markup.escape(item.subject.text)) (\(item.framework.rawValue))</text>"
            svg += "<rect class=\"mark churn\" x=\"\(Markup.number(labelWidth))\" y=\"\(Markup.number(y + 3))\" width=\"\(Markup.number(length))\" height=\"\(Markup.number(barHeight - 6))\"><title>\(item.steps.count) change\(item.steps.count == 1 ? "" : "s") (\(item.framework.rawValue)): \(Markup.escape(path))</title></rect>"
            svg += "<text class=\"bar-value\" x=\"\(Markup.number(labelWidth + length + 6))\" y=\"\(Markup.number(y + 15))\">\(item.steps.count) · \(Markup.escape(path))</text>"
        }
        svg += "</svg>\n"
        let more = retrospective.priorities.count > items.count ? "<p class=\"note\">The 20 items that changed most; the table lists all \(retrospective.priorities.count).</p>\n" : ""
        return "<figure>" + svg + "</figure>\n" + more
    }

    private var churnTable: String {
        table(["Item", "Framework", "At the start", "Changes", "At the end"], retrospective.priorities.map { item in
            [Markup.escape(item.subject.text), item.framework.rawValue, Markup.escape(item.before.isEmpty ? "—" : item.before),
             "<ul>" + item.steps.map { "<li>\(Markup.escape($0.priority)) <span class=\"by\">\(Markup.escape(ReportDocument.byline($0.mark)))\($0.mark.reason.map { " — " + Markup.escape($0) } ?? "")</span></li>" }.joined() + "</ul>",
             Markup.escape(item.after)]
        })
    }

    // MARK: Decisions and retractions

    private var decisionTable: String {
        table(["Date", "Decision", "Status", "Chosen", "Deciders", "Consulted", "Review by", "Recorded by"], retrospective.decisions.map { taken in
            let d = taken.decision
            var title = "<strong>\(Markup.escape(d.title))</strong><br><span class=\"subject\">\(Markup.escape(taken.subject.text))</span>"
            if let rationale = d.rationale { title += "<br><span class=\"note\">\(Markup.escape(rationale))</span>" }
            if let by = taken.supersededBy { title += "<br><span class=\"superseded\">superseded by \(Markup.escape(by.text))</span>" }
            return [taken.mark.day.description, title, d.status.rawValue, Markup.escape(d.chosen ?? "—"),
                    Markup.escape(d.deciders.isEmpty ? "—" : ReportDocument.people(d.deciders)),
                    Markup.escape(d.consulted.isEmpty ? "—" : ReportDocument.people(d.consulted)),
                    d.reviewBy.map { $0.description } ?? "—",
                    Markup.escape("#\(taken.mark.seq) \(taken.mark.actor.description)")]
        }, classes: ["date"])
    }

    private var retractionTable: String {
        table(["Date", "Retracted", "By", "Why"], retrospective.retractions.map { retraction in
            let what = retraction.retracted.map { "#\($0.seq) \($0.type.name) on \($0.subject.text)" } ?? "an event not in this log"
            return [retraction.mark.day.description, Markup.escape(what), Markup.escape("#\(retraction.mark.seq) \(retraction.mark.actor.description)"),
                    Markup.escape(retraction.mark.reason ?? "—")]
        }, classes: ["date"])
    }

    // MARK: The diff

    private var changesHTML: String {
        let rendering = QueryRendering(timeZone: timeZone, width: nil)
        var out = ""
        if kpis.contains(where: { $0.before.value != $0.after.value }) {
            out += "<h3>KPI actuals</h3>\n" + table(["Metric", "Before", "After", "Change", "Target"], kpis.map {
                [Markup.escape($0.name), Markup.escape($0.before.text.isEmpty ? "—" : $0.before.text), Markup.escape($0.after.text.isEmpty ? "—" : $0.after.text), Markup.escape($0.changeText),
                 Markup.escape($0.target.text.isEmpty ? "—" : $0.target.text)]
            }, classes: ["", "number", "number", "number"])
        }
        var quiet: [String] = []
        for diff in diffs {
            guard let kind = Views.named(diff.view), !diff.isEmpty else { quiet.append(diff.view); continue }
            out += "<h3>\(Markup.escape(diff.view.capitalizedWords))</h3>\n" + table(["", kind.columns[0].title.capitalizedWords, "What changed"],
                rendering.diffRows(diff, kind).map { ["<span class=\"change\">\($0.0)</span>", Markup.escape($0.1), Markup.escape($0.2)] })
        }
        if !quiet.isEmpty { out += "<p class=\"empty\">No changes: \(Markup.escape(quiet.joined(separator: ", "))).</p>\n" }
        return out
    }

    /// The page's style: readable on a screen, and on paper (no section split across pages where avoidable).
    static let css = """
    :root{--ink:#1d2329;--muted:#5f6b76;--line:#d8dee4;--band:#f3f6f9;--slip:#c0392b;--pull:#1e8449;--plan:#5f6b76;--ship:#1f5fa8;--cancel:#7b7d7f;--target:#b9770e;--actual:#1f5fa8;--churn:#8e44ad}
    *{box-sizing:border-box}
    body{font:15px/1.45 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);max-width:1100px;margin:0 auto;padding:28px 32px 48px;background:#fff}
    h1{font-size:28px;margin:0}h2{font-size:20px;margin:34px 0 10px;padding-bottom:4px;border-bottom:2px solid var(--ink)}h3{font-size:16px;margin:20px 0 6px}
    .period{color:var(--muted);margin:4px 0 18px;font-size:16px}
    .figures{display:grid;grid-template-columns:repeat(6,1fr);gap:10px}
    .figure{border:1px solid var(--line);border-radius:6px;padding:10px 12px;background:var(--band)}
    .figure .value{display:block;font-size:26px;font-weight:700}.figure .label{display:block;font-weight:600}.figure .note{display:block;color:var(--muted);font-size:12px}
    figure{margin:0 0 12px}svg.chart{width:100%;height:auto;display:block}
    .grid{stroke:#e6eaee;stroke-width:1}.tick{font-size:11px;fill:var(--muted)}
    .window{fill:var(--band)}.span{stroke:#c3cbd3;stroke-width:2}
    .lane-name{font-size:13px;font-weight:600;fill:var(--ink)}.lane-subject{font-size:11px;fill:var(--muted)}
    .mark.planned,.mark.scheduled,.mark.restated{fill:#fff;stroke:var(--plan);stroke-width:2}
    .mark.slip{fill:var(--slip)}.mark.pull-in{fill:var(--pull)}.mark.shipped{fill:var(--ship)}.mark.cancelled{stroke:var(--cancel);stroke-width:3;fill:none}
    .move{fill:none;stroke-width:1.6;stroke-dasharray:4 3}.move.slip{stroke:var(--slip)}.move.pull-in{stroke:var(--pull)}
    .kpi-grid{display:grid;grid-template-columns:1fr 1fr;gap:8px 24px}
    .kpi-chart figcaption{font-size:14px}
    .mark.target,.key-mark .target{stroke:var(--target);stroke-width:2.5;stroke-dasharray:7 4}.actual-line{fill:none;stroke:var(--actual);stroke-width:2}.mark.actual,.key-mark .actual{fill:var(--actual)}
    .mark.churn{fill:var(--churn)}.bar-label{font-size:12px;fill:var(--ink)}.bar-value{font-size:12px;fill:var(--muted)}
    .legend{font-size:12px;color:var(--muted);margin:4px 0 0}
    .key-mark{vertical-align:-1px;margin:0 2px 0 10px}.point-label{font-size:9px;fill:var(--muted,#666)}
    .key{display:inline-block;width:10px;height:10px;border-radius:50%;margin:0 4px 0 10px;vertical-align:-1px;border:2px solid var(--plan);background:#fff}
    .key.slip{background:var(--slip);border-color:var(--slip)}.key.pull-in{background:var(--pull);border-color:var(--pull)}.key.shipped{background:var(--ship);border-color:var(--ship);transform:rotate(45deg);border-radius:0}
    .key.cancelled{border-color:var(--cancel);border-radius:0}.key.target{border:0;border-top:3px dashed var(--target);border-radius:0;height:0;width:16px;vertical-align:3px}.key.actual{background:var(--actual);border-color:var(--actual)}
    table{border-collapse:collapse;width:100%;font-size:13px;margin:6px 0 8px}
    th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid var(--line)}th{background:var(--band);font-weight:600}
    td.date{white-space:nowrap}td.number{text-align:right;white-space:nowrap}
    td ul{margin:0;padding-left:16px}.subject,.by,.note{color:var(--muted);font-size:12px}.superseded{color:var(--slip);font-size:12px}
    li.slip::marker{color:var(--slip)}li.pull-in::marker{color:var(--pull)}
    .change{font-weight:700}.empty{color:var(--muted);font-style:italic}
    footer{margin-top:36px;color:var(--muted);font-size:12px;border-top:1px solid var(--line);padding-top:8px}
    code{font-size:12px}
    @media (max-width:800px){.figures{grid-template-columns:repeat(3,1fr)}.kpi-grid{grid-template-columns:1fr}}
    @media print{body{padding:0;max-width:none;font-size:11pt}@page{margin:14mm}section,figure,tr{break-inside:avoid}h2{break-after:avoid}.figures{grid-template-columns:repeat(6,1fr)}}
    """
}
