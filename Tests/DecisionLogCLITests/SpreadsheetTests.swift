import DecisionLog
import Testing

/// A team's spreadsheet of decisions: refused whole with every bad row named, imported once fixed, and given
/// back by `export` in the forms the team uses.
struct SpreadsheetTests {
    static let fixtures = Paths.join(Paths.parent(of: #filePath), "Fixtures")
    /// The team's own column names, renamed to the log's fields.
    static let mappings = ["Date=effective", "Decision type=type", "Decided by=actor", "Launch date=date", "Priority=to",
                           "Superseded by=by", "Retracts=event", "Why=reason", "Ref=id", "Notes="].flatMap { ["--map", $0] }

    private func emptyLog() -> Workspace {
        let workspace = Workspace()
        #expect(workspace.run(["init", "--time-zone", "Europe/Berlin", "--fiscal-year-start", "january"]).status == 0)
        return workspace
    }

    @Test func theTeamsSpreadsheetIsRefusedWithEveryBadRowNamedAndTheLogUnchanged() throws {
        let workspace = emptyLog()
        #expect(workspace.run(["add", "goal.set", "--subject", "goal/x", "--title", "X", "--timeframe", "2025", "--actor", "A", "--role", "CMO"]).status == 0)
        let before = workspace.logBytes()
        let result = workspace.run(["import", Paths.join(SpreadsheetTests.fixtures, "team-decisions.csv")] + SpreadsheetTests.mappings)
        #expect(result.status == 65)
        let lines = result.stderrLines
        #expect(lines.first?.hasSuffix("team-decisions.csv: 6 of 200 drafts are invalid; nothing was imported") == true)
        #expect(lines.dropFirst() == [
            #"  line 24: payload.to: expected one of must, should, could, wont, got "Must have""#,
            "  line 55: subject: missing; expected what the event is about, e.g. feature/sso",
            #"  line 57: type: unknown event type "launch.sliped"; did you mean "launch.slipped"?"#,
            #"  line 71: column 'Target': '4,5' is not a number here: this file writes decimals with a point (4.5) and may group thousands with commas (8,400)"#,
            #"  line 92: payload.date: expected a date (YYYY-MM-DD), got "2025-09-31": day 31 is not between 1 and 30 for that month"#,
            #"  line 118: payload.timeframe: expected a timeframe (2025, 2025-H2, 2025-Q3 or 2025-09), got "Q3 2025": not a timeframe; use a year (2025), half (2025-H2), quarter (2025-Q3) or month (2025-09)"#,
        ])
        #expect(workspace.logBytes() == before)
    }

    /// A file that can be read only once — a pipe, process substitution — is read whole, as standard input is.
    @Test func aPipeImportsAsAFileDoes() throws {
        let workspace = emptyLog()
        try workspace.write("drafts.jsonl", (1...3).map { #"{"type":"goal.set","subject":"goal/p\#($0)","actor":{"name":"A","role":"CMO"},"payload":{"title":"P","timeframe":"2025"}}"# }.joined(separator: "\n"))
        let result = try Harness.launch(shell: #"bash -c '"$DECISIONLOG" import <(cat drafts.jsonl)'"#, in: workspace.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Imported 3 events (#1–#3) from /dev/fd/"))
    }

    @Test func fixedItImportsAndAnExportImportsBackIntoAnotherLogAsTheSameDecisions() throws {
        let workspace = emptyLog()
        let fixed = Paths.join(SpreadsheetTests.fixtures, "team-decisions-fixed.csv")
        let dryRun = workspace.run(["import", fixed, "--dry-run"] + SpreadsheetTests.mappings)
        #expect(dryRun.stdout.hasPrefix("Would import 200 events (#1–#200)"))
        #expect(workspace.logBytes()["events.jsonl"] == [])
        #expect(workspace.run(["import", fixed] + SpreadsheetTests.mappings).stdout.hasPrefix("Imported 200 events (#1–#200)"))
        #expect(workspace.run(["verify"]).status == 0)
        let launches = workspace.run(["show", "launches", "--format", "csv"]).stdout
        #expect(launches.contains("launch/atlas,Atlas GA,2025-04-15,2025-06-12,2,1,"))
        #expect(workspace.run(["show", "decisions", "--subject", "decision/atlas-pricing", "--format", "csv"]).stdout.contains("superseded"))

        // Retried, every row's id is already there: nothing is written twice.
        #expect(workspace.run(["import", fixed] + SpreadsheetTests.mappings).stdout == "Nothing to import: all 200 drafts are already in the log\n")

        let export = workspace.run(["export", "--format", "csv", "-o", "all.csv"])
        #expect(export.status == 0 && export.stderr == "Exported 200 events to all.csv\n")
        let other = Workspace()
        #expect(other.run(["init", "--time-zone", "Europe/Berlin"]).status == 0)
        #expect(other.run(["import", Paths.join(workspace.path, "all.csv")]).status == 0)
        func decisions(_ workspace: Workspace) throws -> [JSONValue] {
            try workspace.run(["export"]).stdout.split(separator: "\n").map { line in
                var members = try JSONValue.parse(Array(line.utf8)).objectValue!
                for sealed in ["seq", "recordedAt", "recordedBy", "prev", "hash"] { members[sealed] = nil }
                return .object(members)
            }
        }
        #expect(try decisions(other) == decisions(workspace))
    }

    @Test func exportWritesTheFormatsTeamsPasteAndAFilterChoosesTheEvents() throws {
        let workspace = Workspace().seeded()
        #expect(workspace.run(["export", "--subject", "launch/", "--format", "markdown"]).stdout == """
            | Seq | Effective | Type | Subject | Actor | What and why |
            |---|---|---|---|---|---|
            | #1 | 2025-07-01 | launch.scheduled | launch/atlas | Dana Reyes (CMO) | Atlas GA on 2025-09-01 |
            | #2 | 2025-08-11 | launch.slipped | launch/atlas | Lee Park (CPO) | → 2025-09-22 — Security review |

            """)
        let lines = workspace.run(["export", "--type", "goal"]).stdout
        #expect(lines == String(decoding: try FileSystem.readFile(Paths.join(workspace.log, "events.jsonl")), as: UTF8.self)
            .split(separator: "\n").last.map { $0 + "\n" })
        #expect(workspace.run(["export", "launches", "--format", "jsonl"]).stdout.hasPrefix(#"{"launch":"launch/atlas","name":"Atlas GA","first":"2025-09-01","current":"2025-09-22","#))
        #expect(workspace.run(["export", "launches", "-o", "launches.md"]).status == 0)
        #expect(String(decoding: try FileSystem.readFile(Paths.join(workspace.path, "launches.md")), as: UTF8.self).hasPrefix("**launches** as of now\n\n| Launch |"))
    }

    @Test(arguments: [
        (["export", "--as-of", "2025-Q3"], 64, "'--as-of' applies to a view"),
        (["export", "launches", "--type", "goal"], 64, "'--type' chooses events"),
        (["export", "launchs"], 64, "Unknown view 'launchs'. Did you mean 'launches'?"),
        (["export", "--format", "xml"], 64, "The value 'xml' is invalid for '--format'"),
        (["export", "-o", "/nonexistent/folder/out.csv"], 74, "cannot write /nonexistent/folder/out.csv"),
    ])
    func badExportsAreOneClearErrorAndChangeNothing(arguments: [String], status: Int32, message: String) {
        Workspace().seeded().expectRefused(arguments, status: status, message: message)
    }

    @Test(arguments: [
        ("type,subject,title,timeframe\ngoal.set,goal/a,\"Open quote,2025\n", [String](), 65, "bad.csv is not readable as CSV: line 2: a quoted field is not closed"),
        ("category,subject\ngoal.set,goal/a\n", [], 65, "bad.csv: the header row has 2 problems; nothing was read from it"),
        ("type,subject,title,timeframe\ngoal.set,goal/a,Grow, pipeline,2025\n", [], 65, "line 2: the row has 5 fields but the header has 4"),
        ("type,subject,title,timeframe\n", [], 65, "bad.csv holds no rows below its header"),
        ("type,subject\ngoal.set,goal/a\n", ["--map", "nothing"], 64, "The value 'nothing' is invalid for '--map'"),
        ("type,subject\ngoal.set,goal/a\n", ["--format", "jsonl", "--map", "a=b"], 64, "'--map' is for CSV files"),
    ])
    func badSpreadsheetsAreRefusedWholeAndChangeNothing(text: String, options: [String], status: Int32, message: String) throws {
        let workspace = Workspace().seeded()
        try workspace.write("bad.csv", text)
        let before = workspace.logBytes()
        let result = workspace.run(["import", "bad.csv"] + options)
        #expect(result.status == status)
        #expect(result.stderr.contains(message))
        #expect(workspace.logBytes() == before)
    }

    @Test func aSemicolonSpreadsheetFromStandardInputImportsWithTheDefaultDecider() throws {
        let workspace = Workspace().seeded()
        let csv = "\u{FEFF}Type;Subject;Launch date;Why\r\nlaunch.slipped;launch/atlas;2025-10-06;\"Pen-test; findings\"\r\n"
        let result = workspace.run(["import", "-", "--map", "Launch date=date", "--map", "Why=reason"], input: Array(csv.utf8))
        #expect(result.stdout.hasPrefix("Imported 1 event (#4) from standard input"))
        #expect(workspace.run(["show", "4"]).stdout.contains("Dana Reyes (CMO)"))
        #expect(workspace.run(["show", "4"]).stdout.contains("Pen-test; findings"))
    }
}
