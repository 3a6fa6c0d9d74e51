/// Writes query results — views, blame, diffs and histories — in every output format.
public struct QueryRendering: Sendable {
    /// The zone times are shown in.
    public let timeZone: TimeZoneRules
    /// The width tables are fitted to, when known.
    public let width: Int?

    /// A renderer; see the properties.
    public init(timeZone: TimeZoneRules, width: Int?) {
        self.timeZone = timeZone
        self.width = width
    }

    /// A view at a moment.
    public func view(_ table: ViewTable, at moment: QueryMoment, format: OutputFormat) -> String {
        switch format {
        case .json:
            return viewJSON(table, at: moment).pretty
        case .csv:
            return ([TextFormats.csvLine(table.columns.map(\.key))]
                    + table.rows.map { row in TextFormats.csvLine(table.columns.map { TextFormats.csvField(row[$0.key]) }) })
                .joined(separator: "\n") + "\n"
        case .markdown:
            return "**\(TextFormats.markdownEscaped(table.name))** \(TextFormats.markdownEscaped(moment.phrase))\n\n"
                + TextFormats.markdownTable(headers: table.columns.map { $0.title.capitalizedWords },
                                            rows: table.rows.map { row in table.columns.map { row[$0.key].text } })
        case .table:
            guard !table.rows.isEmpty else { return "No \(table.name) \(moment.phrase).\n" }
            let shown = fittingColumns(table)
            let wrapping = Set(shown.indices.filter { shown[$0].wraps })
            var text = TextTable(headers: shown.map(\.title), wrapping: wrapping, fixed: Set(shown.indices).subtracting(wrapping))
            let keys = shown.map(\.key), rows = table.rows
            text.append(contentsOf: ParallelMapping.map(count: rows.count, minimum: 1024) { { index in keys.map { rows[index][$0].text } } })
            var out = "\(table.name.uppercased()) \(moment.phrase)\n\n" + text.rendered(width: width)
            let hidden = table.columns.filter { !shown.contains($0) }
            if !hidden.isEmpty {
                let note = "(\(hidden.map { $0.title.lowercased() }.joined(separator: ", ")) hidden to fit \(width ?? 0) columns; "
                    + "widen the terminal or use --format json, csv or markdown)"
                out += note.wrapped(to: max(width ?? 80, 40)).joined(separator: "\n") + "\n"
            }
            return out
        }
    }

    /// A view at a moment as JSON: its name, the moment, its columns and its rows (the `json` format).
    public func viewJSON(_ table: ViewTable, at moment: QueryMoment) -> OrderedJSON {
        OrderedJSON.object([("view", .value(.string(table.name)))] + moment.json + [
            ("columns", .array(table.columns.map { .value(.string($0.key)) })),
            ("rows", .array(table.rows.map { rowJSON($0, table) })),
        ])
    }

    /// A view's rows as JSON Lines: one compact object a row, members in the view's column order (the row
    /// objects of the `json` format).
    public func viewLines(_ table: ViewTable) -> String {
        table.rows.map { row in
            String(decoding: rowJSON(row, table).compactBytes, as: UTF8.self) + "\n"
        }.joined()
    }

    private func rowJSON(_ row: ViewRow, _ table: ViewTable) -> OrderedJSON {
        .object(table.columns.map { ($0.key, .value(row[$0.key].value)) })
    }

    /// The columns a table shows: all of them when they fit the width; else the least important (highest
    /// priority number, rightmost first) are left out until the rest fit with wrapping text at least 24
    /// characters wide and nothing else cut.
    func fittingColumns(_ table: ViewTable) -> [ViewColumn] {
        guard let width else { return table.columns }
        var columns = table.columns
        var natural: [String: Int] = [:]
        for column in columns { natural[column.key] = max(column.title.displayWidth, table.rows.lazy.map { $0[column.key].text.displayWidth }.max() ?? 0) }
        func needed(_ columns: [ViewColumn]) -> Int {
            columns.map { column in
                column.wraps ? min(natural[column.key]!, max(24, column.title.displayWidth)) : natural[column.key]!
            }.reduce(0, +) + 2 * (columns.count - 1)
        }
        while needed(columns) > width, let drop = columns.indices.filter({ columns[$0].priority > 1 })
            .max(by: { (columns[$0].priority, $0) < (columns[$1].priority, $1) }) {
            columns.remove(at: drop)
        }
        return columns
    }
}

extension String {
    /// "TARGET" → "Target", "SUPERSEDED BY" → "Superseded by".
    var capitalizedWords: String { prefix(1).uppercased() + dropFirst().lowercased() }
}
