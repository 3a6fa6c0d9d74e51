/// An aligned plain-text table for terminals: a header row and columns padded to their widest cell. Given a
/// width, columns give way so every line fits: wrapping columns first (their text then runs onto more lines,
/// broken at spaces, down to 16 characters), then the widest others (cut with "…", down to 8), never the
/// fixed ones.
public struct TextTable {
    /// Column titles.
    public let headers: [String]
    /// Indexes of the columns whose long text wraps instead of being cut.
    public let wrapping: Set<Int>
    /// Indexes of the columns that keep their full width (keys, dates, counts).
    public let fixed: Set<Int>
    /// Rows of cells, one per column.
    public private(set) var rows: [[String]] = []

    /// An empty table with these headers; `wrapping` names columns whose text wraps, `fixed` those that
    /// never shrink.
    public init(headers: [String], wrapping: Set<Int> = [], fixed: Set<Int> = []) {
        self.headers = headers
        self.wrapping = wrapping
        self.fixed = fixed
    }

    /// Adds a row (missing cells are blank; line breaks inside a cell become spaces).
    public mutating func append(_ cells: [String]) {
        rows.append((0..<headers.count).map { i in
            i < cells.count ? cells[i].replacingNewlines : ""
        })
    }

    /// The table as text, each line at most `width` columns when given and possible.
    public func rendered(width: Int? = nil) -> String {
        var widths = headers.map(\.displayWidth)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.displayWidth) } }
        if let width {
            let floor = headers.indices.map { i in
                fixed.contains(i) ? widths[i] : max(headers[i].displayWidth, min(widths[i], wrapping.contains(i) ? 16 : 8))
            }
            var total = widths.reduce(0, +) + 2 * (widths.count - 1)
            func shrink(_ candidates: [Int]) {
                while total > width {
                    guard let widest = candidates.filter({ widths[$0] > floor[$0] }).max(by: { widths[$0] < widths[$1] }) else { return }
                    widths[widest] -= 1
                    total -= 1
                }
            }
            shrink(wrapping.sorted())
            shrink(Array(widths.indices))
        }
        var lines: [String] = []
        for row in [headers] + rows {
            let pieces = row.enumerated().map { i, cell in
                wrapping.contains(i) ? cell.wrapped(to: widths[i]) : [cell.truncated(to: widths[i])]
            }
            for lineIndex in 0..<(pieces.map(\.count).max() ?? 1) {
                var line = ""
                for (i, piece) in pieces.enumerated() {
                    let text = lineIndex < piece.count ? piece[lineIndex] : ""
                    line += i == pieces.count - 1 ? text : text.padded(to: widths[i]) + "  "
                }
                while line.hasSuffix(" ") { line.removeLast() }
                lines.append(line)
            }
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

    /// The text in lines of at most `width` characters, broken at spaces (a longer word is split).
    func wrapped(to width: Int) -> [String] {
        guard count > width, width > 0 else { return [self] }
        var lines: [String] = []
        var line = ""
        for word in split(separator: " ", omittingEmptySubsequences: true) {
            var word = Substring(word)
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            while word.count > width {
                if !line.isEmpty { lines.append(line); line = "" }
                lines.append(String(word.prefix(width)))
                word = word.dropFirst(width)
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.isEmpty ? [""] : lines
    }

    /// The text padded with spaces to `width` characters.
    func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    var replacingNewlines: String {
        contains(where: \.isNewline) ? String(map { $0.isNewline ? " " : $0 }) : self
    }
}
