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

    /// The form for a moment on both clocks (and a subject prefix, when `subject` is not nil), sent to `action`.
    func momentForm(action: String, _ moment: WebMoment, subject: String?? = nil) -> String {
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

extension WebPage {
    /// The point parameters a page's form may send, each with its quarter and day controls.
    static let pointParameters = ["as-of", "known-at", "from", "to"]
}
