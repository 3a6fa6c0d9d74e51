import DecisionLog
import Foundation
import Testing

/// A log written by the v1 vocabulary (the fixture) replays with code that knows `goal.set` v2; events of a
/// version the code does not know are refused, never half-read.
struct UpcastingTests {
    static let fixture = Paths.join(Paths.parent(of: #filePath), "Fixtures/v1-log")

    /// A copy of the fixture log in a fresh folder.
    func copyOfFixture() throws -> (TemporaryFolder, FileEventStore) {
        let folder = TemporaryFolder()
        try FileSystem.makeDirectories(folder.logFolder.path)
        try FileSystem.makeDirectory(folder.logFolder.cacheFolder)
        for name in ["events.jsonl", "config.json"] {
            try FileSystem.replaceFile(Paths.join(folder.logFolder.path, name), with: FileSystem.readFile(Paths.join(Self.fixture, name)), durable: false)
        }
        try FileSystem.replaceFile(folder.logFolder.lockFile, with: [], durable: false)
        return (folder, try FileEventStore(opening: folder.logFolder))
    }

    @Test func version1EventsReadAsVersion2AndKeepTheirBytes() throws {
        let (folder, store) = try copyOfFixture()
        let original = Fixtures.eventBytes(folder)
        #expect(try store.verify(progress: nil).seq == 47)
        var goals: [Event] = []
        _ = try store.forEachEvent { event, line in
            #expect(event.line.dropLast().elementsEqual(line), "event #\(event.seq) would not re-encode to its stored bytes")
            if event.type == GoalSet.type { goals.append(event) }
            return true
        }
        #expect(goals.count == 3)
        for goal in goals {
            #expect(goal.schemaVersion == 1)
            #expect(goal.writtenPayload != nil)
            guard case .goalSet(let payload) = goal.payload else { Issue.record("not a goal"); continue }
            #expect(payload.confidence == nil)
        }
        #expect(Fixtures.eventBytes(folder) == original)
    }

    @Test func viewsReplayTheOldLogAndNewGoalsAreWrittenAsTheLatestVersion() throws {
        let (folder, store) = try copyOfFixture()
        let original = Fixtures.eventBytes(folder)
        let replay = try Replay(store, views: Views.all, known: .everything)
        let goals = replay.table(Views.named("goals")!, asOf: AsOf(Fixtures.instant("2025-10-31")))
        #expect(goals.rows.map(\.key) == ["goal/q3-pipeline", "goal/q3-retention", "goal/q4-expansion"])
        #expect(goals.rows[0]["confidence"].value == .null)

        let draft = try EventDraft(jsonText: Array(#"{"type":"goal.set","subject":"goal/q1-expansion","actor":{"name":"Marco Silva","role":"Sales"},"effectiveAt":"2026-01-05","payload":{"title":"Win ten mid-market logos","timeframe":"2026-Q1","confidence":70}}"#.utf8))
            .validated(in: DraftContext(now: .now(), timeZone: .utc))
        let receipt = try store.append(AppendRequest(drafts: [draft], recordedBy: "test"))
        let written = try #require(receipt.appended.first)
        #expect(written.schemaVersion == 3)
        #expect(String(decoding: written.line, as: UTF8.self).contains(#""schemaVersion":3"#))
        #expect(Array(Fixtures.eventBytes(folder).prefix(original.count)) == original)
        #expect(try store.verify(progress: nil).seq == 48)
        let after = try Replay(store, views: [Views.named("goals")!], known: .everything)
        let row = after.table(Views.named("goals")!, asOf: AsOf(Fixtures.instant("2026-01-31"))).rows.first { $0.key == "goal/q1-expansion" }
        #expect(row?["confidence"].text == "70%")
    }

    @Test func aVersionNewerThanTheCodeKnowsIsRefused() throws {
        let (folder, store) = try copyOfFixture()
        // The log's last event, rewritten as if a future decisionlog had written goal.set v4, and re-sealed.
        var lines = Fixtures.eventBytes(folder).split(separator: 0x0A).map(Array.init)
        let line = try #require(lines.firstIndex { String(decoding: $0, as: UTF8.self).contains(#""type":"goal.set""#) })
        let goal = try Event(line: lines[line])
        var sealer = Sealer(head: LogHead(seq: 47, hash: try Event(line: lines[46]).hash, recordedAt: try Event(line: lines[46]).recordedAt), recordedBy: "future")
        let (_, sealedV2) = sealer.seal(ValidatedDraft(effectiveAt: goal.effectiveAt, actor: goal.actor, subject: goal.subject, payload: goal.payload), now: .now())
        var text = String(decoding: sealedV2.dropLast(), as: UTF8.self).replacingOccurrences(of: #""schemaVersion":3"#, with: #""schemaVersion":4"#)
        let body = Array(text.utf8.dropLast(EventLine.hashSuffixLength)) + [UInt8(ascii: "}")]
        text = String(decoding: body, as: UTF8.self)
        var future = Array(text.utf8)
        EventLine.appendHash(SHA256.hash(future), toBody: &future)
        lines.append(Array(future.dropLast()))
        Fixtures.writeEvents(lines.flatMap { $0 + [0x0A] }, in: folder)

        #expect {
            try Event(line: future.dropLast())
        } throws: { error in
            (error as? EventDecodingError)?.message == "goal.set schema version 4 is newer than this decisionlog knows (3); upgrade to read it"
        }
        guard case .failure(let problem) = Fixtures.verify(folder) else { Issue.record("verified"); return }
        #expect(problem.kind == .needsNewerTool)
        #expect(problem.seq == 48)
        #expect { _ = try store.forEachEvent { _, _ in true } } throws: { ($0 as? LogError)?.code == .unsupportedFormat }
        #expect {
            try store.append(AppendRequest(drafts: [Fixtures.variedDraft(1)], recordedBy: "t"))
        } throws: { ($0 as? LogError)?.code == .unsupportedFormat }
    }
}
