extension QueryRendering {
    /// Every change to a subject.
    public func history(_ history: SubjectHistory, known: QueryMoment?, format: OutputFormat) -> String {
        let title = "History of \(history.subject)" + (known?.knownLabel.map { ", as known at \($0)" } ?? "")
        switch format {
        case .json:
            return OrderedJSON.object([("subject", .value(.string(history.subject.text))), ("entries", .array(history.entries.map { entry in
                let e = entry.event
                return .object([
                    ("seq", .value(.number(Double(e.seq)))), ("type", .value(.string(e.type.name))),
                    ("effectiveAt", .value(.string(e.effectiveAt.iso8601))), ("recordedAt", .value(.string(e.recordedAt.iso8601))),
                    ("actor", .object([("name", .value(.string(e.actor.name))), ("role", .value(.string(e.actor.role)))])),
                    ("changes", .array(entry.changes.map { .value(.string($0)) })),
                    ("reason", .value(e.reason.map(JSONValue.string) ?? .null)),
                    ("notes", .array(entry.notes.map { .value(.string($0)) })),
                ])
            }))]).pretty
        case .csv:
            return ([TextFormats.csvLine(["seq", "type", "effectiveAt", "recordedAt", "actor", "role", "changes", "reason", "notes"])]
                    + history.entries.map { entry in
                        let e = entry.event
                        return TextFormats.csvLine([String(e.seq), e.type.name, e.effectiveAt.iso8601, e.recordedAt.iso8601, e.actor.name,
                                                    e.actor.role, entry.changes.joined(separator: "; "), e.reason ?? "", entry.notes.joined(separator: "; ")])
                    }).joined(separator: "\n") + "\n"
        case .markdown:
            return "**\(TextFormats.markdownEscaped(title))**\n\n" + TextFormats.markdownTable(
                headers: ["Seq", "Effective", "Recorded", "By", "What changed", "Why", "Notes"],
                rows: history.entries.map(historyCells))
        case .table:
            guard !history.entries.isEmpty else { return "No events about \(history.subject).\n" }
            var table = TextTable(headers: ["SEQ", "EFFECTIVE", "RECORDED", "BY", "WHAT CHANGED", "WHY"], wrapping: [4, 5], fixed: [0, 1, 2])
            for entry in history.entries {
                let e = entry.event
                let notes = entry.notes.isEmpty ? "" : " [" + entry.notes.joined(separator: "; ") + "]"
                table.append(["#\(e.seq)", timeZone.date(at: e.effectiveAt).description, timeZone.date(at: e.recordedAt).description,
                              e.actor.description, entry.changes.joined(separator: "; ") + notes, e.reason ?? ""])
            }
            return "\(title)\n\n" + table.rendered(width: width)
        }
    }

    private func historyCells(_ entry: SubjectHistory.Entry) -> [String] {
        let e = entry.event
        let rendering = EventRendering(timeZone: timeZone)
        return ["#\(e.seq)", rendering.dateText(e.effectiveAt), rendering.dateText(e.recordedAt), e.actor.description,
                entry.changes.joined(separator: "; "), e.reason ?? "", entry.notes.joined(separator: "; ")]
    }
}
