import DecisionLog
import Testing

/// What is shown of text from the log: controls that act on a terminal are made visible, Markdown shows text
/// as text, and CSV cells do not run as spreadsheet formulas yet read back as they were.
struct DisplayTextTests {
    @Test func controlsThatActOnATerminalAreEscaped() {
        let hostile = "Atlas\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}31m \u{202E}gnp.exe\u{2066}\r done\u{7F}"
        #expect(hostile.escapingControls == #"Atlas\u001b]0;pwned\u0007\u001b[2J\u009b31m \u202egnp.exe\u2066\u000d done\u007f"#)
        #expect("tabs\tand\nnewlines, caf\u{e9}, \u{1F600}".escapingControls == "tabs\tand\nnewlines, caf\u{e9}, \u{1F600}")
        // Each lead byte the quick screen looks for, with a scalar that needs an escape and one that does not.
        #expect("a\u{061C}b\u{200F}c\u{85}d".escapingControls == #"a\u061cb\u200fc\u0085d"#)
        #expect("Must → Should, \u{A0}£5, \u{0600}".escapingControls == "Must → Should, \u{A0}£5, \u{0600}")
        let long = String(repeating: "x", count: 1_000_000)
        #expect(long.quotedForMessage == String(repeating: "x", count: 40) + "… (1000000 characters)")
        #expect("\u{1B}[31mred".quotedForMessage == #"\u001b[31mred"#)
    }

    @Test func markdownShowsTextAsText() {
        #expect(TextFormats.markdownEscaped("<script>alert(1)</script> & [click](javascript:alert(1)) *a*_b_|`c`\\")
                == #"&lt;script&gt;alert(1)&lt;/script&gt; &amp; \[click\](javascript:alert(1)) \*a\*\_b\_\|\`c\`\\"#)
        let table = TextFormats.markdownTable(headers: ["A"], rows: [["<img src=x onerror=alert(1)>\nsecond line"]])
        #expect(table == "| A |\n|---|\n| &lt;img src=x onerror=alert(1)&gt;<br>second line |\n")
    }

    @Test(arguments: ["Q3 plan;=2+5;", "a\t@x", "=HYPERLINK(\"http://evil\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "'=already", "''", "'tis", "'", "-5", "4.5",
                      "-0.25e-3", "plain", "", "=", "'+", "a=b"])
    func aCSVCellReadsBackAsItWasWritten(text: String) throws {
        let cell = CSVCell.protect(text)
        #expect(CSVCell.unprotect(cell) == text)
        if let first = cell.first, "=+-@\t\r".contains(first) { #expect(Double(cell) != nil, "\(cell) would run as a formula") }
        let line = TextFormats.csvLine(["seq", text])
        // Split on a semicolon or a tab as some spreadsheets do, outside quotes, no piece starts a formula.
        var pieces: [String] = [], piece = "", quoted = false
        for character in line {
            if character == "\"" { quoted.toggle() } else if !quoted && (character == ";" || character == "\t" || character == ",") { pieces.append(piece); piece = "" } else { piece.append(character) }
        }
        pieces.append(piece)
        #expect(!pieces.contains { $0.first.map { "=+-@".contains($0) } == true && Double($0) == nil }, "\(line)")
        let table = try CSVTable(parsing: Array(("a,b\n" + line + "\n").utf8))
        #expect(table.records.last?.fields.last == text)
    }
}
