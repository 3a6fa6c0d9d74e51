import DecisionLog
import Testing

/// Input built to break parsers — a 10 MB line, JSON nested 10,000 deep, NUL bytes, invalid UTF-8, numbers
/// beyond Int64 and Double — gets a clear error naming the problem, status 65, and leaves the log unchanged,
/// whether it comes as a draft on standard input or as a file to import. (Tools/fuzz/run.sh throws millions of
/// generated inputs at the same parsers.)
struct HostileInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let draft: [UInt8]
        let message: String
        /// The message for the same line in a file to import, when it differs (a file is read a part at a
        /// time, and a line longer than any draft needs is refused unread).
        var importMessage: String? = nil
        var testDescription: String { name }
    }

    private static func goal(payload: String) -> [UInt8] { goal(payload: Array(payload.utf8)) }

    private static func goal(payload: [UInt8]) -> [UInt8] {
        Array(#"{"type":"goal.set","subject":"goal/x","actor":{"name":"Dana Reyes","role":"CMO"},"payload":"#.utf8) + payload + Array("}".utf8)
    }

    /// A goal whose title holds `bytes` between "a" and "b".
    private static func goal(titleHolding bytes: [UInt8]) -> [UInt8] {
        goal(payload: Array(#"{"title":"a"#.utf8) + bytes + Array(#"b","timeframe":"2025"}"#.utf8))
    }

    static let cases: [Case] = [
        Case(name: "a 10 MB line", draft: goal(payload: #"{"title":""# + String(repeating: "x", count: 10_000_000) + #"","timeframe":"2025"}"#),
             message: "payload.title: is 10000000 characters long; at most 10000 are allowed",
             importMessage: "the line takes 10000123 bytes; no draft needs more than 8 MiB (its event may take at most 1 MiB): shorten its texts"),
        Case(name: "JSON nested 10,000 levels deep", draft: goal(payload: String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)),
             message: "nesting deeper than 64 levels; flatten the document"),
        Case(name: "a NUL byte", draft: goal(titleHolding: [0]),
             message: "a raw control character (a NUL byte) inside a string"),
        Case(name: "invalid UTF-8", draft: goal(titleHolding: [0xFF, 0xFE]),
             message: "invalid UTF-8"),
        Case(name: "an integer beyond Int64", draft: goal(payload: #"{"title":"a","timeframe":"2025","target":99999999999999999999999}"#),
             message: "the integer 99999999999999999999999 is too large to store exactly"),
        Case(name: "a number beyond Double", draft: goal(payload: #"{"title":"a","timeframe":"2025","target":1e400}"#),
             message: "the number 1e400 is beyond the range of a 64-bit float"),
    ]

    @Test(arguments: cases)
    func aDraftOnStandardInput(_ testCase: Case) throws {
        let workspace = Workspace().seeded()
        let before = workspace.logBytes()
        let result = workspace.run(["add", "--json", "-"], input: testCase.draft)
        #expect(result.status == 65)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.hasPrefix("Error: ") && result.stderr.contains(testCase.message), "\(result.stderr.prefix(300))")
        #expect(workspace.logBytes() == before)
    }

    @Test(arguments: cases)
    func aLineOfAFileToImport(_ testCase: Case) throws {
        let workspace = Workspace().seeded()
        let valid = #"{"type":"goal.set","subject":"goal/y","payload":{"title":"Fine","timeframe":"2025"}}"#
        try FileSystem.replaceFile(Paths.join(workspace.path, "drafts.jsonl"),
                                   with: Array((valid + "\n").utf8) + testCase.draft + Array(("\n" + valid + "\n").utf8), durable: false)
        let before = workspace.logBytes()
        let result = try Harness.launch(["import", "drafts.jsonl"], in: workspace.path)
        #expect(result.status == 65)
        #expect(result.stderrLines.first == "Error: drafts.jsonl: 1 of 3 drafts is invalid; nothing was imported")
        #expect(result.stderrLines.dropFirst().first?.hasPrefix("  line 2") == true)
        #expect(result.stderr.contains(testCase.importMessage ?? testCase.message), "\(result.stderr.prefix(300))")
        #expect(workspace.logBytes() == before)
    }

    @Test func aTenMegabyteLineInTheLogIsNamedNotRead() throws {
        let workspace = Workspace().seeded()
        let events = Paths.join(workspace.log, "events.jsonl")
        let bytes = try FileSystem.readFile(events) + Array(String(repeating: "x", count: 10_000_000).utf8) + [0x0A]
        try FileSystem.replaceFile(events, with: bytes, durable: false)
        for command in [["verify"], ["log"], ["show", "launches"]] {
            let result = try Harness.launch(command, in: workspace.path)
            #expect(result.status == 2, "\(command)")
            #expect(result.stderr.contains("line 4") && result.stderr.contains("longer than 1048576 bytes"), "\(command): \(result.stderr)")
        }
        #expect(try FileSystem.readFile(events) == bytes)
    }

    @Test func aTimeExpressionOfAMillionCharactersIsAUsageError() throws {
        let workspace = Workspace().seeded()
        let before = workspace.logBytes()
        let result = workspace.run(["show", "launches", "--as-of", String(repeating: "9", count: 1_000_000)])
        #expect(result.status == 64)
        #expect(result.stderrLines.first?.hasPrefix("Error: The value '") == true)
        #expect(result.stderrLines.first!.count < 400, "the error quotes a megabyte back")
        #expect(workspace.logBytes() == before)
    }

    @Test(arguments: ["9999", "9999\u{0B}\u{0B}", "9999-Q4", "9999-12"])
    func aPointAtTheCalendarsEndIsAnswered(point: String) throws {
        let workspace = Workspace().seeded()
        let result = workspace.run(["show", "launches", "--as-of", point])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("LAUNCHES as of end of 9999"), "\(result.stdout)")
    }
}
