@testable import DecisionLog
import DecisionLogTestSupport
import Testing

/// The CSV reader: RFC 4180 quoting, line breaks of every kind, the separators spreadsheets use, and a clear
/// error naming the line for text that is not CSV.
struct CSVTableTests {
    private func records(_ text: String) throws -> [[String]] {
        try CSVTable(parsing: Array(text.utf8)).records.map(\.fields)
    }

    @Test func quotedFieldsHoldSeparatorsQuotesAndLineBreaks() throws {
        let table = try CSVTable(parsing: Array("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\nlast,,\n".utf8))
        #expect(table.records.map(\.fields) == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\nlines"], ["last", "", ""]])
        #expect(table.records.map(\.line) == [1, 2, 4])
    }

    @Test func blankLinesAndEmptyRowsAreSkippedButCounted() throws {
        let table = try CSVTable(parsing: Array("a,b\n\n,\n  , \n1,2\n".utf8))
        #expect(table.records.map(\.fields) == [["a", "b"], ["1", "2"]])
        #expect(table.records.last?.line == 5)
    }

    @Test func theHeaderLineChoosesTheSeparator() throws {
        #expect(try records("a;b;c\n1,5;2;3\n") == [["a", "b", "c"], ["1,5", "2", "3"]])
        #expect(try records("a\tb\n1\t2\n") == [["a", "b"], ["1", "2"]])
        #expect(try records("\"a;b\",c\n1,2\n") == [["a;b", "c"], ["1", "2"]])
        #expect(try records("single\nvalue\n") == [["single"], ["value"]])
    }

    @Test func aByteOrderMarkAndALoneCarriageReturnAreHandled() throws {
        #expect(try records("\u{FEFF}type,subject\rgoal.set,goal/x") == [["type", "subject"], ["goal.set", "goal/x"]])
    }

    @Test(arguments: [
        ("a,b\n\"open,2\n3,4\n", 2, "a quoted field is not closed"),
        ("a,b\n\"x\"y,2\n", 2, "text after the closing quote"),
        ("a,b\n1,2\nx\"y,2\n", 3, "a quote inside an unquoted field"),
        ("a,b\n1,\"multi\nline\" z\n", 3, "text after the closing quote"),
    ])
    func malformedTextNamesItsLine(text: String, line: Int, message: String) {
        #expect { try CSVTable(parsing: Array(text.utf8)) } throws: { error in
            guard let error = error as? CSVSyntaxError else { return false }
            return error.line == line && error.message.hasPrefix(message)
        }
    }

    /// Where a part of a file may be cut: after the last record it holds whole. Compared, on random text of
    /// quotes, separators and line breaks, with a walk of every byte through the states a reader goes through.
    @Test func aPartIsCutAfterItsLastWholeRecord() {
        var random = SeededGenerator(seed: 7)
        let alphabet: [UInt8] = Array("a,;\"\"\n\r".utf8)
        for _ in 0..<20_000 {
            let bytes = (0..<Int.random(in: 0...24, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
            let offset = Int.random(in: 0...2, using: &random)
            let slice = (Array(repeating: UInt8(ascii: "x"), count: offset) + bytes)[offset...]
            for separator in [UInt8(ascii: ","), UInt8(ascii: ";")] {
                #expect(CSVTable.recordsEnd(slice, separator: separator) == Self.walked(slice, separator: separator), "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
            }
        }
    }

    /// The end of the last whole record, walking every byte: a quote opens a quoted field only at a field's
    /// start, a doubled quote inside stays inside, and a CR at the very end waits for its LF.
    static func walked(_ bytes: ArraySlice<UInt8>, separator: UInt8) -> Int {
        enum State { case fieldStart, unquoted, quoted, quoteInQuoted }
        var state = State.fieldStart, end = bytes.startIndex
        for index in bytes.indices {
            let byte = bytes[index]
            switch state {
            case .quoted: if byte == UInt8(ascii: "\"") { state = .quoteInQuoted }
            case .fieldStart where byte == UInt8(ascii: "\""), .quoteInQuoted where byte == UInt8(ascii: "\""): state = .quoted
            case .fieldStart, .unquoted, .quoteInQuoted:
                if byte == 0x0A || byte == 0x0D {
                    state = .fieldStart
                    end = index + 1
                } else {
                    state = byte == separator ? .fieldStart : .unquoted
                }
            }
        }
        if end > bytes.startIndex, end == bytes.endIndex, bytes[end - 1] == 0x0D { end -= 1 }
        return end - bytes.startIndex
    }

    /// A number reads the same whether it is plain digits (read at once) or spelled with groups, signs and
    /// currencies; a decimal comma file takes a lone point for a thousands group.
    @Test(arguments: [
        ("40", false, 40.0), ("40", true, 40), ("-12.5", false, -12.5), ("007", false, 7), ("0.25", false, 0.25),
        ("8,400", false, 8400), ("8.400,5", true, 8400.5), ("4,5", true, 4.5), ("€1,200", false, 1200), ("12 %", false, 12),
        ("1 234", false, 1234), ("- 3", false, -3), ("EUR 9.5", false, 9.5),
    ])
    func numbersReadTheSameHoweverSpelled(text: String, decimalComma: Bool, value: Double) throws {
        #expect(try CSVNumber.read(text, decimalComma: decimalComma)?.get() == value)
    }

    @Test func numbersThatCannotBeReadSayWhy() {
        #expect(CSVNumber.read("-0", decimalComma: false).map { (try? $0.get())?.sign } == .minus)
        #expect(CSVNumber.read("12.5", decimalComma: true).map { (try? $0.get()) == nil } == true)
        #expect(CSVNumber.read("8.400", decimalComma: true).map { (try? $0.get()) == nil } == true)
        #expect(CSVNumber.read("4,5", decimalComma: false).map { (try? $0.get()) == nil } == true)
        #expect(CSVNumber.read("1" + String(repeating: "0", count: 400), decimalComma: false) == nil)
        #expect(CSVNumber.read("12a", decimalComma: false) == nil)
        #expect(CSVNumber.read("", decimalComma: false) == nil)
    }

    @Test func invalidUTF8AndNULAreRefused() {
        #expect(throws: CSVSyntaxError(line: 2, message: "the text is not valid UTF-8; save the file as UTF-8")) {
            try CSVTable(parsing: Array("a,b\n".utf8) + [0xC3, 0x28, 0x2C, 0x31])
        }
        #expect(throws: CSVSyntaxError.self) { try CSVTable(parsing: Array("a,b\n1,".utf8) + [0]) }
    }
}

/// Reading a spreadsheet's rows as drafts: header names, mappings, and shapes from the row's type.
struct CSVDraftsTests {
    private func drafts(_ text: String, mappings: [(column: String, field: String)] = []) throws -> CSVDrafts {
        try CSVDrafts(CSVTable(parsing: Array(text.utf8)), mappings: mappings, schemas: SchemaRegistry())
    }

    @Test func headersMatchFieldsIgnoringCaseSpacesAndHyphens() throws {
        let csv = try drafts("Type,Subject,Review By,Deciders,Options,Title,Status,Effective At\n"
                             + "decision.recorded,decision/x,2025-10-01,\"Dana Reyes, Lee Park\",A; B,T,accepted,2025-07-01\n")
        let draft = try csv.rows[0].draft.get()
        #expect(draft.members["effectiveAt"] == .string("2025-07-01"))
        #expect(draft.payload["reviewBy"] == .string("2025-10-01"))
        #expect(draft.payload["deciders"] == .array([.string("Dana Reyes"), .string("Lee Park")]))
        #expect(draft.payload["options"] == .array([.string("A"), .string("B")]))
    }

    @Test func cellsTakeTheirFieldsShapeInTheRowsType() throws {
        let csv = try drafts("type,subject,target,timeframe,title,to,framework\n"
                             + "goal.set,goal/x,4.5,2025-Q3,T,,\npriority.changed,feature/y,,,,3,rank\n")
        #expect(try csv.rows[0].draft.get().payload["target"] == .number(4.5))
        #expect(try csv.rows[1].draft.get().payload["to"] == .number(3))
    }

    @Test func aValueInAColumnTheRowsTypeLacksIsAProblemOfThatRow() throws {
        let csv = try drafts("type,subject,title,timeframe,date\ngoal.set,goal/x,T,2025,2025-09-01\n")
        #expect(throws: ValidationFailure.self) { try csv.rows[0].draft.get() }
    }

    @Test func mappingsRenameAndIgnoreColumns() throws {
        let csv = try drafts("Kind,Item,When,Notes,Launch date,Name\nlaunch.scheduled,launch/a,2025-07-01,anything,2025-09-01,A\n",
                             mappings: [("Kind", "type"), ("item", "subject"), ("When", "effective"), ("Notes", ""), ("Launch date", "date")])
        #expect(csv.columns == [.envelope("type"), .envelope("subject"), .envelope("effectiveAt"), .ignored, .payload(key: "date"), .payload(key: "name")])
        #expect(try csv.rows[0].draft.get().payload["date"] == .string("2025-09-01"))
    }

    @Test func aHeaderThatDoesNotNameItsFieldsListsEveryProblem() {
        #expect { try drafts("Category,subject,Colour,title,Title\n", mappings: [("Missing", "type")]) } throws: { error in
            guard let error = error as? CSVHeaderError else { return false }
            return error.problems.count == 5
                && error.problems[0].hasPrefix("--map Missing=type: the header has no column 'Missing'")
                && error.problems[1].hasPrefix("column 1 'Category' names no field")
                && error.problems[2].hasPrefix("column 3 'Colour' names no field")
                && error.problems[3].hasPrefix("columns 4 'title' and 5 'Title' both give Title")
                && error.problems[4] == "no column gives the event type; name one 'type' or map one with --map '<column>=type'"
        }
    }

    @Test func aRowWithTheWrongNumberOfFieldsIsAProblemOfThatRow() throws {
        let csv = try drafts("type,subject,reason\ngoal.set,goal/x,Security review, pen test\n")
        #expect(throws: ValidationFailure.self) { try csv.rows[0].draft.get() }
    }
}
