/// Writing values into CSV (RFC 4180) and Markdown tables.
public enum TextFormats {
    /// One CSV line (without its line break) of `fields`, each kept from running as a spreadsheet formula
    /// (`CSVCell.protect`) and quoted where needed — also where it holds a semicolon or a tab, which
    /// spreadsheets in some locales split fields on (an unquoted `plan;=2+5` would start a cell with `=`).
    public static func csvLine(_ fields: [String]) -> String {
        fields.map { text in
            let field = CSVCell.protect(text)
            guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == ";" || $0 == "\t" }) else { return field }
            return "\"" + field.replacingAll("\"", with: "\"\"") + "\""
        }.joined(separator: ",")
    }

    /// A cell as a CSV field: its value, except that objects are written as their table text.
    public static func csvField(_ cell: Cell) -> String {
        if case .object = cell.value { return cell.text }
        return csvField(cell.value)
    }

    /// A value as a CSV field: text as is, numbers without needless fractions, lists joined by "; ".
    public static func csvField(_ value: JSONValue) -> String {
        switch value {
        case .null: ""
        case .bool(let b): b ? "true" : "false"
        case .number(let n): String(decoding: JSONValue.number(n).canonicalBytes, as: UTF8.self)
        case .string(let s): s
        case .array(let items): items.map(csvField).joined(separator: "; ")
        case .object: value.canonicalString
        }
    }

    /// A Markdown table: header, separator and rows. Each cell is `markdownEscaped` (so it shows as the text
    /// it is, never as markup, a link or HTML), and its line breaks become `<br>`.
    public static func markdownTable(headers: [String], rows: [[String]]) -> String {
        func line(_ cells: [String]) -> String {
            "| " + cells.map { markdownEscaped($0).replacingAll("\n", with: "<br>") }.joined(separator: " | ") + " |"
        }
        var lines = [line(headers), "|" + String(repeating: "---|", count: headers.count)]
        lines += rows.map(line)
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` for Markdown, to be shown as the text it is: HTML's `&`, `<` and `>` as entities (no tag,
    /// script or autolink survives), and the characters Markdown reads as markup — `\`, `` ` ``, `*`, `_`,
    /// `[`, `]`, `|` — escaped with a backslash (no link, image or emphasis either).
    public static func markdownEscaped(_ text: String) -> String {
        // Byte by byte: every character escaped is ASCII, and no byte of a longer UTF-8 sequence is ASCII.
        func special(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"),
                 UInt8(ascii: "_"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "|"): true
            default: false
            }
        }
        guard text.utf8.contains(where: special) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out += "&amp;".utf8
            case UInt8(ascii: "<"): out += "&lt;".utf8
            case UInt8(ascii: ">"): out += "&gt;".utf8
            case _ where special(byte): out += [UInt8(ascii: "\\"), byte]
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
