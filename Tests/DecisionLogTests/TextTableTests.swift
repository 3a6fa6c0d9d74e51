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

    @Test func widthsCountCharactersNotBytes() {
        #expect("Zoë".displayWidth == 3)
        #expect("a\r\nb".displayWidth == 3)
        #expect("plain".displayWidth == 5)
        #expect("日本".displayWidth == 2)
        #expect("a\u{2028}b".replacingNewlines == "a b")
        #expect("tab\tstays".replacingNewlines == "tab\tstays")
    }
}
