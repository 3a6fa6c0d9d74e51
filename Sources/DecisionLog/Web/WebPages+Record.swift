/// The pages that record decisions, when the server was started with `--allow-writes`: the list of event
/// types, and a form per type drawn from its fields (the built-in types' and the team's registered schemas).
extension WebPages {
    /// The event types to pick from, built-in then the team's, each linking to its form; `subject` is
    /// carried into the form.
    func recordIndex(_ schemas: SchemaRegistry, subject: String?, writer: WebWriter) -> String {
        func rows(_ kinds: [PayloadKind]) -> String {
            plainTable(["Type", "What it records"], kinds.map { kind in
                let href = "/record/" + WebLinks.segment(kind.type.name) + (subject.map { "?subject=" + WebLinks.segment($0) } ?? "")
                return ["<a href=\"\(Markup.escape(href))\">\(Markup.escape(kind.type.name))</a>", Markup.escape(kind.summary)]
            }, html: [0, 1])
        }
        var body = recordingAs(writer)
        body += "<h2>Built-in types</h2>\n" + rows(Vocabulary.kinds)
        let team = schemas.teamTypes.compactMap(schemas.kind(named:))
        body += "<h2>The team's types</h2>\n" + (team.isEmpty ? "<p class=\"empty\">None registered (<code>decisionlog schema add</code>).</p>\n" : rows(team))
        return frame.page(.search(nil), moment: .now, heading: "Record a decision", body: body)
    }

    /// The form for `kind`, filled with `form` (empty for a new one), with `problems` above it when a post was
    /// refused. Its hidden id makes sending it twice record it once.
    func recordForm(_ kind: PayloadKind, form: WebForm, problems: [String], writer: WebWriter) -> String {
        var body = recordingAs(writer)
        if !problems.isEmpty {
            body += "<div class=\"error\" role=\"alert\"><p>Nothing was recorded:</p><ul>"
                + problems.map { "<li>\(Markup.escape($0))</li>" }.joined() + "</ul></div>\n"
        }
        let id = form.value("id") ?? EventID.generate(at: .now()).description
        body += "<form class=\"record\" method=\"post\" action=\"/record/\(Markup.escape(WebLinks.segment(kind.type.name)))\">\n"
        body += "<input type=\"hidden\" name=\"token\" value=\"\(Markup.escape(writer.token))\"><input type=\"hidden\" name=\"id\" value=\"\(Markup.escape(id))\">\n"
        let subjectHint = kind.subjectKind.map { "\($0)/name" } ?? "kind/name, e.g. launch/atlas"
        body += input("subject", label: "Subject", required: true, hint: subjectHint, form: form)
        for field in kind.fields { body += control(for: field, form: form) }
        body += textarea("reason", label: "Reason", required: kind.requiresReason, hint: "Why, in a sentence.", form: form)
        body += input("effective", label: "Effective", required: false, hint: "2025-09-22 or 2025-09-22T14:30 (default: now)", form: form)
        body += input("links", label: "Links", required: false, hint: "Other events this one refers to: #12 #14", form: form)
        body += "<label class=\"check\"><input type=\"checkbox\" name=\"new-person\" value=\"yes\"\(form.value("new-person") == nil ? "" : " checked")> The people named are new to this log (--new-person)</label>\n"
        body += "<p><button type=\"submit\">Record</button> <a href=\"/record\">Another type</a></p>\n</form>\n"
        return frame.page(.search(nil), moment: .now, heading: "Record \(kind.type.name)", body: "<p class=\"phrase\">\(Markup.escape(kind.summary))</p>\n" + body)
    }

    private func recordingAs(_ writer: WebWriter) -> String {
        "<p class=\"phrase\">Recorded as <strong>\(Markup.escape(writer.decider.description))</strong>, the person this server was started for, and checked exactly as <code>decisionlog add</code> checks it.</p>\n"
    }

    /// The control for one payload field, named `field.<name>`: a list for a choice or yes/no, a box a line
    /// for a list, a JSON box for an object, a day for a date.
    private func control(for field: PayloadField, form: WebForm) -> String {
        let name = "field." + field.name
        let label = String(field.optionName.map { $0 == "-" ? " " : $0 }).sentenceStart
        switch field.shape {
        case .choice(let words):
            return select(name, label: label, required: field.isRequired, hint: field.summary, choices: words, form: form)
        case .boolean:
            return select(name, label: label, required: field.isRequired, hint: field.summary, choices: ["yes", "no"], form: form)
        case .list:
            return textarea(name, label: label, required: field.isRequired,
                            hint: field.summary + (field.namesPeople ? " One person a line." : " One a line."), form: form)
        case .object, .json:
            return textarea(name, label: label, required: field.isRequired, hint: field.summary + " As JSON.", form: form)
        case .date:
            return input(name, label: label, required: field.isRequired, hint: field.summary, form: form, type: "date")
        default:
            return input(name, label: label, required: field.isRequired, hint: field.summary + " " + field.shape.expectation.sentenceStart + ".", form: form)
        }
    }

    /// A labelled control; `control` draws it given its escaped id.
    private func labelled(_ name: String, _ label: String, _ required: Bool, _ hint: String, _ control: (String) -> String) -> String {
        let id = Markup.escape("r-" + WebLinks.segment(name))
        return "<p class=\"field\"><label for=\"\(id)\">\(Markup.escape(label))\(required ? " <span class=\"req\">(required)</span>" : "")</label>"
            + control(id) + "<span class=\"hint\">\(Markup.escape(hint))</span></p>\n"
    }

    private func input(_ name: String, label: String, required: Bool, hint: String, form: WebForm, type: String = "text") -> String {
        labelled(name, label, required, hint) { "<input id=\"\($0)\" type=\"\(type)\" name=\"\(Markup.escape(name))\" value=\"\(Markup.escape(form.value(name) ?? ""))\"\(required ? " required" : "")>" }
    }

    private func textarea(_ name: String, label: String, required: Bool, hint: String, form: WebForm) -> String {
        let text = form.fields.first { $0.name == name }?.value ?? ""
        return labelled(name, label, required, hint) { "<textarea id=\"\($0)\" name=\"\(Markup.escape(name))\" rows=\"3\"\(required ? " required" : "")>\(Markup.escape(text))</textarea>" }
    }

    private func select(_ name: String, label: String, required: Bool, hint: String, choices: [String], form: WebForm) -> String {
        let chosen = form.value(name)
        let options = "<option value=\"\">—</option>" + choices.map { "<option\($0 == chosen ? " selected" : "")>\(Markup.escape($0))</option>" }.joined()
        return labelled(name, label, required, hint) { "<select id=\"\($0)\" name=\"\(Markup.escape(name))\"\(required ? " required" : "")>\(options)</select>" }
    }
}
