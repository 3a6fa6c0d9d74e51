/// An aligned plain-text table for terminals: a header row, columns padded to their widest cell, and one
/// flexible column cut with "…" so every line fits the width given.
public struct TextTable {
    /// Column titles.
    public let headers: [String]
    /// Rows of cells, one per column.
    public private(set) var rows: [[String]] = []
    /// The column that gives way when the table is too wide (by default the last).
    public var flexibleColumn: Int

    /// An empty table with these headers.
    public init(headers: [String], flexibleColumn: Int? = nil) {
        self.headers = headers
        self.flexibleColumn = flexibleColumn ?? headers.count - 1
    }

    /// Adds a row (missing cells are blank; line breaks inside a cell become spaces).
    public mutating func append(_ cells: [String]) {
        rows.append((0..<headers.count).map { i in
            i < cells.count ? cells[i].replacingNewlines : ""
        })
    }

    /// The table as text, each line at most `width` columns when given (the flexible column is cut first).
    public func rendered(width: Int? = nil) -> String {
        var widths = headers.map(\.displayWidth)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.displayWidth) } }
        if let width {
            let others = widths.enumerated().filter { $0.offset != flexibleColumn }.reduce(0) { $0 + $1.element }
            let available = width - others - 2 * (widths.count - 1)
            widths[flexibleColumn] = max(min(widths[flexibleColumn], available), min(widths[flexibleColumn], 12))
        }
        var lines: [String] = []
        for row in [headers] + rows {
            var line = ""
            for (i, cell) in row.enumerated() {
                let text = cell.truncated(to: widths[i])
                let isLast = i == row.count - 1
                line += isLast ? text : text.padded(to: widths[i]) + "  "
            }
            while line.hasSuffix(" ") { line.removeLast() }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    /// Columns the text takes on a terminal (characters; wide East Asian characters are not special-cased).
    var displayWidth: Int { count }

    /// The text cut to `width` characters, ending in "…" when cut.
    func truncated(to width: Int) -> String {
        guard count > width else { return self }
        guard width > 1 else { return String(prefix(width)) }
        return String(prefix(width - 1)) + "…"
    }

    /// The text padded with spaces to `width` characters.
    func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    var replacingNewlines: String {
        contains(where: \.isNewline) ? String(map { $0.isNewline ? " " : $0 }) : self
    }
}
