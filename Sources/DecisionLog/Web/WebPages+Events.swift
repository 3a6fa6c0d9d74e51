/// An event's page, the search and the retrospective.
extension WebPages {
    /// One event in full: its fields, the events it links to, whether the chain verifies from the first event
    /// through it, and its signature.
    func eventPage(_ seq: Int, json: Bool) throws -> Made {
        guard let event = try store.events(matching: .seq(seq)).first else {
            throw WebFailure(.notFound, "There is no event #\(seq) in the log; the dashboard lists the recent ones.")
        }
        if json { return .json(PrettyJSON.format(event.line.dropLast()) + "\n") }
        // The chain from the first event through this one.
        var verifier = ChainVerifier()
        var problem: IntegrityProblem? = nil
        _ = try store.readLines { line, number in
            problem = verifier.check(line: line, number: number)
            return problem == nil && verifier.head.seq < seq
        }
        let moment = WebMoment.now
        var fields = "<dl class=\"fields\">"
        for (name, value) in events.detailLines(event) {
            let html: String
            switch name {
            case "subject": html = subjectLink(value, known: nil)
            case "actor": html = personLink(event.actor.name, moment) + " (\(Markup.escape(event.actor.role)))"
            case "prev", "hash", "id": html = "<span class=\"hash\">\(Markup.escape(value))</span>"
            case "link":
                let target = try? store.lookUp(value)
                if case .found(let linked)? = target { html = eventLink(linked.seq) + " <span class=\"hash\">\(Markup.escape(value))</span>" }
                else { html = "<span class=\"hash\">\(Markup.escape(value))</span>" }
            default: html = Markup.escape(value)
            }
            fields += "<dt>\(Markup.escape(name))</dt><dd>\(html)</dd>"
        }
        fields += "</dl>\n"
        var body = "<section id=\"fields\"><h2>Fields</h2>\n" + fields + "</section>\n"
        body += "<section id=\"integrity\"><h2>Integrity</h2>\n<dl class=\"fields\">"
        if let problem {
            body += "<dt>Chain</dt><dd class=\"bad\">Broken at event #\(problem.seq ?? problem.line) (line \(problem.line)): \(Markup.escape(problem.message))\(problem.line <= seq ? "" : "; it verifies through this event")</dd>"
        } else {
            body += "<dt>Chain</dt><dd class=\"ok\">Verifies from event #1 through this one: every hash matches its bytes and links to the event before.</dd>"
        }
        body += "<dt>Links to</dt><dd>" + (seq > 1 ? eventLink(seq - 1) : "the start of the log") + " <span class=\"hash\">\(event.prev.hex)</span></dd>"
        if let signature = event.signature {
            body += "<dt>Signature</dt><dd>An SSH signature covering \(signature.events) event\(signature.events == 1 ? "" : "s") up to this one; <code>decisionlog verify --signatures</code> checks it against the log's allowed signers.</dd>"
        } else {
            body += "<dt>Signature</dt><dd>Unsigned.</dd>"
        }
        body += "</dl></section>\n<p class=\"legend\">" + (seq > 1 ? link(.event(seq - 1), "← #\(seq - 1)") + " · " : "") + link(.event(seq + 1), "#\(seq + 1) →")
            + " · also as <a href=\"\(Markup.escape(linker.href(.event(seq), json: true)))\">JSON</a></p>\n"
        return .html(frame.page(.event(seq), moment: moment, heading: "Event #\(seq): \(event.type.name)", body: body))
    }

    /// The subjects and events whose subject, title, name, reason or actor holds `text` (any case).
    func search(_ text: String?, json: Bool) throws -> Made {
        let moment = WebMoment.now
        guard let text, !text.isEmpty else {
            return .html(frame.page(.search(nil), moment: moment, body: "<p>Type a word in the search box: a subject, a title, a reason or a name.</p>\n"))
        }
        let needle = text.lowercased()
        var subjects: [String: String] = [:]
        var found: [Event] = []
        var total = 0
        try forEachEvent(known: nil) { event in
            var texts = [event.subject.text, event.reason ?? "", event.actor.name]
            if case .object(let members) = event.payload.json {
                for key in ["title", "name", "scope", "chosen"] { if let value = members[key]?.stringValue { texts.append(value) } }
            }
            if texts.contains(where: { $0.lowercased().contains(needle) }) {
                subjects[event.subject.text] = event.payload.json.objectValue?["title"]?.stringValue ?? event.payload.json.objectValue?["name"]?.stringValue ?? subjects[event.subject.text] ?? ""
                total += 1
                if found.count < 200 { found.append(event) }
            }
            return true
        }
        if json {
            return .json(OrderedJSON.object([
                ("query", .value(.string(text))),
                ("subjects", .array(subjects.keys.sorted().map { .value(.string($0)) })),
                ("events", .array(found.map { .value(.number(Double($0.seq))) })),
                ("eventCount", .value(.number(Double(total)))),
            ]).pretty)
        }
        var body = "<p class=\"phrase\">\(total) event\(total == 1 ? "" : "s") about \(subjects.count) subject\(subjects.count == 1 ? "" : "s") match ‘\(Markup.escape(text))’\(total > found.count ? "; the first \(found.count) are listed" : "").</p>\n"
        body += "<section id=\"subjects\"><h2>Subjects</h2>\n" + plainTable(["Subject", "Title"], subjects.keys.sorted().map { [subjectLink($0, known: nil), Markup.escape(subjects[$0]!)] }, html: [0, 1]) + "</section>\n"
        body += "<section id=\"events\"><h2>Events</h2>\n" + eventTable(found, moment) + "</section>\n"
        body += jsonLink(.search(text))
        return .html(frame.page(.search(text), moment: moment, body: body))
    }

    /// The retrospective of the period after `from` through `to` (by default, the latest quarter with events).
    func report(from: String?, to: String?, known: String?, markdown: Bool) throws -> Made {
        var (from, to) = (from, to)
        if from == nil, let latest = try latestQuarter(), let index = quarters.firstIndex(of: latest), index + 1 < quarters.count {
            (from, to) = (quarters[index + 1], to ?? latest)
        }
        let page = WebPage.report(from: from, to: to, known: known)
        var form = "<form class=\"moment\" method=\"get\" action=\"/report\">"
        form += pointFields("from", legend: "After", value: from) + pointFields("to", legend: "Through (empty: now)", value: to)
        form += pointFields("known-at", legend: "Known at", value: known, withQuarters: false) + "<button type=\"submit\">Show</button></form>\n"
        if linker.isStatic { form = periodLinks("Retrospectives in this site") { .report(from: $0, to: $1, known: nil) } }
        guard from != nil else {
            return .html(frame.page(page, moment: WebMoment(known: known), controls: form, body: "<p>Pick the start of the period.</p>\n"))
        }
        let document: ReportDocument
        do {
            document = try questions.report(from: try point(from, "from"), to: try point(to, "to"), known: try point(known, "known-at")).document
        } catch QuestionError.emptyPeriod(let start, let end) {
            throw WebFailure(.badRequest, "The period is empty: its start (\(start)) is not before its end (\(end)); pick an earlier start.")
        }
        if markdown { return .markdown(document.markdown) }
        let body = "<p class=\"phrase\">\(Markup.escape(document.periodText)).</p>\n" + document.sectionsHTML
            + "<p class=\"legend\">Also as <a href=\"\(Markup.escape(linker.href(page, json: true)))\">Markdown</a>.</p>\n"
        return .html(frame.page(page, moment: WebMoment(asOf: to, known: known), controls: form, body: body))
    }

    /// The quarter holding the last event's effective time: where a retrospective starts by default.
    private func latestQuarter() throws -> String? {
        let last = try store.head().seq
        guard last > 0, let event = try store.events(matching: .seq(last)).first else { return nil }
        return quarters.first { name in
            guard let timeframe = try? Timeframe(parsing: name) else { return false }
            return timeframe.interval(fiscalYearStart: configuration.fiscalYearStartMonth, zone: configuration.timeZone).contains(event.effectiveAt)
        }
    }
}
