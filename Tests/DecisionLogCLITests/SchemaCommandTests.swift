import DecisionLog
import Foundation
import Testing

/// `schema add | list | show | check` and `import`, through the command line: a team-defined type from
/// registration to every view, and files of drafts checked and imported all or none.
struct SchemaCommandTests {
    static let pricingSchema = #"""
    {
      "$id": "urn:decisionlog:type:pricing.changed:1",
      "title": "pricing.changed v1",
      "description": "A plan's list price changed.",
      "x-subject-kind": "plan",
      "x-requires-reason": true,
      "type": "object",
      "required": ["price", "currency"],
      "additionalProperties": false,
      "properties": {
        "price": {"description": "The new monthly list price.", "type": "number", "minimum": 0},
        "currency": {"description": "ISO 4217 code.", "type": "string", "pattern": "^[A-Z]{3}$"},
        "annual": {"description": "Billed yearly.", "type": "boolean"}
      },
      "examples": [{"price": 49, "currency": "EUR"}]
    }
    """#

    /// A seeded log with pricing.changed registered (as #4).
    static func registered() throws -> Workspace {
        let workspace = Workspace().seeded()
        try workspace.write("pricing.json", pricingSchema)
        let result = workspace.run(["schema", "add", "pricing.json", "--reason", "Track list prices", "--effective", "2025-07-01"])
        #expect(result.status == 0, "\(result.stderr)")
        return workspace
    }

    @Test func aTeamTypeWorksEndToEnd() throws {
        let workspace = try Self.registered()
        #expect(workspace.run(["schema", "list"]).stdout.contains("pricing.changed      v1        #4 2025-07-01 Dana Reyes (CMO)  A plan's list price changed."))

        let help = workspace.run(["add", "pricing.changed", "--help"])
        #expect(help.stdout.contains("PRICING.CHANGED OPTIONS:\n  --annual <true|false>   Billed yearly.\n  --currency <text>       (required) ISO 4217 code.\n  --price <number>        (required) The new monthly list price.\n"))
        #expect(help.stdout.contains("USAGE: decisionlog add pricing.changed --subject <subject> --currency <text> --price <number> [<options>]"))

        let first = workspace.run(["add", "pricing.changed", "--subject", "plan/pro", "--price", "49", "--currency", "EUR", "--reason", "Launch price", "--effective", "2025-08-01"])
        #expect(first.stdout.hasPrefix("Recorded #5 pricing.changed on plan/pro, effective 2025-08-01"), "\(first.stderr)")
        let second = workspace.run(["add", "pricing.changed", "--subject", "plan/pro", "--price", "59", "--currency", "EUR", "--annual", "true", "--reason", "Q4 increase", "--effective", "2025-10-01"])
        #expect(second.status == 0, "\(second.stderr)")

        let log = workspace.run(["log", "--type", "pricing.changed"])
        #expect(log.stdout.contains("#5   2025-08-01  pricing.changed  plan/pro  Dana Reyes (CMO)  currency EUR · price 49 — Launch price"), "\(log.stdout)")
        #expect(workspace.run(["log", "--type", "pricing"]).stdout.contains("#6"))
        #expect(workspace.run(["log", "--type", "pricing.chanegd"]).stderr.contains("Did you mean 'pricing.changed'?"))

        #expect(workspace.run(["show", "fields", "--as-of", "2025-09-01"]).stdout == """
            FIELDS as of end of 2025-09-01

            SUBJECT   FIELD     VALUE  TYPE             CHANGED     BY
            plan/pro  currency  EUR    pricing.changed  2025-08-01  Dana Reyes (CMO)
            plan/pro  price     49     pricing.changed  2025-08-01  Dana Reyes (CMO)

            """)
        let diff = workspace.run(["diff", "2025-Q3", "2025-Q4"])
        #expect(diff.stdout.contains("FIELDS (1 changed, 1 added)\n   SUBJECT          WHAT CHANGED\n~  plan/pro price   49 → 59\n+  plan/pro annual  annual · yes · pricing.changed\n"), "\(diff.stdout)")
        let history = workspace.run(["history", "plan/pro"])
        #expect(history.stdout.contains("annual yes; price 49 → 59"), "\(history.stdout)")
        #expect(workspace.run(["show", "timeline"]).stdout.contains("pricing.changed v1: A plan's list price changed. — Track list prices"))
        #expect(workspace.run(["blame", "fields"]).status == 0)
        #expect(workspace.run(["verify"]).stdout.hasPrefix("Verified 6 events"))
        // A log with no team events leaves the fields view out of a default diff.
        #expect(!Workspace().seeded().run(["diff", "2025-Q2", "2025-Q3"]).stdout.contains("fields"))
    }

    @Test func aRegisteredSchemaIsShownAsRegisteredAndABuiltInOneAsItsFile() throws {
        let workspace = try Self.registered()
        let shown = workspace.run(["schema", "show", "pricing.changed"])
        #expect(try JSONValue.parse(Array(shown.stdout.utf8)) == JSONValue.parse(Array(Self.pricingSchema.utf8)))
        let builtIn = workspace.run(["schema", "show", "goal.set", "--version", "1"])
        #expect(builtIn.stdout == BuiltInSchemas.text(at: "types/goal.set.v1.schema.json"))
        #expect(workspace.run(["schema", "show", "goal.set", "--version", "4"]).stderr.contains("goal.set has v1, v2, v3"))
        let json = try JSONValue.parse(Array(workspace.run(["schema", "list", "--format", "json"]).stdout.utf8))
        let team = try #require(json.arrayValue?.first { $0.objectValue?["type"] == "pricing.changed" }?.objectValue)
        #expect(team["builtIn"] == false)
        #expect(team["versions"] == [1])
        #expect(team["registeredBy"]?.objectValue?["seq"] == 4)
    }

    @Test func registeringTheSameSchemaAgainIsANoOpAndAChangedOneNeedsTheNextVersion() throws {
        let workspace = try Self.registered()
        let before = workspace.logBytes()
        let again = workspace.run(["schema", "add", "pricing.json"])
        #expect(again.status == 0)
        #expect(again.stdout == "pricing.changed v1 is already registered as #4, with this same schema; nothing was written\n")
        try workspace.write("changed.json", Self.pricingSchema.replacingOccurrences(of: "\"minimum\": 0", with: "\"minimum\": 1"))
        let changed = workspace.run(["schema", "add", "changed.json"])
        #expect(changed.status == 65)
        #expect(changed.stderr.contains("pricing.changed v1 is already registered by #4 with a different schema, and a registered version never changes; register this one as v2"))
        #expect(workspace.logBytes() == before)
        try workspace.write("v2.json", #"{"type":"object","properties":{"price":{"type":"number"}}}"#)
        #expect(workspace.run(["schema", "add", "v2.json", "--type", "pricing.changed"]).stdout.hasPrefix("Registered pricing.changed v2 (fields: price) as #5"))
        // Without an $id the latest version is compared: the same file again is a no-op too.
        let afterV2 = workspace.logBytes()
        #expect(workspace.run(["schema", "add", "v2.json", "--type", "pricing.changed"]).stdout
                == "pricing.changed v2 is already registered as #5, with this same schema; nothing was written\n")
        #expect(workspace.logBytes() == afterV2)
        #expect(workspace.run(["schema", "--log", ".decisionlog", "list"]).stdout.contains("v1–v2"))
    }

    static let mixedDrafts = """
        {"type":"pricing.changed","subject":"plan/team","reason":"Team tier","payload":{"price":99,"currency":"EUR"}}
        {"type":"pricing.changed","subject":"plan/pro","reason":"Typo","payload":{"price":"fast","currency":"eur","extra":1}}

        {"type":"launch.shipped","subject":"launch/atlas","payload":{"date":"2025-09-24"}}
        not json
        {"type":"pricing.chaged","subject":"plan/x","payload":{}}
        {"type":"event.retracted","subject":"launch/atlas","reason":"Wrong","payload":{"event":"01a20734-b9f8-70fe-ba38-e059a71affb2"}}
        {"type":"goal.set","subject":"goal/q4","payload":{"title":"Q4","timeframe":"2025-Q5","target":"high"},"seq":3}

        """

    @Test func checkListsEveryBadDraftAndImportRefusesTheWholeFileLeavingTheLogUnchanged() throws {
        let workspace = try Self.registered()
        try workspace.write("drafts.jsonl", Self.mixedDrafts)
        let before = workspace.logBytes()
        let expected = [
            #"line 2 (3 problems): payload.currency: expected a text matching ^[A-Z]{3}$, got "eur"; payload.extra: not a field of pricing.changed; payload.price: expected a number, got "fast""#,
            "line 5: malformed JSON at column 1: unexpected 'n'; expected a value; each line holds one JSON object",
            #"line 6: type: unknown event type "pricing.chaged"; did you mean "pricing.changed"?"#,
            "line 7: payload.event: no event with id 01a20734-b9f8-70fe-ba38-e059a71affb2 in this log",
            #"line 8 (3 problems): seq: is set by the log when the event is sealed; remove it from the draft; payload.target: expected a number, got "high"; payload.timeframe: expected a timeframe (2025, 2025-H2, 2025-Q3 or 2025-09), got "2025-Q5": quarter 5 is not between 1 and 4"#,
        ]
        let check = try Harness.launch(["schema", "check", "drafts.jsonl"], in: workspace.path)
        #expect(check.status == 65)
        #expect(check.stdout == expected.joined(separator: "\n") + "\n")
        #expect(check.stderr == "Error: drafts.jsonl: 5 of 7 drafts are invalid (nothing was written)\n")
        #expect(workspace.logBytes() == before)

        let imported = try Harness.launch(["import", "drafts.jsonl"], in: workspace.path)
        #expect(imported.status == 65)
        #expect(imported.stdout.isEmpty)
        #expect(imported.stderr == "Error: drafts.jsonl: 5 of 7 drafts are invalid; nothing was imported\n" + expected.map { "  " + $0 + "\n" }.joined())
        #expect(workspace.logBytes() == before)
    }

    @Test func aGoodFileIsImportedAsOneAppendAndARetryWithIDsIsANoOp() throws {
        let workspace = try Self.registered()
        let drafts = """
            {"id":"01a20734-0000-7000-8000-000000000001","type":"schema.registered","subject":"schema/deal.won","payload":{"type":"deal.won","version":1,"schema":{"type":"object","x-subject-kind":"deal","required":["amount"],"properties":{"amount":{"type":"number"}}}}}
            {"id":"01a20734-0000-7000-8000-000000000002","type":"deal.won","subject":"deal/acme","effectiveAt":"2025-09-03","payload":{"amount":120000}}
            {"id":"01a20734-0000-7000-8000-000000000003","type":"pricing.changed","subject":"plan/team","reason":"Team tier","actor":{"name":"Lee Park","role":"CPO"},"payload":{"price":99,"currency":"EUR"}}
            """
        try workspace.write("good.jsonl", drafts)
        #expect(workspace.run(["schema", "check", "good.jsonl"]).stdout == "good.jsonl: all 3 drafts are valid (nothing was written)\n")
        let dry = workspace.run(["import", "good.jsonl", "--dry-run"])
        #expect(dry.stdout == "Would import 3 events (#5–#7) from good.jsonl (dry run; nothing was written)\n")
        let imported = workspace.run(["import", "good.jsonl"])
        #expect(imported.stdout == "Imported 3 events (#5–#7) from good.jsonl\n", "\(imported.stderr)")
        let log = workspace.run(["log", "--format", "jsonl"]).stdout
        #expect(log.contains(#""type":"deal.won","schemaVersion":1,"#))
        #expect(log.contains(#""actor":{"name":"Lee Park","role":"CPO"}"#))
        #expect(log.contains(#""actor":{"name":"Dana Reyes","role":"CMO"},"recordedBy":"tester","subject":"deal/acme""#))
        let before = workspace.logBytes()
        #expect(workspace.run(["import", "good.jsonl"]).stdout == "Nothing to import: all 3 drafts are already in the log\n")
        #expect(workspace.logBytes() == before)
        #expect(workspace.run(["import", "-"], input: Array(drafts.replacingOccurrences(of: "120000", with: "1").utf8)).status == 3)
        #expect(workspace.logBytes() == before)
    }

    @Test(arguments: [
        (["schema", "add", "missing.json"], Int32(65), "cannot read missing.json: No such file or directory; check the path"),
        (["schema", "add", "-"], 65, "standard input is not JSON: malformed JSON at line 1, column 2"),
        (["schema", "add", "-", "--type", "goal.set"], 65, "cannot register goal.set: goal.set is a built-in type; a built-in type name cannot be redefined"),
        (["schema", "add", "-", "--type", "goal.archived"], 65, "cannot register goal.archived: the goal family belongs to the built-in types (goal.set, goal.closed); name the type in a family of its own, e.g. team-goal.archived"),
        (["schema", "add", "-", "--type", "Pricing"], 65, "cannot register Pricing: a type name is noun.verb in lowercase, e.g. pricing.changed"),
        (["schema", "add", "-", "--type", "deal.won"], 65, "payload.schema.properties.subject: a field cannot be called subject: the name belongs to the event's envelope or to 'decisionlog add'; rename it"),
        (["schema", "add", "-"], 65, "does not say which type it defines; pass --type <type>"),
        (["schema", "frobnicate"], 64, "Unknown subcommand 'frobnicate' of 'schema'"),
        (["schema", "show", "nope.nope"], 65, "unknown event type \"nope.nope\""),
        (["schema", "check", "-"], 65, "standard input holds no drafts"),
        (["import"], 64, "Missing expected argument '<file>'"),
        (["add", "deal.won", "--subject", "deal/x"], 65, "unknown event type \"deal.won\""),
        (["add", "goal.sett", "--log", "nowhere"], 65, "unknown event type \"goal.sett\"; did you mean \"goal.set\"?"),
        (["add", "event.retracted", "--event", "#4", "--reason", "Oops"], 65, "event #4 registers a schema, which events rely on; it cannot be retracted — register the next version instead"),
    ])
    func aBadSchemaCommandIsRefusedAndChangesNothing(arguments: [String], status: Int32, message: String) throws {
        let workspace = try Self.registered()
        let before = workspace.logBytes()
        let input: [UInt8] = switch arguments {
        case ["schema", "add", "-"] where message.contains("malformed"): Array("{,".utf8)
        case ["schema", "add", "-"]: Array(#"{"type":"object"}"#.utf8)
        case _ where arguments.contains("deal.won"): Array(#"{"type":"object","properties":{"subject":{"type":"string"}}}"#.utf8)
        case _ where arguments.contains("--type"): Array(#"{"type":"object"}"#.utf8)
        default: Array("\n \n".utf8)
        }
        let result = workspace.run(arguments, input: input)
        #expect(result.status == status)
        #expect(result.stderrLines.first?.hasPrefix("Error: ") == true)
        #expect(result.stderr.contains(message), "stderr was: \(result.stderr)")
        #expect(result.stderrLines.count == (status == 64 ? 3 : 1), "stderr was: \(result.stderr)")
        #expect(workspace.logBytes() == before)
    }
}
