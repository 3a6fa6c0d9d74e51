extension QueryRendering {
    /// Each value of a view beside the event that set it: seq, actor, effective date.
    public func blame(_ table: ViewTable, at moment: QueryMoment, format: OutputFormat) -> String {
        let keyColumn = table.columns.first?.key
        var lines: [(key: String, column: ViewColumn, cell: Cell)] = []
        for row in table.rows {
            for column in table.columns where column.key != keyColumn {
                let cell = row[column.key]
                if cell.source != nil && cell.value != .null && cell.value != .array([]) { lines.append((row.key, column, cell)) }
            }
        }
        switch format {
        case .json:
            return OrderedJSON.object([("view", .value(.string(table.name)))] + moment.json + [
                ("values", .array(lines.map { line in
                    let s = line.cell.source!
                    return .object([
                        ("key", .value(.string(line.key))), ("field", .value(.string(line.column.key))),
                        ("value", .value(line.cell.value)), ("seq", .value(.number(Double(s.seq)))),
                        ("actor", .object([("name", .value(.string(s.actor.name))), ("role", .value(.string(s.actor.role)))])),
                        ("effectiveAt", .value(.string(s.effectiveAt.iso8601))), ("reason", .value(s.reason.map(JSONValue.string) ?? .null)),
                    ])
                })),
            ]).pretty
        case .csv:
            return ([TextFormats.csvLine(["key", "field", "value", "seq", "actor", "role", "effectiveAt", "reason"])] + lines.map { line in
                let s = line.cell.source!
                return TextFormats.csvLine([line.key, line.column.key, TextFormats.csvField(line.cell.value), String(s.seq),
                                            s.actor.name, s.actor.role, s.effectiveAt.iso8601, s.reason ?? ""])
            }).joined(separator: "\n") + "\n"
        case .markdown:
            return "**\(TextFormats.markdownEscaped(table.name))** \(TextFormats.markdownEscaped(moment.phrase)), with the event behind each value\n\n"
                + TextFormats.markdownTable(headers: ["Key", "Field", "Value", "Seq", "By", "Effective"],
                                            rows: lines.map { [$0.key] + blameCells($0) })
        case .table:
            guard !lines.isEmpty else { return "No \(table.name) \(moment.phrase).\n" }
            var text = TextTable(headers: ["FIELD", "VALUE", "SEQ", "BY", "EFFECTIVE"], wrapping: [1], fixed: [0, 2, 4])
            var previous: String? = nil
            for line in lines {
                if line.key != previous { text.appendHeading(line.key) }
                previous = line.key
                text.append(blameCells(line))
            }
            return "\(table.name.uppercased()) \(moment.phrase), with the event behind each value\n\n" + text.rendered(width: width)
        }
    }

    private func blameCells(_ line: (key: String, column: ViewColumn, cell: Cell)) -> [String] {
        let s = line.cell.source!
        return ["  " + line.column.title.lowercased(), line.cell.text, "#\(s.seq)", s.actor.description, timeZone.date(at: s.effectiveAt).description]
    }
}
