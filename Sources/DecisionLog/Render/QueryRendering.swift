/// The formats views, diffs, histories and blame can be written in.
public enum OutputFormat: String, CaseIterable, Sendable {
    /// An aligned table for people.
    case table
    /// JSON for programs (shapes documented in docs/views.md).
    case json
    /// CSV with a header row, for spreadsheets.
    case csv
    /// Markdown tables, for Notion, Confluence or Slack.
    case markdown
}

/// The moment a query answered, on both clocks, for headers and JSON.
public struct QueryMoment: Sendable, Equatable {
    /// The effective-time limit.
    public let asOf: AsOf
    /// How the user named it: "now", "end of 2025-Q2", "#23".
    public let asOfLabel: String
    /// The recorded-time limit.
    public let known: Cut.Known
    /// How the user named it, or nil when everything recorded counts.
    public let knownLabel: String?

    /// A moment; see the properties.
    public init(asOf: AsOf, asOfLabel: String, known: Cut.Known = .everything, knownLabel: String? = nil) {
        self.asOf = asOf
        self.asOfLabel = asOfLabel
        self.known = known
        self.knownLabel = knownLabel
    }

    /// "as of end of 2025-Q2, as known at end of 2025-08-01".
    public var phrase: String { "as of \(asOfLabel)" + (knownLabel.map { ", as known at \($0)" } ?? "") }

    /// The moment's JSON members.
    var json: [(String, OrderedJSON)] {
        var members: [(String, OrderedJSON)] = [("asOf", .value(.string(asOf.instant.iso8601)))]
        if asOf.seq != .max { members.append(("asOfSeq", .value(.number(Double(asOf.seq))))) }
        switch known {
        case .everything: members.append(("knownAt", .value(.null)))
        case .recorded(let instant): members.append(("knownAt", .value(.string(instant.iso8601))))
        case .seq(let seq): members.append(("knownThroughSeq", .value(.number(Double(seq)))))
        }
        return members
    }
}

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

    // MARK: - Views

    /// A view at a moment.
    public func view(_ table: ViewTable, at moment: QueryMoment, format: OutputFormat) -> String {
        switch format {
        case .json:
            return OrderedJSON.object([("view", .value(.string(table.name)))] + moment.json + [
                ("columns", .array(table.columns.map { .value(.string($0.key)) })),
                ("rows", .array(table.rows.map { row in .object(table.columns.map { ($0.key, .value(row[$0.key].value)) }) })),
            ]).pretty
        case .csv:
            return ([TextFormats.csvLine(table.columns.map(\.key))]
                    + table.rows.map { row in TextFormats.csvLine(table.columns.map { TextFormats.csvField(row[$0.key]) }) })
                .joined(separator: "\n") + "\n"
        case .markdown:
            return "**\(table.name)** \(moment.phrase)\n\n"
                + TextFormats.markdownTable(headers: table.columns.map { $0.title.capitalizedWords },
                                            rows: table.rows.map { row in table.columns.map { row[$0.key].text } })
        case .table:
            guard !table.rows.isEmpty else { return "No \(table.name) \(moment.phrase).\n" }
            let shown = fittingColumns(table)
            let wrapping = Set(shown.indices.filter { shown[$0].wraps })
            var text = TextTable(headers: shown.map(\.title), wrapping: wrapping, fixed: Set(shown.indices).subtracting(wrapping))
            for row in table.rows { text.append(shown.map { row[$0.key].text }) }
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

    /// The columns a table shows: all of them when they fit the width; else the least important (highest
    /// priority number, rightmost first) are left out until the rest fit with wrapping text at least 24
    /// characters wide and nothing else cut.
    func fittingColumns(_ table: ViewTable) -> [ViewColumn] {
        guard let width else { return table.columns }
        var columns = table.columns
        func needed(_ columns: [ViewColumn]) -> Int {
            columns.map { column in
                let natural = max(column.title.count, table.rows.map { $0[column.key].text.count }.max() ?? 0)
                return column.wraps ? min(natural, max(24, column.title.count)) : natural
            }.reduce(0, +) + 2 * (columns.count - 1)
        }
        while needed(columns) > width, let drop = columns.indices.filter({ columns[$0].priority > 1 })
            .max(by: { (columns[$0].priority, $0) < (columns[$1].priority, $1) }) {
            columns.remove(at: drop)
        }
        return columns
    }

    // MARK: - Blame

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
            return "**\(table.name)** \(moment.phrase), with the event behind each value\n\n"
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

    // MARK: - Diffs

    /// What changed between two moments, view by view, and the KPI table when the kpis view is included.
    public func diff(_ diffs: [ViewDiff], kpis: [KPIChange]?, from: QueryMoment, to: QueryMoment, format: OutputFormat) -> String {
        let views = diffs.map { ($0, Views.named($0.view)!) }
        switch format {
        case .json:
            var members: [(String, OrderedJSON)] = [("from", .object(from.json)), ("to", .object(to.json))]
            members.append(("views", .array(views.map { diff, kind in
                .object([
                    ("view", .value(.string(diff.view))),
                    ("added", .array(diff.added.map { row in .object(kind.columns.map { ($0.key, .value(row[$0.key].value)) }) })),
                    ("removed", .array(diff.removed.map { row in .object(kind.columns.map { ($0.key, .value(row[$0.key].value)) }) })),
                    ("changed", .array(diff.changed.map { change in
                        .object([("key", .value(.string(change.key))), ("changes", .array(change.changes.map { field in
                            .object([("field", .value(.string(field.field))), ("before", .value(field.before.value)),
                                     ("after", .value(field.after.value)), ("text", .value(.string(field.text)))])
                        }))])
                    })),
                ])
            })))
            if let kpis {
                members.append(("kpis", .array(kpis.map { k in
                    .object([("metric", .value(.string(k.metric))), ("name", .value(.string(k.name))), ("before", .value(k.before.value)),
                             ("after", .value(k.after.value)), ("changePercent", .value(k.percent.map { .number(Double($0)) } ?? .null))])
                })))
            }
            return OrderedJSON.object(members).pretty
        case .csv:
            var lines = [TextFormats.csvLine(["view", "change", "key", "field", "before", "after", "text"])]
            for (diff, kind) in views {
                for row in diff.added { lines.append(TextFormats.csvLine([diff.view, "added", row.key, "", "", "", details(row, kind)])) }
                for row in diff.removed { lines.append(TextFormats.csvLine([diff.view, "removed", row.key, "", "", "", details(row, kind)])) }
                for change in diff.changed {
                    for field in change.changes {
                        lines.append(TextFormats.csvLine([diff.view, "changed", change.key, field.field, TextFormats.csvField(field.before.value),
                                                          TextFormats.csvField(field.after.value), field.text]))
                    }
                }
            }
            for k in kpis ?? [] {
                lines.append(TextFormats.csvLine(["kpis", "actual", k.metric, "actual", TextFormats.csvField(k.before.value),
                                                  TextFormats.csvField(k.after.value), k.percentText]))
            }
            return lines.joined(separator: "\n") + "\n"
        case .markdown:
            var out = "**Changes from \(from.asOfLabel) to \(to.asOfLabel)**" + (to.knownLabel.map { ", as known at \($0)" } ?? "") + "\n"
            if let kpis, kpis.contains(where: { $0.before.value != $0.after.value }) {
                out += "\n### KPI actuals\n\n" + TextFormats.markdownTable(headers: ["Metric", "Before", "After", "Change"],
                                                                      rows: kpis.map { [$0.name, $0.before.text, $0.after.text, $0.percentText] })
            }
            for (diff, kind) in views where !diff.isEmpty {
                out += "\n### \(diff.view)\n\n" + TextFormats.markdownTable(headers: ["Change", kind.columns[0].title.capitalizedWords, "Details"],
                                                                             rows: diffRows(diff, kind).map { [$0.0, $0.1, $0.2] })
            }
            return out
        case .table:
            var out = "Changes from \(from.asOfLabel) to \(to.asOfLabel)" + (to.knownLabel.map { ", as known at \($0)" } ?? "") + "\n"
            if let kpis, kpis.contains(where: { $0.before.value != $0.after.value }) {
                var table = TextTable(headers: ["METRIC", "BEFORE", "AFTER", "CHANGE"], fixed: [1, 2, 3])
                for k in kpis { table.append([k.name, k.before.text.isEmpty ? "—" : k.before.text, k.after.text.isEmpty ? "—" : k.after.text, k.percentText]) }
                out += "\nKPI ACTUALS\n" + table.rendered(width: width)
            }
            var quiet: [String] = []
            for (diff, kind) in views {
                if diff.isEmpty { quiet.append(diff.view); continue }
                let counts = [("changed", diff.changed.count), ("added", diff.added.count), ("removed", diff.removed.count)]
                    .filter { $0.1 > 0 }.map { "\($0.1) \($0.0)" }.joined(separator: ", ")
                var table = TextTable(headers: ["", kind.columns[0].title, "WHAT CHANGED"], wrapping: [2], fixed: [0, 1])
                for (mark, key, text) in diffRows(diff, kind) { table.append([mark, key, text]) }
                out += "\n\(diff.view.uppercased()) (\(counts))\n" + table.rendered(width: width)
            }
            if !quiet.isEmpty { out += "\nNo changes: \(quiet.joined(separator: ", ")).\n" }
            return out
        }
    }

    /// The lines of a view's diff for tables: ("~", key, changes) for changed rows, "+"/"−" with details.
    private func diffRows(_ diff: ViewDiff, _ kind: ViewKind) -> [(String, String, String)] {
        diff.changed.map { ("~", $0.key, $0.changes.map(\.text).joined(separator: "; ")) }
            + diff.added.map { ("+", $0.key, details($0, kind)) }
            + diff.removed.map { ("−", $0.key, details($0, kind)) }
    }

    /// A row in brief: its compared values other than the key, skipping empty ones and zero counts.
    private func details(_ row: ViewRow, _ kind: ViewKind) -> String {
        kind.columns.dropFirst().filter(\.isCompared).compactMap { column -> String? in
            let cell = row[column.key]
            if cell.value == .null || cell.text.isEmpty || cell.value == .number(0) { return nil }
            return cell.text
        }.joined(separator: " · ")
    }

    // MARK: - History

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
            return "**\(title)**\n\n" + TextFormats.markdownTable(
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

extension String {
    /// "TARGET" → "Target", "SUPERSEDED BY" → "Superseded by".
    var capitalizedWords: String { prefix(1).uppercased() + dropFirst().lowercased() }
}
