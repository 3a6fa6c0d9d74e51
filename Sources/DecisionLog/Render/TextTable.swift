/// An aligned plain-text table for terminals: a header row and columns padded to their widest cell, with
/// optional heading lines between rows. Given a width, columns give way so every line fits: wrapping columns
/// first (their text runs onto more lines, broken at spaces, down to 16 characters), then the widest others
/// (cut with "…", down to 8); fixed columns (keys, dates, counts) keep their width unless nothing else can
/// give, and then wrap: long ones down to 24 characters, then any down to 10.
public struct TextTable {
    /// Column titles.
    public let headers: [String]
    /// Indexes of the columns whose long text wraps instead of being cut.
    public let wrapping: Set<Int>
    /// Indexes of the columns that keep their full width while anything else can give.
    public let fixed: Set<Int>
    /// A row of cells, one per column, with each cell's width, or a heading line (nil cells).
    private struct Line: Sendable {
        var cells: [String]?
        var widths: [Int]
        var heading: String
    }

    /// The rows and headings, in order.
    private var lines: [Line] = []

    /// An empty table with these headers; `wrapping` names columns whose text wraps, `fixed` those that
    /// keep their width.
    public init(headers: [String], wrapping: Set<Int> = [], fixed: Set<Int> = []) {
        self.headers = headers
        self.wrapping = wrapping
        self.fixed = fixed
    }

    /// Adds a row (missing cells are blank; line breaks inside a cell become spaces).
    public mutating func append(_ cells: [String]) {
        lines.append(TextTable.row(cells, columns: headers.count))
    }

    /// Adds rows, as `append(_:)` adds each, preparing them on every core.
    public mutating func append(contentsOf rows: [[String]]) {
        let columns = headers.count
        lines += ParallelMapping.map(count: rows.count, minimum: 1024) { { index in TextTable.row(rows[index], columns: columns) } }
    }

    private static func row(_ cells: [String], columns: Int) -> Line {
        let cells = (0..<columns).map { i in i < cells.count ? cells[i].replacingNewlines : "" }
        return Line(cells: cells, widths: cells.map(\.displayWidth), heading: "")
    }

    /// Adds a line of its own, outside the columns (a group's title).
    public mutating func appendHeading(_ text: String) {
        lines.append(Line(cells: nil, widths: [], heading: text.replacingNewlines))
    }

    /// The table as text, each line at most `width` columns when given and possible.
    public func rendered(width: Int? = nil) -> String {
        var widths = headers.map(\.displayWidth)
        for line in lines { for (i, cellWidth) in line.widths.enumerated() { widths[i] = max(widths[i], cellWidth) } }
        var wrapped = wrapping
        if let width {
            var total = widths.reduce(0, +) + 2 * (widths.count - 1)
            func shrink(_ candidates: [Int], floor: (Int) -> Int) {
                while total > width {
                    guard let widest = candidates.filter({ widths[$0] > floor($0) }).max(by: { widths[$0] < widths[$1] }) else { return }
                    widths[widest] -= 1
                    total -= 1
                }
            }
            let natural = widths
            shrink(wrapping.sorted()) { max(headers[$0].displayWidth, min(natural[$0], 16)) }
            shrink(widths.indices.filter { !fixed.contains($0) && !wrapping.contains($0) }) { max(headers[$0].displayWidth, min(natural[$0], 8)) }
            // Last resorts: long fixed columns wrap, first down to 24 characters, then to 10.
            let longFixed = fixed.filter { widths[$0] > 24 }.sorted()
            shrink(longFixed) { max(headers[$0].displayWidth, 24) }
            shrink(fixed.sorted()) { max(headers[$0].displayWidth, min(natural[$0], 10)) }
            wrapped.formUnion(fixed.filter { widths[$0] < natural[$0] })
        }
        // Lines are laid out a block at a time, on every core, once the widths are known.
        let all = [Line(cells: headers, widths: headers.map(\.displayWidth), heading: "")] + lines
        let (columnWidths, wrappedColumns, blockLength) = (widths, wrapped, 512)
        let blocks = ParallelMapping.map(count: (all.count + blockLength - 1) / blockLength, minimum: 4) {
            { block in
                var out: [UInt8] = []
                for line in all[(block * blockLength)..<min(all.count, (block + 1) * blockLength)] {
                    TextTable.write(line, widths: columnWidths, wrapped: wrappedColumns, width: width, to: &out)
                }
                return out
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(blocks.reduce(0) { $0 + $1.count })
        for block in blocks { out += block }
        return String(decoding: out, as: UTF8.self)
    }

    /// Writes `line` with the columns `widths` wide, wrapping the cells of `wrapped` columns that are wider
    /// and cutting the others; a heading is cut to `width`.
    private static func write(_ line: Line, widths: [Int], wrapped: Set<Int>, width: Int?, to out: inout [UInt8]) {
        /// Appends one line of the table: each part padded to its column's width, then two spaces, but no
        /// trailing spaces.
        func appendLine(_ parts: [(text: String, width: Int)]) {
            let start = out.count
            for (i, part) in parts.enumerated() {
                out.append(contentsOf: part.text.utf8)
                if i < parts.count - 1 { out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: max(0, widths[i] - part.width) + 2)) }
            }
            while out.count > start, out.last == UInt8(ascii: " ") { out.removeLast() }
            out.append(UInt8(ascii: "\n"))
        }
        guard let cells = line.cells else {
            out.append(contentsOf: (width.map { line.heading.truncated(to: $0) } ?? line.heading).utf8)
            out.append(UInt8(ascii: "\n"))
            return
        }
        // Most rows fit their columns as they are: one line, no cell cut or wrapped.
        if line.widths.indices.allSatisfy({ line.widths[$0] <= widths[$0] }) {
            appendLine(Array(zip(cells, line.widths)))
            return
        }
        let pieces = cells.enumerated().map { i, cell in
            wrapped.contains(i) ? cell.wrapped(to: widths[i]) : [cell.truncated(to: widths[i])]
        }
        for lineIndex in 0..<(pieces.map(\.count).max() ?? 1) {
            appendLine(pieces.map { piece in
                let part = lineIndex < piece.count ? piece[lineIndex] : ""
                return (part, part.displayWidth)
            })
        }
    }
}

extension String {
    /// Columns the text takes on a terminal (characters; wide East Asian characters are not special-cased).
    var displayWidth: Int {
        // ASCII without a carriage return (which joins a following line feed into one character) is a
        // character a byte; counting characters in general is slower.
        let bytewise = utf8.withContiguousStorageIfAvailable { bytes in !bytes.contains { $0 >= 0x80 || $0 == 0x0D } } ?? false
        return bytewise ? utf8.count : count
    }

    /// The text cut to `width` characters, ending in "…" when cut.
    func truncated(to width: Int) -> String {
        guard displayWidth > width else { return self }
        guard width > 1 else { return String(prefix(width)) }
        return String(prefix(width - 1)) + "…"
    }

    /// The text in lines of at most `width` characters, broken at spaces (a longer word is split, after a
    /// "/" or "-" where it has one).
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
                // Break a long token after a "/" or "-" where one falls within the width.
                let head = word.prefix(width)
                let cut = head.lastIndex(where: { $0 == "/" || $0 == "-" }).map { word.distance(from: word.startIndex, to: $0) + 1 } ?? width
                lines.append(String(word.prefix(cut)))
                word = word.dropFirst(cut)
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
        // Every line break begins with one of these bytes in UTF-8 (U+0085 with 0xC2, U+2028 and U+2029 with
        // 0xE2); text without any has none, and is not read a character at a time.
        let mayBreak = utf8.withContiguousStorageIfAvailable { bytes in bytes.contains { (0x0A...0x0D).contains($0) || $0 == 0xC2 || $0 == 0xE2 } } ?? true
        return mayBreak && contains(where: \.isNewline) ? String(map { $0.isNewline ? " " : $0 }) : self
    }
}
