import DecisionLog
import Foundation
import Testing

/// `add` options and drafts, and `log`'s filters and formats, in-process.
struct AddAndLogTests {
    @Test func jsonDraftsAndOptionsMerge() throws {
        let workspace = Workspace().seeded()
        let draft = #"{"type":"decision.recorded","subject":"decision/pricing","actor":{"name":"Dana Reyes","role":"CMO"},"effectiveAt":"2025-07-21","payload":{"title":"Per seat","status":"proposed","options":["Per seat","Usage"]}}"#
        let result = workspace.run(["add", "--json", "-", "--reason", "Sales needs a price list"], input: Array(draft.utf8))
        #expect(result.status == 0, "\(result.stderr)")
        let shown = workspace.run(["show", "4", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        #expect(object["reason"] as? String == "Sales needs a price list")
        #expect((object["payload"] as? [String: Any])?["options"] as? [String] == ["Per seat", "Usage"])
        #expect(object["recordedBy"] as? String == "tester")
    }

    @Test func peopleAreSeparatedBySemicolonsOrRepeatsAndACommaStaysInAName() throws {
        let workspace = Workspace().seeded()
        let result = workspace.run(["add", "decision.recorded", "--subject", "decision/pricing", "--title", "Per seat", "--status", "accepted",
                                    "--deciders", "Dana Reyes; Lee Park", "--consulted", "Marco Silva", "--consulted", "Ana Costa",
                                    "--options", "Per seat, with a free tier", "--options", "Usage", "--chosen", "Usage"])
        #expect(result.status == 0, "\(result.stderr)")
        let line = workspace.run(["show", "4", "--format", "jsonl"]).stdout
        #expect(line.contains(#""consulted":["Marco Silva","Ana Costa"]"#))
        #expect(line.contains(#""deciders":["Dana Reyes","Lee Park"]"#))
        #expect(line.contains(#""options":["Per seat, with a free tier","Usage"]"#))
        // "Last, First" is one person; the log then knows "Okafor, Maya", and the same person written the
        // other way round is asked about.
        let okafor = workspace.run(["add", "decision.recorded", "--subject", "decision/seats", "--title", "Seats", "--status", "accepted", "--deciders", "Okafor, Maya"])
        #expect(okafor.status == 0, "\(okafor.stderr)")
        #expect(workspace.run(["show", "5", "--format", "jsonl"]).stdout.contains(#""deciders":["Okafor, Maya"]"#))
        workspace.expectRefused(["add", "decision.recorded", "--subject", "decision/tiers", "--title", "Tiers", "--status", "accepted", "--deciders", "Maya Okafr"],
                                status: 65, message: "payload.deciders[0]: \"Maya Okafr\" is new to this log")
        #expect(workspace.run(["add", "decision.recorded", "--subject", "decision/tiers", "--title", "Tiers", "--status", "accepted", "--deciders", "Ana Costas", "--new-person"]).status == 0)
    }

    @Test func theSameIDTwiceIsRecordedOnce() {
        let workspace = Workspace().seeded()
        let id = "0199a0c2-1111-7222-8333-444455556666"
        let arguments = ["add", "launch.shipped", "--subject", "launch/atlas", "--date", "2025-09-24", "--effective", "2025-09-24", "--id", id]
        #expect(workspace.run(arguments).status == 0)
        let before = workspace.logBytes()
        let again = workspace.run(arguments)
        #expect(again.status == 0)
        #expect(again.stdout == "Already recorded as #4 (id \(id)); nothing was written\n")
        let different = workspace.run(["add", "launch.shipped", "--subject", "launch/atlas", "--date", "2025-09-25", "--effective", "2025-09-24", "--id", id])
        #expect(different.status == 3)
        #expect(different.stderr.contains("already in the log as #4 with different content"))
        #expect(workspace.logBytes() == before)
    }

    @Test func aDryRunWritesNothing() {
        let workspace = Workspace().seeded()
        let before = workspace.logBytes()
        let result = workspace.run(["add", "launch.slipped", "--subject", "launch/atlas", "--date", "2025-09-29", "--dry-run"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Would record #4 launch.slipped on launch/atlas (dry run; nothing was written):"))
        #expect(result.stdout.split(separator: "\n").contains { $0.hasPrefix("payload.date ") && $0.hasSuffix(" 2025-09-29") })
        #expect(workspace.logBytes() == before)
    }

    @Test func aRetractionBySeqTakesTheEventsSubject() throws {
        let workspace = Workspace().seeded()
        let result = workspace.run(["add", "event.retracted", "--event", "#2", "--reason", "Entered on the wrong launch"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Recorded #4 event.retracted on launch/atlas"))
        #expect(workspace.run(["log", "--type", "event.retracted"]).stdout.contains("retracts #2 — Entered on the wrong launch"))
        let again = workspace.run(["add", "event.retracted", "--event", "#2", "--reason", "Twice"])
        #expect(again.status == 65)
        #expect(again.stderr.contains("event #2 was already retracted by #4"))
    }

    @Test func aRetryWithTheSameIDIsANoOpEvenWithoutAnEffectiveTime() {
        let workspace = Workspace().seeded()
        let id = "0199a0c2-1111-7222-8333-444455556666"
        let arguments = ["add", "launch.slipped", "--subject", "launch/atlas", "--date", "2025-09-29", "--id", id, "--expect-version", "2"]
        #expect(workspace.run(arguments).status == 0)
        let before = workspace.logBytes()
        let retry = workspace.run(arguments)  // the subject now has 3 events, but this is the same append
        #expect(retry.status == 0, "\(retry.stderr)")
        #expect(retry.stdout == "Already recorded as #4 (id \(id)); nothing was written\n")
        #expect(workspace.logBytes() == before)
    }

    @Test func helpFlagsAsOptionValuesAreValues() throws {
        let workspace = Workspace().seeded()
        let result = workspace.run(["add", "launch.shipped", "--subject", "launch/atlas", "--date", "2025-09-24", "--reason", "-h"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(workspace.run(["show", "4", "--format", "jsonl"]).stdout.contains(#""reason":"-h""#))
        #expect(workspace.run(["add", "launch.shipped", "--", "-h"]).status != 0)
    }

    @Test func numbersReadLikeJSON() {
        let workspace = Workspace().seeded()
        #expect(workspace.run(["add", "metric.defined", "--subject", "metric/arr", "--name", "ARR", "--unit", "currency", "--direction", "higher"]).status == 0)
        #expect(workspace.run(["add", "metric.recorded", "--subject", "metric/arr", "--value", "1.2e6", "--period", "2025-Q3"]).status == 0)
        #expect(workspace.run(["show", "5", "--format", "jsonl"]).stdout.contains(#""value":1200000"#))
        #expect(workspace.run(["add", "metric.recorded", "--subject", "metric/arr", "--value", "inf", "--period", "2025-Q3"]).status == 65)
    }

    @Test func usageErrorsPointAtTheTypesHelp() {
        let workspace = Workspace().seeded()
        let result = workspace.run(["add", "launch.slipped", "--subject", "launch/atlas", "--dat", "2025-09-29"])
        #expect(result.stderrLines.last == "  See 'decisionlog add launch.slipped --help' for more information.")
    }

    @Test func logAcceptsTheFolderHoldingTheLog() {
        let workspace = Workspace().seeded()
        let elsewhere = Harness.run(["log", "--log", workspace.path], in: "/")
        #expect(elsewhere.status == 0)
        #expect(elsewhere.stdout.contains("launch/atlas"))
    }

    @Test func anExpectedVersionThatMatchesAppends() {
        let workspace = Workspace().seeded()
        #expect(workspace.run(["add", "launch.slipped", "--subject", "launch/atlas", "--date", "2025-09-29", "--expect-version", "2"]).status == 0)
        #expect(workspace.run(["add", "launch.slipped", "--subject", "launch/atlas", "--date", "2025-09-30", "--expect-version", "2"]).status == 3)
    }

    @Test func filtersCombine() throws {
        let workspace = Workspace()
        #expect(Harness.run(["demo", "--log", ".decisionlog"], in: workspace.path).status == 0)
        func seqs(_ arguments: [String]) -> [String] {
            let result = workspace.run(["log"] + arguments)
            #expect(result.status == 0, "\(result.stderr)")
            return result.stdout.split(separator: "\n").dropFirst().map { String($0.prefix { $0 != " " }) }
        }
        let slips = seqs(["--type", "launch.slipped"])
        #expect(slips.count == 4)
        #expect(seqs(["--type", "launch", "--subject", "launch/atlas"]).count == 6)
        #expect(seqs(["--type", "launch.*", "--subject", "launch/beacon"]).count == 2)
        #expect(seqs(["--actor", "lee park", "--type", "launch.slipped"]) == seqs(["--type", "launch.slipped", "--role", "CPO"]))
        #expect(seqs(["--grep", "pen.*test"]).count == 2)
        #expect(seqs(["--since", "2025-09-01", "--until", "2025-09-08"]) == ["#33", "#34"])
        #expect(seqs(["--limit", "2"]) == ["#\(DemoScenario.eventCount - 1)", "#\(DemoScenario.eventCount)"])
        #expect(seqs(["--limit", "2", "--reverse"]) == ["#\(DemoScenario.eventCount)", "#\(DemoScenario.eventCount - 1)"])
        #expect(workspace.run(["log", "--grep", "no such words"]).stdout == "No events match.\n")
    }

    @Test func jsonlIsTheStoredBytesAndJSONIsAnArray() throws {
        let workspace = Workspace().seeded()
        let jsonl = workspace.run(["log", "--format", "jsonl"])
        #expect(Array(jsonl.stdout.utf8) == workspace.logBytes()["events.jsonl"])
        let json = workspace.run(["log", "--format", "json", "--reverse"])
        let array = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(array.map { $0["seq"] as? Int } == [3, 2, 1])
        #expect(json.stdout.hasPrefix("[\n  {\n    \"seq\": 3,\n    \"id\": "))
    }

    @Test func showAcceptsSeqIDAndIDPrefix() throws {
        let workspace = Workspace().seeded()
        let line = workspace.run(["show", "#1", "--format", "jsonl"]).stdout
        let id = try Event(line: Array(line.utf8).dropLast()).id.description
        #expect(workspace.run(["show", id, "--format", "jsonl"]).stdout == line)
        #expect(workspace.run(["show", String(id.prefix(28)), "--format", "jsonl"]).stdout == line)  // past the 48-bit time prefix
        #expect(workspace.run(["show", "1", "--format", "jsonl"]).stdout == line)
        let typo = workspace.run(["show", "gaols"])
        #expect(typo.status == 64)
        #expect(typo.stderr.hasPrefix("Error: Unknown view 'gaols'. Did you mean 'goals'?"))
    }

    @Test func theActorComesFromFlagsThenEnvironmentThenConfiguration() throws {
        let workspace = Workspace().seeded()  // configured actor: Dana Reyes (CMO)
        let add = ["add", "priority.changed", "--subject", "feature/sso", "--framework", "moscow", "--to", "must"]
        #expect(workspace.run(add).status == 0)
        #expect(workspace.run(add, environment: ["DECISIONLOG_ACTOR": "Ana Costa", "DECISIONLOG_ROLE": "CS"]).status == 0)
        #expect(workspace.run(add + ["--actor", "Priya Shah", "--role", "PM"], environment: ["DECISIONLOG_ACTOR": "Ana Costa", "DECISIONLOG_ROLE": "CS"]).status == 0)
        let actors = workspace.run(["log", "--format", "jsonl"]).stdout.split(separator: "\n").suffix(3).map { try! Event(line: Array($0.utf8)).actor.description }
        #expect(actors == ["Dana Reyes (CMO)", "Ana Costa (CS)", "Priya Shah (PM)"])
    }
}
