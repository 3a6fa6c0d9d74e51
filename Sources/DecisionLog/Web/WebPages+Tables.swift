/// Tables and links shared by the pages: a view's rows with each subject, person and event linked.
extension WebPages {
    /// The columns whose values name people, each linked to the person's page.
    static let peopleColumns: Set<String> = ["owner", "deciders", "consulted", "informed", "parties", "attendees"]
    /// The columns whose values are subjects, linked to the subject's page.
    static let subjectColumns: Set<String> = ["metric", "supersededBy", "subject"]

    /// A link to `page` reading `text` (escaped here).
    func link(_ page: WebPage, _ text: String) -> String {
        "<a href=\"\(Markup.escape(linker.href(page)))\">\(Markup.escape(text))</a>"
    }

    /// A link to a subject's page.
    func subjectLink(_ subject: String, known: String?) -> String { link(.subject(subject, known: known), subject) }

    /// A link to a person's page, at `moment`.
    func personLink(_ name: String, _ moment: WebMoment) -> String { link(.person(name, moment), name) }

    /// A link to an event's page: `#12`.
    func eventLink(_ seq: Int) -> String { link(.event(seq), "#\(seq)") }

    /// `table` as HTML: the row's subject and subject columns linked to their pages, people to theirs, each
    /// value that an event set titled with that event.
    func viewTable(_ table: ViewTable, _ moment: WebMoment) -> String {
        guard !table.rows.isEmpty else { return "<p class=\"empty\">No rows.</p>\n" }
        var out = "<table class=\"view \(Markup.escape(table.name))\"><thead><tr>"
        out += table.columns.map { "<th scope=\"col\">\(Markup.escape($0.title.capitalizedWords))</th>" }.joined() + "</tr></thead><tbody>\n"
        for row in table.rows {
            out += "<tr>" + table.columns.enumerated().map { index, column in
                let cell = row[column.key]
                let title = cell.source.map { " title=\"set by #\($0.seq), \(Markup.escape($0.actor.description))\"" } ?? ""
                return "<td\(title)>\(cellHTML(cell, column: column, first: index == 0, row: row, moment))</td>"
            }.joined() + "</tr>\n"
        }
        return out + "</tbody></table>\n"
    }

    private func cellHTML(_ cell: Cell, column: ViewColumn, first: Bool, row: ViewRow, _ moment: WebMoment) -> String {
        if column.key == "seq", case .number(let n) = cell.value { return eventLink(Int(n)) }
        if (first && row.subject?.text == cell.text) || WebPages.subjectColumns.contains(column.key), Subject(cell.text) != nil {
            return subjectLink(cell.text, known: moment.known)
        }
        if WebPages.peopleColumns.contains(column.key) {
            switch cell.value {
            case .string(let name): return personLink(name, moment)
            case .array(let items): return items.compactMap { $0.stringValue }.map { personLink($0, moment) }.joined(separator: ", ")
            default: break
            }
        }
        if column.key == "by" || column.key == "actor", let source = cell.source {
            return personLink(source.actor.name, moment) + " (\(Markup.escape(source.actor.role)))"
        }
        return Markup.escape(cell.text)
    }

    /// A plain table of texts, escaped; `html` columns are given as HTML already.
    func plainTable(_ headers: [String], _ rows: [[String]], html: Set<Int> = []) -> String {
        guard !rows.isEmpty else { return "<p class=\"empty\">None.</p>\n" }
        return "<table><thead><tr>" + headers.map { "<th scope=\"col\">\(Markup.escape($0))</th>" }.joined() + "</tr></thead><tbody>\n"
            + rows.map { row in "<tr>" + row.enumerated().map { "<td>\(html.contains($0.offset) ? $0.element : Markup.escape($0.element))</td>" }.joined() + "</tr>\n" }.joined()
            + "</tbody></table>\n"
    }

    /// The events as a table: seq, effective day, type, subject, who, what and why.
    func eventTable(_ events: [Event], _ moment: WebMoment) -> String {
        plainTable(["Seq", "Effective", "Type", "Subject", "Who", "What and why"], events.map { event in
            [eventLink(event.seq), self.events.dateText(event.effectiveAt), event.type.name, subjectLink(event.subject.text, known: moment.known),
             personLink(event.actor.name, moment) + " <span class=\"note\">(\(Markup.escape(event.actor.role)))</span>",
             Markup.escape(event.payload.summary) + (event.reason.map { " — <em>\(Markup.escape($0))</em>" } ?? "")]
        }, html: [0, 3, 4, 5])
    }

    /// A link to the page's JSON form.
    func jsonLink(_ page: WebPage) -> String {
        "<p class=\"legend\">Also as <a href=\"\(Markup.escape(linker.href(page, json: true)))\">JSON</a>.</p>\n"
    }
}
