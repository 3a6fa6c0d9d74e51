@testable import DecisionLog
import Testing

/// The terminal table: columns padded to their widest cell, rows that fit written as they are, rows that do
/// not wrapped; widths counted in characters, whether the text is ASCII or not.
struct TextTableTests {
    static func table() -> TextTable {
        var table = TextTable(headers: ["ITEM", "NOTE", "BY"], wrapping: [1], fixed: [0])
        table.append(["a", "short", "Zoë"])
        table.append(["bb", "a longer note here", "Lee"])
        table.append(["c", "line\r\nbreak", "Ana"])
        return table
    }

    @Test func rowsThatFitAndRowsThatWrapLineUp() {
        // The note column gives way to 16 characters (its floor), so one row wraps and the others stay whole.
        #expect(Self.table().rendered(width: 20) == """
            ITEM  NOTE              BY
            a     short             Zoë
            bb    a longer note     Lee
                  here
            c     line break        Ana

            """)
        #expect(Self.table().rendered() == """
            ITEM  NOTE                BY
            a     short               Zoë
            bb    a longer note here  Lee
            c     line break          Ana

            """)
    }

    @Test func aLargeTableIsLaidOutAsOneRowAtATimeWouldBe() {
        // Enough rows to be prepared and laid out on every core, in blocks; some wrap, some have a heading.
        let rows = (0..<5000).map { i in ["item \(i)", i % 7 == 0 ? "a note long enough to wrap at sixteen" : "note \(i)", i % 3 == 0 ? "Zoë" : "Lee"] }
        var oneByOne = TextTable(headers: ["ITEM", "NOTE", "BY"], wrapping: [1], fixed: [0])
        for (i, row) in rows.enumerated() {
            if i % 1000 == 0 { oneByOne.appendHeading("Group \(i / 1000)") }
            oneByOne.append(row)
        }
        var together = TextTable(headers: ["ITEM", "NOTE", "BY"], wrapping: [1], fixed: [0])
        for group in 0..<5 {
            together.appendHeading("Group \(group)")
            together.append(contentsOf: Array(rows[(group * 1000)..<((group + 1) * 1000)]))
        }
        #expect(together.rendered(width: 30) == oneByOne.rendered(width: 30))
        #expect(together.rendered() == oneByOne.rendered())
        let lines = together.rendered(width: 30).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 1 + 5 + 5000 + (0..<5000).filter { $0 % 7 == 0 }.count * 2 + 1)
        #expect(lines[2] == "item 0     a note long       Zoë")
    }

    @Test func widthsCountCharactersNotBytes() {
        #expect("Zoë".displayWidth == 3)
        #expect("a\r\nb".displayWidth == 3)
        #expect("plain".displayWidth == 5)
        #expect("日本".displayWidth == 2)
        #expect("a\u{2028}b".replacingNewlines == "a b")
        #expect("tab\tstays".replacingNewlines == "tab\tstays")
    }
}
