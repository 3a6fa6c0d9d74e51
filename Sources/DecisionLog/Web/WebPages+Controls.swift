/// The forms that pick what a page shows. They submit with GET, so every state they pick is an address; the
/// server turns a quarter or a date picked into the one canonical `as-of=` address.
extension WebPages {
    /// The fields for one point called `name` (`as-of`, `known-at`, `from`, `to`): a quarter list, a date and
    /// any point (`#26`, `2025-08-12T17:00`), pre-filled with `value` in the one control that shows it.
    func pointFields(_ name: String, legend: String, value: String?, withQuarters: Bool = true) -> String {
        let inQuarters = value.map { quarters.contains($0) } ?? false
        let isDate = value.map { (try? CalendarDate(parsing: $0)) != nil } ?? false
        let id = "f-" + name
        var out = "<fieldset><legend>\(Markup.escape(legend))</legend>"
        if withQuarters {
            out += "<label for=\"\(id)-quarter\">Quarter<select id=\"\(id)-quarter\" name=\"\(name)-quarter\"><option value=\"\">—</option>"
            out += quarters.map { "<option\($0 == value ? " selected" : "")>\(Markup.escape($0))</option>" }.joined() + "</select></label>"
        }
        out += "<label for=\"\(id)-date\">Day<input id=\"\(id)-date\" type=\"date\" name=\"\(name)-date\" value=\"\(isDate ? Markup.escape(value!) : "")\"></label>"
        out += "<label for=\"\(id)\">or a point<input id=\"\(id)\" name=\"\(name)\" size=\"14\" placeholder=\"#26, now, 2025-H1\" value=\"\(!inQuarters && !isDate ? Markup.escape(value ?? "") : "")\"></label>"
        return out + "</fieldset>"
    }

    /// The form for a moment on both clocks (and a subject prefix, when `subject` is not nil) of the page
    /// `page` makes for a moment; in a static site, links to that page at each of the site's points instead.
    func momentForm(_ page: (WebMoment) -> WebPage, _ moment: WebMoment, subject: String?? = nil) -> String {
        if linker.isStatic {
            return "<nav class=\"moment\" aria-label=\"As of\"><strong>As of</strong> " + linker.points.map { point in
                let label = point ?? "now"
                return point == moment.asOf ? "<span aria-current=\"page\">\(Markup.escape(label))</span>" : link(page(WebMoment(asOf: point)), label)
            }.joined(separator: " · ") + "</nav>\n"
        }
        let action = WebLinks.href(page(.now))
        var out = "<form class=\"moment\" method=\"get\" action=\"\(Markup.escape(action))\">"
        out += pointFields("as-of", legend: "As of (the plan at)", value: moment.asOf)
        out += pointFields("known-at", legend: "Known at (what the log knew)", value: moment.known, withQuarters: false)
        if case .some(let prefix) = subject {
            out += "<label for=\"f-subject\">Subject starts with<input id=\"f-subject\" name=\"subject\" size=\"16\" placeholder=\"launch/\" value=\"\(Markup.escape(prefix ?? ""))\"></label>"
        }
        out += "<button type=\"submit\">Show</button>"
        if moment != .now { out += " <a class=\"now\" href=\"\(Markup.escape(action))\">Back to now</a>" }
        return out + "</form>\n"
    }
}

extension WebPages {
    /// In a static site, links to the pages `page` makes for each pair of consecutive points of the site, in
    /// the order they were given (now, nil, is only ever the end of a period): the stand-in for a period form.
    func periodLinks(_ title: String, _ page: (String?, String?) -> WebPage) -> String {
        let pairs = zip(linker.points, linker.points.dropFirst()).compactMap { from, to in from.map { ($0, to) } }
        guard !pairs.isEmpty else { return "" }
        return "<nav class=\"moment\" aria-label=\"\(Markup.escape(title))\"><strong>\(Markup.escape(title))</strong> "
            + pairs.map { link(page($0.0, $0.1), "\($0.0) → \($0.1 ?? "now")") }.joined(separator: " · ") + "</nav>\n"
    }
}

extension WebPage {
    /// The point parameters a page's form may send, each with its quarter and day controls.
    static let pointParameters = ["as-of", "known-at", "from", "to"]
}
