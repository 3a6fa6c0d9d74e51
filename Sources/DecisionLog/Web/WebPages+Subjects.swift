/// A subject's page and a person's page.
extension WebPages {
    /// A subject's history on both clocks, its chart (a KPI's targets and actuals, a launch's moves), a
    /// decision's supersession chain both ways and review date, and the events on other subjects that name it.
    func subjectPage(_ text: String, known: String?, json: Bool) throws -> Made {
        guard let subject = Subject(text) else { throw WebFailure(.notFound, "'\(text)' is not a subject: \(Subject.problem(with: text) ?? "").") }
        let knownPoint = try point(known, "known-at")
        var own: [Event] = [], related: [Event] = []
        var ids: Set<EventID> = []
        try forEachEvent(known: knownPoint) { event in
            if event.subject == subject {
                own.append(event)
                ids.insert(event.id)
            } else if event.links.contains(where: ids.contains) || WebPages.names(subject, in: event.payload.json) {
                related.append(event)
            }
            return true
        }
        guard !own.isEmpty else {
            throw WebFailure(.notFound, "No event about \(text)\(known.map { " was known at \($0)" } ?? " is in the log"); subjects are case-sensitive — search for it.")
        }
        let history = SubjectHistory(subject: subject, events: own, configuration: configuration)
        let cut = Cut.Known(knownPoint)
        if json {
            let moment = known.map { QueryMoment(asOf: .always, asOfLabel: "now", known: cut, knownLabel: $0) }
            return .json(rendering.history(history, known: moment, format: .json))
        }
        let moment = WebMoment(known: known)
        var body = "<p class=\"phrase\">Every change to \(Markup.escape(text)), in the order the changes took effect\(known.map { ", as known at \(Markup.escape($0))" } ?? ""): \(own.count) event\(own.count == 1 ? "" : "s").</p>\n"
        if writes && !linker.isStatic { body += "<p><a href=\"/record?subject=\(Markup.escape(WebLinks.segment(text)))\">Record a decision on \(Markup.escape(text))</a></p>\n" }
        body += try subjectChart(subject, known: knownPoint)
        body += try decisionChain(subject, known: knownPoint, moment)
        body += "<section id=\"history\"><h2>History</h2>\n" + plainTable(["Seq", "Effective", "Recorded", "Who", "What changed", "Why", "Notes"], history.entries.map { entry in
            let event = entry.event
            let retracted = entry.notes.contains { $0.hasPrefix("retracted") }
            return [eventLink(event.seq), events.dateText(event.effectiveAt), events.dateText(event.recordedAt),
                    personLink(event.actor.name, moment) + " <span class=\"note\">(\(Markup.escape(event.actor.role)))</span>",
                    "<span\(retracted ? " class=\"retracted\"" : "")>" + entry.changes.map(Markup.escape).joined(separator: "<br>") + "</span>",
                    event.reason ?? "", entry.notes.joined(separator: "; ")]
        }, html: [0, 3, 4]) + "</section>\n"
        if !related.isEmpty {
            body += "<section id=\"related\"><h2>Events that name it</h2>\n" + eventTable(related, moment) + "</section>\n"
        }
        body += jsonLink(.subject(text, known: known))
        let form = linker.isStatic ? "" : "<form class=\"moment\" method=\"get\" action=\"\(Markup.escape(WebLinks.href(.subject(text, known: nil))))\">"
            + pointFields("known-at", legend: "Known at (what the log knew)", value: known, withQuarters: false) + "<button type=\"submit\">Show</button></form>\n"
        return .html(frame.page(.subject(text, known: known), moment: moment, controls: form, body: body))
    }

    /// Whether `value` holds `subject`'s text as one of its strings (a goal's metric, a supersession's successor).
    static func names(_ subject: Subject, in value: JSONValue) -> Bool {
        switch value {
        case .string(let text): text == subject.text
        case .array(let items): items.contains { names(subject, in: $0) }
        case .object(let members): members.values.contains { names(subject, in: $0) }
        default: false
        }
    }

    /// A KPI's targets and actuals over its whole history, or a launch's every move, drawn as the report draws them.
    private func subjectChart(_ subject: Subject, known: TimePoint?) throws -> String {
        guard subject.kind == "metric" || subject.kind == "launch" else { return "" }
        let replay = try questions.replay([Views.named(KPIsProjection.name)!, Views.named(LaunchesProjection.name)!], known: known, asOf: [])
        let start = AsOf(.earliest, seq: 0), end = AsOf(questions.now)
        if let series = Retrospective.metricSeries(replay, from: start, to: end).first(where: { $0.subject == subject }) {
            let days = series.actuals.flatMap { [$0.span.first, $0.span.last] } + series.targets.flatMap { [$0.start, $0.end] }
            let charts = ReportCharts(firstDay: days.min()!.adding(days: -7), lastDay: days.max()!.adding(days: 7))
            return "<section id=\"chart\"><h2>Targets and actuals</h2>\n<div class=\"kpi-grid\">" + charts.kpiChart(series) + "</div></section>\n"
        }
        if let lane = Retrospective.launchLanes(replay, from: start, to: end).first(where: { $0.subject == subject }) {
            let days = lane.moves.flatMap { [$0.date] + ($0.before.map { [$0] } ?? []) }
            let charts = ReportCharts(firstDay: days.min()!.adding(days: -7), lastDay: days.max()!.adding(days: 7))
            return "<section id=\"chart\"><h2>Every move of the plan</h2>\n" + charts.launchTimeline([lane]) + "</section>\n"
        }
        return ""
    }

    /// For a decision: its status and review date now, what it superseded and what superseded it, each step linked.
    private func decisionChain(_ subject: Subject, known: TimePoint?, _ moment: WebMoment) throws -> String {
        guard subject.kind == "decision" else { return "" }
        let table = try questions.table(Views.named(DecisionsProjection.name)!, asOf: nil, known: known, subject: nil).table
        guard let row = table.rows.first(where: { $0.subject == subject }) else { return "" }
        let successor = { (s: String) in table.rows.first { $0.subject?.text == s }?["supersededBy"].text }
        let predecessor = { (s: String) in table.rows.first { $0["supersededBy"].text == s }?.subject?.text }
        var later: [String] = [], earlier: [String] = []
        var cursor = subject.text
        while let next = successor(cursor), !next.isEmpty, !later.contains(next), later.count < 50 { later.append(next); cursor = next }
        cursor = subject.text
        while let previous = predecessor(cursor), !earlier.contains(previous), earlier.count < 50 { earlier.insert(previous, at: 0); cursor = previous }
        let chain = (earlier + [subject.text] + later).map { $0 == subject.text ? "<strong>\(Markup.escape($0))</strong>" : subjectLink($0, known: moment.known) }
        var out = "<section id=\"decision\"><h2>The decision now</h2>\n<dl class=\"fields\">"
        out += "<dt>Status</dt><dd>\(Markup.escape(row["status"].text))</dd>"
        out += "<dt>Chosen</dt><dd>\(Markup.escape(row["chosen"].text.isEmpty ? "—" : row["chosen"].text))</dd>"
        out += "<dt>Review by</dt><dd>\(Markup.escape(row["reviewBy"].text.isEmpty ? "—" : row["reviewBy"].text))</dd>"
        out += "<dt>Supersession</dt><dd>\(chain.count == 1 ? "neither supersedes nor is superseded" : chain.joined(separator: " → "))</dd>"
        return out + "</dl></section>\n"
    }

    /// What one person decided (as the actor, or among the deciders), was consulted on or informed of, and
    /// owns as of the moment.
    func person(_ name: String, _ moment: WebMoment, json: Bool) throws -> Made {
        let asOf = try point(moment.asOf, "as-of"), known = try point(moment.known, "known-at")
        var decided: [Event] = [], consulted: [Event] = [], informed: [Event] = [], named: [Event] = []
        var everyone: Set<String> = []
        try forEachEvent(known: known) { event in
            let mentions = People.named(in: event.payload, actor: event.actor)
            for mention in mentions { everyone.insert(mention.name) }
            let paths = mentions.filter { $0.name == name }.map(\.path)
            guard !paths.isEmpty else { return true }
            if paths.contains(where: { $0 == "actor.name" || $0.hasPrefix("payload.deciders") }) { decided.append(event) }
            else if paths.contains(where: { $0.hasPrefix("payload.consulted") }) { consulted.append(event) }
            else if paths.contains(where: { $0.hasPrefix("payload.informed") }) { informed.append(event) }
            else { named.append(event) }
            return true
        }
        guard everyone.contains(name) else {
            let hint = NearestName.suggestion(for: name, among: everyone).map { " Did you mean \($0)?" } ?? ""
            throw WebFailure(.notFound, "No event names '\(name)'.\(hint)")
        }
        // What they own: the owners view's rows and the goals view's, read from one replay.
        let ownership = [Views.named(OwnersProjection.name)!, Views.named(GoalsProjection.name)!]
        let replay = try questions.replay(ownership, known: known, asOf: [asOf])
        let at = try questions.moment(replay, asOf: asOf, known: known)
        let owned = Set(ownership.flatMap { view in
            replay.table(view, asOf: at.asOf).rows.filter { $0["owner"].text == name }.compactMap(\.subject?.text)
        }).sorted()
        if json {
            let seqs = { (events: [Event]) in OrderedJSON.array(events.map { .value(.number(Double($0.seq))) }) }
            return .json(OrderedJSON.object([
                ("person", .value(.string(name))), ("owns", .array(owned.map { .value(.string($0)) })),
                ("decided", seqs(decided)), ("consulted", seqs(consulted)), ("informed", seqs(informed)), ("named", seqs(named)),
            ]).pretty)
        }
        var body = "<p class=\"phrase\">\(Markup.escape(at.phrase.sentenceStart)).</p>\n"
        body += "<section id=\"owns\"><h2>Owns</h2>\n" + (owned.isEmpty ? "<p class=\"empty\">Nothing.</p>\n"
            : "<ul>" + owned.map { "<li>\(subjectLink($0, known: moment.known))</li>" }.joined() + "</ul>\n") + "</section>\n"
        for (id, title, list) in [("decided", "Decided", decided), ("consulted", "Consulted on", consulted), ("informed", "Informed of", informed), ("named", "Also named in", named)] where !list.isEmpty || id == "decided" {
            body += "<section id=\"\(id)\"><h2>\(title)</h2>\n" + eventTable(list, moment) + "</section>\n"
        }
        body += jsonLink(.person(name, moment))
        return .html(frame.page(.person(name, moment), moment: moment, controls: momentForm({ .person(name, $0) }, moment), body: body))
    }
}
