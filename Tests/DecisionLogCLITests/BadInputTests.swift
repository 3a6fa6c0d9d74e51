import DecisionLog
import Testing

/// Every bad input gets one clear error line, a documented non-zero status, and leaves the log byte for byte
/// as it was.
struct BadInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let arguments: [String]
        var input: [UInt8] = []
        var environment: [String: String] = [:]
        let status: Int32
        let message: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "unknown event type", arguments: ["add", "launch.slipd", "--subject", "launch/atlas", "--date", "2025-09-22"],
             status: 65, message: #"unknown event type "launch.slipd"; did you mean "launch.slipped"?"#),
        Case(name: "unknown option", arguments: ["add", "launch.slipped", "--subject", "launch/atlas", "--datee", "2025-09-22"],
             status: 64, message: "Unknown option '--datee'. Did you mean '--date'?"),
        Case(name: "missing required field", arguments: ["add", "launch.slipped", "--subject", "launch/atlas"],
             status: 65, message: "payload.date: missing; expected a date (YYYY-MM-DD)"),
        Case(name: "wrong type", arguments: ["add", "goal.set", "--subject", "goal/q4", "--title", "T", "--timeframe", "2025-Q4", "--target", "fast"],
             status: 65, message: #"payload.target: expected a number, got "fast""#),
        Case(name: "wrong date format", arguments: ["add", "launch.slipped", "--subject", "launch/atlas", "--date", "2025-13-45"],
             status: 65, message: "month 13 is not between 1 and 12"),
        Case(name: "wrong effective time", arguments: ["add", "launch.shipped", "--subject", "launch/atlas", "--date", "2025-09-24", "--effective", "2025-02-30"],
             status: 65, message: "effectiveAt: expected a date or date-time"),
        Case(name: "malformed JSON on stdin", arguments: ["add", "--json", "-"], input: Array(#"{"type": "goal.set", "#.utf8),
             status: 65, message: "malformed JSON"),
        Case(name: "invalid UTF-8 on stdin", arguments: ["add", "--json", "-"],
             input: Array(#"{"type":"goal.set","subject":"goal/x","payload":{"title":""#.utf8) + [0xC3, 0x28] + Array(#"","timeframe":"2025"}}"#.utf8),
             status: 65, message: "invalid UTF-8"),
        Case(name: "NUL byte on stdin", arguments: ["add", "--json", "-"], input: Array(#"{"type":"goal.set","#.utf8) + [0] + Array("}".utf8),
             status: 65, message: "NUL byte"),
        Case(name: "deeply nested JSON", arguments: ["add", "--json", "-"],
             input: Array((String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)).utf8),
             status: 65, message: "nesting deeper than"),
        Case(name: "a draft that is not an object", arguments: ["add", "--json", "[1,2]"], status: 65, message: "a draft must be a JSON object"),
        Case(name: "no actor", arguments: ["add", "goal.set", "--subject", "goal/x", "--title", "X", "--timeframe", "2025", "--log", "bare/.decisionlog"],
             environment: ["XDG_CONFIG_HOME": "/nonexistent"], status: 65, message: "a decision with no decider is not recorded"),
        // The domain's rules (issue: answers you can trust).
        Case(name: "closing a goal that is not there", arguments: ["add", "goal.closed", "--subject", "goal/q3-pipelin", "--outcome", "achieved"],
             status: 65, message: "goal.closed of goal/q3-pipelin: goal/q3-pipelin is not a goal in this log (no goal.set); did you mean goal/q3-pipeline?"),
        Case(name: "a slip before the launch was scheduled", arguments: ["add", "launch.slipped", "--subject", "launch/atlas", "--date", "2025-10-01", "--effective", "2025-06-01"],
             status: 65, message: "launch.slipped of launch/atlas: moves launch/atlas, which is not scheduled by then"),
        Case(name: "a back-dated schedule retraction under later moves", arguments: ["add", "event.retracted", "--event", "#1", "--reason", "Wrong"],
             status: 65, message: "with it, #2 (launch.slipped, effective 2025-08-11) would break the log's rules — moves launch/atlas, which is not scheduled by then"),
        Case(name: "a supersession by a decision that does not exist", arguments: ["add", "decision.superseded", "--subject", "decision/a", "--by", "decision/b"],
             status: 65, message: "decision/a is not a decision in this log (no decision.recorded)"),
        Case(name: "an actual of an undefined metric", arguments: ["add", "metric.recorded", "--subject", "metric/nps", "--value", "40", "--period", "2025-Q3"],
             status: 65, message: "metric/nps is not a defined metric; define it first (metric.defined)"),
        Case(name: "a decider one typo from a known person", arguments: ["add", "goal.set", "--subject", "goal/y", "--title", "Y", "--timeframe", "2025", "--actor", "Dana Reyse", "--role", "CMO"],
             status: 65, message: "actor.name: \"Dana Reyse\" is new to this log and close to Dana Reyes, whom it knows; did you mean Dana Reyes?"),
        Case(name: "a log folder that does not exist", arguments: ["add", "launch.shipped", "--subject", "launch/atlas", "--date", "2025-09-24", "--log", "missing"],
             status: 66, message: "run 'decisionlog init --log missing' to create one there"),
        Case(name: "init where a log exists", arguments: ["init"], status: 73, message: "a decision log already exists"),
        Case(name: "an expected version that does not match", arguments: ["add", "launch.slipped", "--subject", "launch/atlas", "--date", "2025-09-29", "--expect-version", "1"],
             status: 3, message: "launch/atlas has 2 events, not the 1 expected"),
        Case(name: "a subject of the wrong kind", arguments: ["add", "launch.slipped", "--subject", "goal/q3-pipeline", "--date", "2025-09-29"],
             status: 65, message: "a launch.slipped event is about a launch"),
        Case(name: "a retraction of a missing event", arguments: ["add", "event.retracted", "--event", "#99", "--reason", "wrong"],
             status: 65, message: "no event #99 in this log"),
        Case(name: "a type mismatch between JSON and arguments", arguments: ["add", "goal.set", "--json", #"{"type":"goal.closed"}"#],
             status: 65, message: "the draft's type is goal.closed but the command line says goal.set"),
        Case(name: "a missing option value", arguments: ["add", "launch.slipped", "--subject"], status: 64, message: "Missing value for '--subject <subject>'"),
        Case(name: "a bad expected version", arguments: ["add", "launch.shipped", "--subject", "launch/atlas", "--date", "2025-09-24", "--expect-version", "two"],
             status: 64, message: "invalid for '--expect-version'"),
        Case(name: "a bad time filter", arguments: ["log", "--since", "2025-13-01"], status: 64, message: "invalid for '--since': month 13"),
        Case(name: "an unknown format", arguments: ["log", "--format", "jsnl"], status: 64, message: "Did you mean 'jsonl'?"),
        Case(name: "an unknown type filter", arguments: ["log", "--type", "lanch"], status: 64, message: "Did you mean 'launch'?"),
        Case(name: "a missing event", arguments: ["show", "#42"], status: 65, message: "no event #42 in this log"),
        Case(name: "an effective time past year 9999", arguments: ["add", "launch.shipped", "--subject", "launch/atlas", "--date", "2025-09-24", "--effective", "9999-12-31T23:59-18:00"],
             status: 65, message: "outside the years 0001–9999"),
        Case(name: "an effective time before year 1", arguments: ["add", "launch.shipped", "--subject", "launch/atlas", "--date", "2025-09-24", "--effective", "0001-01-01T00:00+14:00"],
             status: 65, message: "outside the years 0001–9999"),
        Case(name: "a name without a role", arguments: ["add", "launch.shipped", "--subject", "launch/atlas", "--date", "2025-09-24", "--actor", "Lee Park"],
             status: 65, message: "a decider needs a name and a role, but --actor and --role give only the name"),
        Case(name: "an environment name without a role", arguments: ["add", "launch.shipped", "--subject", "launch/atlas", "--date", "2025-09-24"],
             environment: ["DECISIONLOG_ACTOR": "Lee Park"], status: 65, message: "DECISIONLOG_ACTOR and DECISIONLOG_ROLE give only the name"),
        Case(name: "a malformed actor in a draft", arguments: ["add", "--json", #"{"type":"launch.shipped","subject":"launch/atlas","actor":5,"payload":{"date":"2025-09-24"}}"#],
             environment: ["DECISIONLOG_ACTOR": "Lee Park", "DECISIONLOG_ROLE": "CPO"], status: 65, message: "actor: expected an object with name and role, got a number"),
        Case(name: "a list that names nobody", arguments: ["add", "decision.recorded", "--subject", "decision/x", "--title", "T", "--status", "accepted", "--deciders", ", ,"],
             status: 65, message: "payload.deciders: expected a list of non-empty texts, got \", ,\""),
        Case(name: "a decision superseding itself", arguments: ["add", "decision.superseded", "--subject", "decision/x", "--by", "decision/x"],
             status: 65, message: "a decision cannot supersede itself"),
        Case(name: "a dry run against a stale version", arguments: ["add", "launch.slipped", "--subject", "launch/atlas", "--date", "2025-09-29", "--expect-version", "7", "--dry-run"],
             status: 3, message: "not the 7 expected"),
        Case(name: "payload options without a type", arguments: ["add", "--json", "-", "--date", "2025-09-24"], input: Array("{}".utf8),
             status: 64, message: "payload options need the event type on the command line"),
        Case(name: "a root option typo", arguments: ["--versio"], status: 64, message: "Unknown option '--versio'. Did you mean '--version'?"),
        Case(name: "an unknown view", arguments: ["show", "launchs"], status: 64, message: "Unknown view 'launchs'. Did you mean 'launches'?"),
        Case(name: "a bad as-of point", arguments: ["show", "launches", "--as-of", "2025-Q5"], status: 64, message: "invalid for '--as-of'"),
        Case(name: "an as-of seq past the log", arguments: ["show", "launches", "--as-of", "#999"], status: 65, message: "there is no event #999 in the log (it ends at #3)"),
        Case(name: "a bad known-at point", arguments: ["blame", "launches", "--known-at", "tomorrow"], status: 64, message: "invalid for '--known-at'"),
        Case(name: "a diff with one moment", arguments: ["diff", "2025-Q2"], status: 64, message: "Missing expected argument '<to>'"),
        Case(name: "a diff of an unknown view", arguments: ["diff", "2025-Q2", "2025-Q3", "--view", "kpi"], status: 64, message: "Did you mean 'kpis'?"),
        Case(name: "the history of a subject with no events", arguments: ["history", "launch/nope"], status: 65, message: "no events about launch/nope"),
        Case(name: "the history of a malformed subject", arguments: ["history", "Launch/x"], status: 64, message: "'Launch/x' is not a subject"),
        Case(name: "blame of the timeline", arguments: ["blame", "timeline"], status: 64, message: "the timeline is the events themselves — use 'decisionlog log'"),
        Case(name: "a known-at seq past the log", arguments: ["show", "launches", "--known-at", "#999"], status: 65, message: "there is no event #999 in the log (it ends at #3)"),
        Case(name: "view options on an event", arguments: ["show", "2", "--as-of", "2025-Q2"], status: 64, message: "'--as-of' applies to views"),
        Case(name: "--log without a path", arguments: ["--log"], status: 64, message: "Missing value for '--log <path>'"),
    ]

    @Test(arguments: cases)
    func isRefusedClearlyAndChangesNothing(_ testCase: Case) throws {
        let workspace = Workspace().seeded()
        _ = Harness.run(["init", "--log", "bare/.decisionlog"], in: workspace.path)
        let before = workspace.logBytes()
        let bareBefore = try FileSystem.readFile(Paths.join(workspace.path, "bare/.decisionlog/events.jsonl"))
        let result = workspace.run(testCase.arguments, environment: testCase.environment, input: testCase.input)
        #expect(result.status == testCase.status)
        #expect(result.stdout.isEmpty)
        let lines = result.stderrLines
        #expect(lines.first?.hasPrefix("Error: ") == true)
        #expect(lines.first?.contains(testCase.message) == true, "stderr was: \(result.stderr)")
        // Usage errors add swift-argument-parser's usage and help lines; every other error is one line.
        #expect(lines.count == (testCase.status == 64 ? 3 : 1), "stderr was: \(result.stderr)")
        #expect(workspace.logBytes() == before)
        #expect(try FileSystem.readFile(Paths.join(workspace.path, "bare/.decisionlog/events.jsonl")) == bareBefore)
    }

    @Test func aBrokenLogRefusesAppendsAndSaysHowToFindOutMore() throws {
        let workspace = Workspace().seeded()
        let events = Paths.join(workspace.log, "events.jsonl")
        var bytes = try FileSystem.readFile(events)
        bytes[bytes.firstIndex(of: UInt8(ascii: "A"))!] = UInt8(ascii: "B")  // "Atlas GA" → "Btlas GA"
        try FileSystem.replaceFile(events, with: bytes, durable: false)
        let result = workspace.run(["add", "launch.shipped", "--subject", "launch/atlas", "--date", "2025-09-24"])
        #expect(result.status == 2)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.contains("event #1 (line 1)"))
        #expect(result.stderr.contains("run 'decisionlog verify' for details; nothing was written"))
        #expect(try FileSystem.readFile(events) == bytes)
        let verify = workspace.run(["verify"])
        #expect(verify.status == 2)
        #expect(verify.stderr == "Error: verification failed at event #1 (line 1): its bytes do not match its hash: the event was changed after it was sealed\n")
    }

    @Test func severalProblemsAreAllReported() {
        let workspace = Workspace().seeded()
        let before = workspace.logBytes()
        let result = workspace.run(["add", "goal.set", "--subject", "goal/q4", "--title", " ", "--timeframe", "2025-Q5", "--target", "fast", "--unit", "pct"])
        #expect(result.status == 65)
        #expect(result.stderrLines == [
            "Error: invalid goal.set (4 problems): payload.target: expected a number, got \"fast\"; "
                + "payload.timeframe: expected a timeframe (2025, 2025-H2, 2025-Q3 or 2025-09), got \"2025-Q5\": quarter 5 is not between 1 and 4; "
                + "payload.unit: expected one of percent, count, currency, days, weeks, months, ratio, got \"pct\"; "
                + "payload.title: must not be empty; nothing was written",
        ])
        #expect(workspace.logBytes() == before)
    }
}
