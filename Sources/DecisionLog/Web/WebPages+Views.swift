/// The dashboard, the views and the diff.
extension WebPages {
    /// The attention list, the KPIs against their targets, the launches with their last moves, and the recent
    /// decisions, as of the moment.
    func dashboard(_ moment: WebMoment, json: Bool) throws -> Made {
        let asOf = try point(moment.asOf, "as-of"), known = try point(moment.known, "known-at")
        let attention = try questions.attention(asOf: asOf, known: known, since: nil, subject: nil)
        let replay = attention.replay, at = attention.moment.asOf
        let kpis = replay.table(Views.named(KPIsProjection.name)!, asOf: at)
        let launches = replay.table(Views.named(LaunchesProjection.name)!, asOf: at)
        let recent = try recentEvents(asOf: at, known: known, count: 12)
        if json {
            return .json(OrderedJSON.object([
                ("head", .value(.string(head))),
                ("attention", rendering.viewJSON(attention.table, at: attention.moment)),
                ("kpis", rendering.viewJSON(kpis, at: attention.moment)),
                ("launches", rendering.viewJSON(launches, at: attention.moment)),
                ("recent", .array(recent.map { event in .object([
                    ("seq", .value(.number(Double(event.seq)))), ("type", .value(.string(event.type.name))),
                    ("subject", .value(.string(event.subject.text))), ("actor", .value(.string(event.actor.description))),
                    ("effectiveAt", .value(.string(event.effectiveAt.iso8601))), ("summary", .value(.string(event.payload.summary))),
                    ("reason", .value(event.reason.map(JSONValue.string) ?? .null)),
                ]) })),
            ]).pretty)
        }
        // The charts cover the year up to the moment.
        let yearBefore = AsOf(at.instant.adding(milliseconds: -365 * 86_400_000))
        let zone = configuration.timeZone
        let charts = ReportCharts(firstDay: zone.date(at: yearBefore.instant).adding(days: 1), lastDay: zone.date(at: at.instant))
        let series = Retrospective.metricSeries(replay, from: yearBefore, to: at)
        let lanes = Retrospective.launchLanes(replay, from: AsOf(.earliest, seq: 0), to: at)
        var body = "<p class=\"phrase\">\(Markup.escape(attention.moment.phrase.sentenceStart)).</p>\n"
        body += "<section id=\"attention\"><h2>Needs attention</h2>\n"
            + (attention.table.rows.isEmpty ? "<p class=\"empty\">Nothing needs the sync's attention.</p>\n" : viewTable(attention.table, moment)) + "</section>\n"
        body += "<section id=\"kpis\"><h2>KPIs against their targets</h2>\n"
        body += series.isEmpty ? "<p class=\"empty\">No KPI had a target or an actual in the year up to this moment.</p>\n"
            : "<div class=\"kpi-grid small\">" + series.map { "<div>" + charts.kpiChart($0) + "<p class=\"legend\">Its history: \(subjectLink($0.subject.text, known: moment.known))</p></div>" }.joined() + "</div>\n"
        body += viewTable(kpis, moment) + "</section>\n"
        body += "<section id=\"launches\"><h2>Launches and their last moves</h2>\n"
        body += plainTable(["Launch", "Current date", "Status", "Last move", "By, and why"], launches.rows.map { row in
            let lane = lanes.first { $0.subject == row.subject }
            let last = lane?.moves.last
            return [subjectLink(row["launch"].text, known: moment.known) + "<br><span class=\"note\">\(Markup.escape(row["name"].text))</span>",
                    Markup.escape(row["current"].text), Markup.escape(row["status"].text),
                    last.map { Markup.escape(ReportDocument.moveText($0)) } ?? "—",
                    last.map { eventLink($0.mark.seq) + " " + Markup.escape("\($0.mark.day) ") + personLink($0.mark.actor.name, moment)
                        + ($0.mark.reason.map { " — <em>\(Markup.escape($0))</em>" } ?? "") } ?? ""]
        }, html: [0, 1, 2, 3, 4])
        body += "</section>\n<section id=\"recent\"><h2>Recent decisions</h2>\n" + eventTable(recent.reversed(), moment) + "</section>\n"
        body += jsonLink(.dashboard(moment))
        return .html(frame.page(.dashboard(moment), moment: moment, controls: momentForm({ .dashboard($0) }, moment), body: body))
    }

    /// The last `count` events effective by `asOf` and known at `known`, oldest first.
    func recentEvents(asOf: AsOf, known: TimePoint?, count: Int) throws -> [Event] {
        var kept: [Event] = []
        try forEachEvent(known: known) { event in
            if asOf.includes(event.effectiveAt, seq: event.seq) {
                kept.append(event)
                if kept.count > count * 4 { kept = Array(kept.suffix(count * 2)) }
            }
            return true
        }
        return Array(kept.sorted { ($0.effectiveAt, $0.seq) < ($1.effectiveAt, $1.seq) }.suffix(count))
    }

    /// One view (or the attention list) as of the moment, its rows about subjects starting with `subject`.
    func view(_ name: String, _ moment: WebMoment, subject: String?, json: Bool) throws -> Made {
        let asOf = try point(moment.asOf, "as-of"), known = try point(moment.known, "known-at")
        let answer: (table: ViewTable, moment: QueryMoment, replay: Replay)
        let summary: String
        if name == AttentionList.name {
            answer = try questions.attention(asOf: asOf, known: known, since: nil, subject: subject)
            summary = AttentionList.summary
        } else if let view = Views.named(name) {
            answer = try questions.table(view, asOf: asOf, known: known, subject: subject)
            summary = view.summary
        } else {
            let hint = NearestName.suggestion(for: name, among: Views.names + [AttentionList.name]).map { " Did you mean \($0)?" } ?? ""
            throw WebFailure(.notFound, "There is no view called '\(name)'.\(hint) The views are \(Views.names.joined(separator: ", ")) and attention.")
        }
        if json { return .json(rendering.view(answer.table, at: answer.moment, format: .json)) }
        let page = WebPage.view(name, moment, subject: subject)
        var body = "<p class=\"phrase\">\(Markup.escape(summary)) \(Markup.escape(answer.moment.phrase.sentenceStart))"
        body += subject.map { ", subjects starting with \(Markup.escape($0))" } ?? ""
        body += ": \(answer.table.rows.count) row\(answer.table.rows.count == 1 ? "" : "s").</p>\n"
        body += viewTable(answer.table, moment)
        if moment.asOf != nil {
            body += "<p class=\"legend\">\(link(.diff(from: moment.asOf, to: nil, known: moment.known, subject: subject), "What changed since then")).</p>\n"
        }
        body += jsonLink(page)
        return .html(frame.page(page, moment: moment, controls: momentForm({ .view(name, $0, subject: nil) }, moment, subject: .some(subject)), body: body))
    }

    /// What changed between two moments in every view but the timeline, with the KPI table.
    func diff(from: String?, to: String?, known: String?, subject: String?, json: Bool) throws -> Made {
        let page = WebPage.diff(from: from, to: to, known: known, subject: subject)
        var form = "<form class=\"moment\" method=\"get\" action=\"/diff\">"
        form += pointFields("from", legend: "From", value: from) + pointFields("to", legend: "To (empty: now)", value: to)
        form += pointFields("known-at", legend: "Known at", value: known, withQuarters: false)
        form += "<label for=\"f-subject\">Subject starts with<input id=\"f-subject\" name=\"subject\" size=\"16\" value=\"\(Markup.escape(subject ?? ""))\"></label><button type=\"submit\">Compare</button></form>\n"
        if linker.isStatic { form = periodLinks("Diffs in this site") { .diff(from: $0, to: $1, known: nil, subject: nil) } }
        guard from != nil else {
            return .html(frame.page(page, moment: WebMoment(known: known), controls: form,
                                    body: "<p>Pick the moment to compare from: a quarter, a day or an event (<code>#26</code>).</p>\n"))
        }
        let views = Views.all.filter { $0.name != TimelineProjection.name }
        let answer = try questions.diff(views, from: try point(from, "from"), to: try point(to, "to"), known: try point(known, "known-at"),
                                        subject: subject, onlyFieldsWithRows: true)
        if json { return .json(rendering.diff(answer.diffs, kpis: answer.kpis, from: answer.before, to: answer.after, format: .json)) }
        let moment = WebMoment(asOf: to, known: known)
        var body = "<p class=\"phrase\">From \(Markup.escape(answer.before.asOfLabel)) to \(Markup.escape(answer.after.asOfLabel))\(known.map { ", as known at \(Markup.escape($0))" } ?? "").</p>\n"
        if let kpis = answer.kpis, !kpis.isEmpty {
            body += "<section id=\"kpi-actuals\"><h2>KPI actuals</h2>\n" + plainTable(["Metric", "Before", "After", "Change", "Target"], kpis.map {
                [subjectLink($0.metric, known: known) + "<br><span class=\"note\">\(Markup.escape($0.name))</span>", Markup.escape($0.before.text),
                 Markup.escape($0.after.text), "<span class=\"change\">\(Markup.escape($0.changeText))</span>", Markup.escape($0.target.text)]
            }, html: [0, 1, 2, 3, 4]) + "</section>\n"
        }
        var quiet: [String] = []
        for viewDiff in answer.diffs {
            guard !viewDiff.isEmpty, let kind = Views.named(viewDiff.view) else { quiet.append(viewDiff.view); continue }
            body += "<section id=\"\(Markup.escape(viewDiff.view))\"><h2>\(Markup.escape(WebPage.view(viewDiff.view, moment, subject: nil).title))</h2>\n"
            body += plainTable(["", "Row", "What changed"], rendering.diffRows(viewDiff, kind).map { sign, key, text in
                let subjectText = String(key.prefix { $0 != " " })
                let keyHTML = Subject(subjectText) != nil ? subjectLink(subjectText, known: known) + Markup.escape(String(key.dropFirst(subjectText.count))) : Markup.escape(key)
                let label = sign == "+" ? "added" : sign == "~" ? "changed" : "removed"
                return ["<span class=\"change\" title=\"\(label)\">\(Markup.escape(sign))</span>", keyHTML, text]
            }, html: [0, 1]) + "</section>\n"
        }
        if !quiet.isEmpty { body += "<p class=\"empty\">No changes: \(Markup.escape(quiet.joined(separator: ", "))).</p>\n" }
        body += jsonLink(page)
        return .html(frame.page(page, moment: moment, controls: form, body: body))
    }
}
