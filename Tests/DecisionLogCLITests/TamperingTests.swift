import DecisionLog
import Foundation
import Testing

/// Every kind of tampering with a log's file is named by `verify` — the first bad event and what is wrong —
/// with status 2, and `verify` changes nothing. A log re-hashed from some event on is a valid chain, which
/// only a head kept elsewhere exposes.
struct TamperingTests {
    /// A log of 12 events written through the tool, and its lines.
    private func log() throws -> (Workspace, [[UInt8]]) {
        let workspace = Workspace()
        #expect(workspace.run(["init", "--actor", "Dana Reyes", "--role", "CMO"]).status == 0)
        for n in 1...12 {
            #expect(workspace.run(["add", "priority.changed", "--subject", "feature/f\(n % 4)", "--framework", "rank", "--to", "\(n)"]).status == 0)
        }
        return (workspace, try events(workspace).split(separator: 0x0A).map(Array.init))
    }

    private func events(_ workspace: Workspace) throws -> [UInt8] { try FileSystem.readFile(Paths.join(workspace.log, "events.jsonl")) }

    private func write(_ lines: [[UInt8]], to workspace: Workspace) throws {
        try FileSystem.replaceFile(Paths.join(workspace.log, "events.jsonl"), with: lines.flatMap { $0 + [0x0A] }, durable: false)
    }

    @Test(arguments: [
        ("a changed byte", "event #6 (line 6): its bytes do not match its hash"),
        ("a deleted line", "event #7 (line 6): seq skips ahead: expected #6"),
        ("reordered lines", "event #7 (line 6): seq skips ahead: expected #6"),
        ("a duplicated line", "event #6 (line 7): seq repeats or goes back: expected #7"),
        ("a line from another log", "event #6 (line 6): prev does not match the hash of event #5"),
    ])
    func verifyNamesTheFirstBadEvent(damage: String, expected: String) throws {
        let (workspace, original) = try log()
        var lines = original
        switch damage {
        case "a changed byte":
            let index = try #require(lines[5].firstIndex(of: UInt8(ascii: "f")))
            lines[5][index] = UInt8(ascii: "g")
        case "a deleted line": lines.remove(at: 5)
        case "reordered lines": lines.swapAt(5, 6)
        case "a duplicated line": lines.insert(lines[5], at: 6)
        default: lines[5] = try log().1[5]
        }
        try write(lines, to: workspace)
        let tampered = try events(workspace)
        let result = try Harness.launch(["verify"], in: workspace.path)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("Error: verification failed at \(expected)"), "\(result.stderr)")
        #expect(try events(workspace) == tampered)
        // Appends refuse to extend it, and repair refuses to touch it.
        #expect(try Harness.launch(["add", "goal.set", "--subject", "goal/x", "--title", "X", "--timeframe", "2025"], in: workspace.path).status == 2)
        #expect(try Harness.launch(["repair"], in: workspace.path).status == 2)
        #expect(try events(workspace) == tampered)
    }

    @Test func aLogRehashedFromSomeEventOnIsExposedByAHeadKeptElsewhere() throws {
        let (workspace, lines) = try log()
        let kept = try Harness.launch(["head"], in: workspace.path)
        #expect(kept.status == 0)
        let head = kept.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(head.hasPrefix("12:"))
        #expect(try Harness.launch(["verify", "--head", head], in: workspace.path).status == 0)

        // Rewrite event #7 (a different priority) and re-seal it and every event after it.
        let events = try lines.map { try Event(line: $0) }
        var sealer = Sealer(head: LogHead(seq: 6, hash: events[5].hash, recordedAt: events[5].recordedAt), recordedBy: "mallory")
        var forged = lines.prefix(6).map { $0 }
        for event in events[6...] {
            let payload: Payload = event.seq == 7 ? .priorityChanged(PriorityChanged(priority: .rank(1))) : event.payload
            let draft = ValidatedDraft(id: event.id, effectiveAt: event.effectiveAt, actor: event.actor, subject: event.subject,
                                       reason: event.reason, links: event.links, payload: payload)
            forged.append(Array(sealer.seal(draft, now: event.recordedAt).line.dropLast()))
        }
        try write(forged, to: workspace)
        #expect(try Harness.launch(["verify"], in: workspace.path).status == 0)
        let exposed = try Harness.launch(["verify", "--head", head], in: workspace.path)
        #expect(exposed.status == 2)
        #expect(exposed.stderr.hasPrefix("Error: verification failed at event #12 (line 12): its hash is "), "\(exposed.stderr)")
        #expect(exposed.stderr.contains("the log was rewritten at or before this event"))
        // A log cut short of the kept head is exposed too.
        try write(Array(lines.prefix(10)), to: workspace)
        let cut = try Harness.launch(["verify", "--head", head], in: workspace.path)
        #expect(cut.status == 2)
        #expect(cut.stderr.contains("the log ends at #10, before the recorded head: events were removed"))
    }

    @Test(arguments: ["", "12", "12:abc", "x:\(String(repeating: "0", count: 64))", "0:\(String(repeating: "0", count: 64))"])
    func aMalformedHeadIsAUsageError(text: String) throws {
        let (workspace, _) = try log()
        let result = try Harness.launch(["verify", "--head", text], in: workspace.path)
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: The value '\(text)' is invalid for '--head <seq>:<hash>'"))
    }
}
