import DecisionLog
import Foundation
import Testing
import DecisionLogTestSupport

/// The built `decisionlog` executable, run as a user would: real processes, real files.
@Suite(.serialized, .tags(.slow), .skippable(.slow))
struct EndToEndTests {
    @Test func theIssueExampleWorksFromInitToVerify() throws {
        let workspace = Workspace()
        let env = ["DECISIONLOG_ACTOR": "Lee Park", "DECISIONLOG_ROLE": "CPO"]
        let initialized = try Harness.launch(["init", "--time-zone", "UTC"], in: workspace.path)
        #expect(initialized.status == 0)
        #expect(initialized.stdout.hasPrefix("Created an empty decision log in \(workspace.log)"))
        let scheduled = try Harness.launch(["add", "launch.scheduled", "--subject", "launch/atlas", "--name", "Atlas GA",
                                            "--date", "2025-09-01", "--effective", "2025-07-01"], in: workspace.path, environment: env)
        #expect(scheduled.status == 0)
        #expect(scheduled.stdout.hasPrefix("Recorded #1 launch.scheduled on launch/atlas, effective 2025-07-01 (id "))
        let slipped = try Harness.launch(["add", "launch.slipped", "--subject", "launch/atlas", "--date", "2025-09-22",
                                          "--reason", "Security review"], in: workspace.path, environment: env)
        #expect(slipped.status == 0)
        #expect(slipped.stderr.isEmpty)

        // From a subfolder, the log is found by walking up.
        let sub = Paths.join(workspace.path, "notes/q3")
        try FileSystem.makeDirectories(sub)
        let listed = try Harness.launch(["log", "--subject", "launch/"], in: sub)
        #expect(listed.status == 0)
        let lines = listed.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("SEQ  EFFECTIVE"))
        #expect(lines[1].contains("launch.scheduled  launch/atlas  Lee Park (CPO)  Atlas GA on 2025-09-01"))
        #expect(lines[2].contains("→ 2025-09-22 — Security review"))

        let shown = try Harness.launch(["show", "2"], in: workspace.path)
        func field(_ name: String) -> String? {
            shown.stdout.split(separator: "\n").first { $0.hasPrefix(name + " ") }
                .map { String($0.dropFirst(name.count)).trimmingCharacters(in: .whitespaces) }
        }
        #expect(field("event") == "#2 launch.slipped (schema v1)")
        #expect(field("reason") == "Security review")
        #expect(field("payload.date") == "2025-09-22")
        #expect(field("recorded")?.hasSuffix(" by tester") == true)
        #expect(field("actor") == "Lee Park (CPO)")

        let verified = try Harness.launch(["verify"], in: workspace.path)
        #expect(verified.status == 0)
        #expect(verified.stdout.hasPrefix("Verified 2 events: seq 1–2 without gaps, every hash and link intact.\nHead: 2:"))
    }

    @Test func theDemoWritesAVerifiedLogAndPrintsIt() throws {
        let workspace = Workspace()
        let result = try Harness.launch(["demo", "--log", "demo/.decisionlog"], in: workspace.path)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Wrote \(DemoScenario.eventCount) events to \(workspace.path)/demo/.decisionlog; verified"))
        #expect(result.stdout.contains("\nSEQ  EFFECTIVE"))
        #expect(result.stdout.contains("Changes from end of 2025-Q2 (2025-06-30) to end of 2025-Q3 (2025-09-30)"))
        #expect(result.stdout.contains("Conversion rate  2.5%     4.5%     +2.0 pp, +80%"))
        #expect(result.stdout.contains("launch.slipped"))
        #expect(result.stdout.contains("event.retracted"))
        #expect(result.stdout.contains("  alias decisionlog=\(Harness.executable)\n"))
        let verified = try Harness.launch(["verify", "--log", "demo/.decisionlog"], in: workspace.path)
        #expect(verified.status == 0)
        #expect(verified.stdout.contains("Verified \(DemoScenario.eventCount) events"))
        // Without --log, the demo makes a temporary folder of its own.
        let temporary = try Harness.launch(["demo"], in: workspace.path, environment: ["TMPDIR": workspace.path])
        #expect(temporary.status == 0)
        #expect(temporary.stdout.contains("to \(workspace.path)/decisionlog-demo-"))
        #expect(try Harness.launch(["demo", "--log", "demo/.decisionlog"], in: workspace.path).status == 73)
    }

    @Test func anArgumentThatIsNotUTF8IsRefused() throws {
        let workspace = Workspace().seeded()
        let before = workspace.logBytes()
        let result = try Harness.launch(shell: #""$DECISIONLOG" add goal.set --subject goal/x --timeframe 2025 --title "$(printf 'bad \377 byte')""#,
                                        in: workspace.path)
        #expect(result.status == 65)
        #expect(result.stderr == "Error: argument 8 is not valid UTF-8; pass text in UTF-8\n")
        #expect(workspace.logBytes() == before)
    }

    @Test func anInterruptedWriteIsSkippedByReadersAndRemovedByRepair() throws {
        let workspace = Workspace().seeded()
        let events = Paths.join(workspace.log, "events.jsonl")
        let complete = try FileSystem.readFile(events)
        let partial = Array(#"{"seq":4,"id":"01a2"#.utf8)
        try FileSystem.replaceFile(events, with: complete + partial, durable: false)

        let listed = try Harness.launch(["log"], in: workspace.path)
        #expect(listed.status == 0)
        #expect(listed.stdout.split(separator: "\n").count == 4)
        #expect(listed.stderr.hasPrefix("warning: skipped the end of the log, left by a write that was interrupted"))

        let verified = try Harness.launch(["verify"], in: workspace.path)
        #expect(verified.status == 2)
        #expect(verified.stderr.contains("incomplete line"))
        #expect(verified.stderr.contains("run 'decisionlog repair'"))

        let repaired = try Harness.launch(["repair"], in: workspace.path)
        #expect(repaired.status == 0)
        #expect(repaired.stdout.hasPrefix("Removed an incomplete last line (\(partial.count) bytes); a copy is in \(workspace.log)/repairs/"))
        #expect(try FileSystem.readFile(events) == complete)
        #expect(try Harness.launch(["verify"], in: workspace.path).status == 0)
    }
}
