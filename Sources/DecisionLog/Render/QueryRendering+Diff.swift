extension QueryRendering {
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
                             ("after", .value(k.after.value)), ("target", .value(k.target.value)),
                             ("changePercent", .value(k.change?.percent.map { .number(($0 * 10).rounded() / 10) } ?? .null)),
                             ("changePoints", .value(k.change?.points.map { .number(($0 * 10).rounded() / 10) } ?? .null))])
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
                                                  TextFormats.csvField(k.after.value), k.changeText]))
            }
            return lines.joined(separator: "\n") + "\n"
        case .markdown:
            var out = "**" + TextFormats.markdownEscaped("Changes from \(from.asOfLabel) to \(to.asOfLabel)") + "**"
                + TextFormats.markdownEscaped(to.knownLabel.map { ", as known at \($0)" } ?? "") + "\n"
            if let kpis, kpis.contains(where: { $0.before.value != $0.after.value }) {
                out += "\n### KPI actuals\n\n" + TextFormats.markdownTable(headers: ["Metric", "Before", "After", "Change", "Target"],
                                                                      rows: kpis.map { [$0.name, $0.before.text, $0.after.text, $0.changeText, $0.target.text] })
            }
            for (diff, kind) in views where !diff.isEmpty {
                out += "\n### \(diff.view)\n\n" + TextFormats.markdownTable(headers: ["Change", kind.columns[0].title.capitalizedWords, "Details"],
                                                                             rows: diffRows(diff, kind).map { [$0.0, $0.1, $0.2] })
            }
            return out
        case .table:
            var out = "Changes from \(from.asOfLabel) to \(to.asOfLabel)" + (to.knownLabel.map { ", as known at \($0)" } ?? "") + "\n"
            if let kpis, kpis.contains(where: { $0.before.value != $0.after.value }) {
                var table = TextTable(headers: ["METRIC", "BEFORE", "AFTER", "CHANGE", "TARGET"], fixed: [1, 2, 3, 4])
                for k in kpis { table.append([k.name, k.before.text.isEmpty ? "—" : k.before.text, k.after.text.isEmpty ? "—" : k.after.text, k.changeText, k.target.text.isEmpty ? "—" : k.target.text]) }
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
    func diffRows(_ diff: ViewDiff, _ kind: ViewKind) -> [(String, String, String)] {
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
}
