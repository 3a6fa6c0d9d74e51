import DecisionLog
import Testing

/// The strict JSON parser and the canonical writer.
struct JSONTests {
    @Test func canonicalFormSortsKeysAndDropsWhitespace() throws {
        let value = try JSONValue.parse(#" { "b" : [1, 2.5, true, null], "a" : "x\"y\\z\n", "é": {} } "#)
        #expect(value.canonicalString == #"{"a":"x\"y\\z\n","b":[1,2.5,true,null],"é":{}}"#)
    }

    /// JSON has no infinity or NaN: a sum of huge actuals that overflows is written as null, never `inf`.
    @Test func aNumberThatIsNotFiniteIsWrittenAsNull() {
        #expect(JSONValue.number(.infinity).canonicalString == "null")
        #expect(JSONValue.array([.number(-.infinity), .number(.nan)]).canonicalString == "[null,null]")
    }

    @Test func equalValuesHaveEqualBytes() throws {
        let a = try JSONValue.parse(#"{"n": 40.0, "m": 1e2, "s": "\u00e9\/"}"#)
        let b = try JSONValue.parse(#"{"s":"é/","m":100,"n":40}"#)
        #expect(a.canonicalBytes == b.canonicalBytes)
        #expect(try JSONValue.parse(a.canonicalBytes) == a)
    }

    @Test(arguments: [(0.1, "0.1"), (2.5, "2.5"), (-0.0, "0"), (1e20, "1e+20"), (123456789.0, "123456789"), (1e-7, "1e-07")])
    func numbersHaveOneSpelling(value: Double, text: String) {
        #expect(JSONValue.number(value).canonicalString == text)
    }

    @Test func controlCharactersAreEscaped() {
        #expect(JSONValue.string("a\u{1}b\tc").canonicalString == #""a\u0001b\tc""#)
    }

    @Test(arguments: [
        ("", "empty"),
        ("{\"a\":1,}", "expected a quoted object key"),
        ("[1,2", "end of input"),
        ("{\"a\":1,\"a\":2}", "appears twice"),
        ("01", "leading zeros"),
        ("1.", "'.' must be followed by digits"),
        ("\"\\ud800\"", "lone UTF-16 surrogate"),
        ("\"tab\there\"", "raw control character"),
        ("{\"a\":1} x", "after the JSON value"),
        ("12345678901234567890", "too large to store exactly"),
        ("1e400", "beyond the range"),
        ("nul", "expected 'null'"),
        ("\"\\x\"", "invalid escape"),
    ])
    func refusesMalformedInputWithAReason(input: String, reason: String) {
        #expect {
            try JSONValue.parse(input)
        } throws: { error in
            (error as? JSONSyntaxError)?.message.contains(reason) == true
        }
    }

    @Test func refusesInvalidUTF8AndNULBytes() {
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse([0x22, 0xFF, 0xFE, 0x22]) }
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse([0x22, 0x61, 0x00, 0x22]) }
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse([0x7B, 0x00, 0x7D]) }
    }

    /// The parser skips plain bytes a word at a time: a quote, a backslash or a control character is found
    /// wherever it falls in a word, in strings of every length around a word's.
    @Test func everyQuoteEscapeAndControlIsFoundWhereverItFalls() throws {
        for before in 0..<20 {
            for after in 0..<12 {
                let (head, tail) = (String(repeating: "é", count: before % 3) + String(repeating: "a", count: before), String(repeating: "b", count: after))
                #expect(try JSONValue.parse(#""\#(head)\"\#(tail)""#) == .string(head + "\"" + tail))
                #expect(try JSONValue.parse(#""\#(head)\\\#(tail)""#) == .string(head + "\\" + tail))
                #expect(try JSONValue.parse(#"["\#(head)","\#(tail)"]"#) == .array([.string(head), .string(tail)]))
                for control: UInt8 in [0x00, 0x01, 0x0A, 0x1F] {
                    #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(Array("\"\(head)".utf8) + [control] + Array("\(tail)\"".utf8)) }
                }
                #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(#""\#(head)\#(tail)"#) }
            }
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect {
            try JSONValue.parse(deep)
        } throws: { error in
            (error as? JSONSyntaxError)?.message.contains("nesting deeper than") == true
        }
    }

    @Test func errorsNameLineAndColumn() {
        do {
            _ = try JSONValue.parse("{\n  \"a\": tru\n}")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 2)
            #expect(error.column == 8)
        }
    }

    @Test func prettyPrintingKeepsMemberOrder() {
        let text = PrettyJSON.format(Array(#"{"z":1,"a":[],"m":{"k":"v,{"}}"#.utf8))
        #expect(text == "{\n  \"z\": 1,\n  \"a\": [],\n  \"m\": {\n    \"k\": \"v,{\"\n  }\n}")
    }
}
