import DecisionLog
import Foundation
import Testing
import DecisionLogTestSupport

/// The invariant checker catches every kind of damage, naming the first bad event.
struct ChainVerifierTests {
    @Test func aFreshLogVerifies() throws {
        let folder = TemporaryFolder()
        try Fixtures.log(in: folder, events: 50)
        guard case .success(let head) = Fixtures.verify(folder) else { Issue.record("did not verify"); return }
        #expect(head.seq == 50)
    }

    /// Flips one byte at random positions across a log of a few hundred events: every flip is caught.
    @Test func everySingleChangedByteIsCaught() throws {
        let folder = TemporaryFolder()
        try Fixtures.log(in: folder, events: 300)
        let original = Fixtures.eventBytes(folder)
        var generator = SeededGenerator(seed: 20251123)
        var caught = 0
        let trials = 400
        for _ in 0..<trials {
            var damaged = original
            let position = Int.random(in: 0..<damaged.count, using: &generator)
            var replacement: UInt8
            repeat { replacement = UInt8.random(in: 0...255, using: &generator) } while replacement == damaged[position]
            damaged[position] = replacement
            Fixtures.writeEvents(damaged, in: folder)
            if case .failure = Fixtures.verify(folder) { caught += 1 } else {
                Issue.record("a flip at byte \(position) to \(replacement) was not caught")
            }
        }
        #expect(caught == trials)
    }

    @Test func aFlipNamesTheEventItIsIn() throws {
        let folder = TemporaryFolder()
        try Fixtures.log(in: folder, events: 20)
        var bytes = Fixtures.eventBytes(folder)
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        let offset = lines.prefix(11).reduce(0) { $0 + $1.count + 1 } + 30  // inside line 12
        bytes[offset] = bytes[offset] == UInt8(ascii: "7") ? UInt8(ascii: "8") : UInt8(ascii: "7")
        Fixtures.writeEvents(bytes, in: folder)
        guard case .failure(let problem) = Fixtures.verify(folder) else { Issue.record("not caught"); return }
        #expect(problem.line == 12)
        #expect(problem.kind == .hashMismatch || problem.kind == .malformed)
    }

    /// The stored hash is the one member its own hash does not cover: written in uppercase it still names
    /// the same digest, but the line is not what the log wrote.
    @Test func aHashInUppercaseIsNotCanonical() throws {
        let folder = TemporaryFolder()
        try Fixtures.log(in: folder, events: 20)
        var lines = Fixtures.eventBytes(folder).split(separator: 0x0A).map(Array.init)
        let letter = try #require(lines[6].indices.last { lines[6][$0] >= UInt8(ascii: "a") && lines[6][$0] <= UInt8(ascii: "f") })
        #expect(letter > lines[6].count - EventLine.hashSuffixLength)
        lines[6][letter] -= 0x20
        Fixtures.writeEvents(lines.flatMap { $0 + [0x0A] }, in: folder)
        guard case .failure(let problem) = Fixtures.verify(folder) else { Issue.record("not caught"); return }
        #expect(problem.line == 7)
        #expect(problem.kind == .notCanonical)
    }

    /// A payload is canonical only in the writer's spelling: the parser judges whitespace, key order and
    /// numbers as it goes, and the spelling of any escape after. Each line here is sealed with a matching hash.
    @Test(arguments: [
        (#"{"date":"2025-08-01","source":"survey \"Q3\"\nfinal \\ é\tend","value":40}"#, nil),
        (#"{"date":"2025-08-01","source":"x","value":0.5}"#, nil),
        (#"{"date":"2025-08-01","source":"x","value":-12.25}"#, nil),
        (#"{"date":"2025-08-01","source":"x","value":1e+20}"#, nil),
        (#"{"date":"2025-08-01","source":"x","value":40.0}"#, IntegrityProblem.Kind.notCanonical),
        (#"{"date":"2025-08-01","source":"x","value":4e1}"#, .notCanonical),
        (#"{"date":"2025-08-01","source":"x","value":1E+20}"#, .notCanonical),
        (#"{"date":"2025-08-01","source":"x","value":-0}"#, .notCanonical),
        (#"{"date":"2025-08-01","source":"x","value":0.50}"#, .notCanonical),
        (#"{"date":"2025-08-01", "source":"x","value":40}"#, .notCanonical),
        (#"{"date":"2025-08-01","source":"x","value":40 }"#, .notCanonical),
        (#"{"source":"x","date":"2025-08-01","value":40}"#, .notCanonical),
        (#"{"date":"2025-08-01","source":"\u0078","value":40}"#, .notCanonical),
        (#"{"date":"2025-08-01","source":"a\/b","value":40}"#, .notCanonical),
        (#"{"date":"2025-08-01","source":"a\u000Ab","value":40}"#, .notCanonical),
        (#"{"date":"2025-08-01","source":"x","value":12345678901234567}"#, .malformed),
    ] as [(String, IntegrityProblem.Kind?)])
    func aPayloadIsCanonicalOnlyAsTheLogWritesIt(payload: String, expected: IntegrityProblem.Kind?) throws {
        let body = #"{"seq":1,"id":"0197c03d-3a00-7a51-9d0e-4c9e2f7b5a11","type":"metric.recorded","schemaVersion":1,"effectiveAt":"2025-08-11T00:00:00.000Z","recordedAt":"2025-08-13T10:00:00.000Z","actor":{"name":"Lee Park","role":"CPO"},"recordedBy":"demo","subject":"metric/nps","payload":"#
            + payload + #","prev":""# + String(repeating: "0", count: 64) + #"","hash":""# + String(repeating: "0", count: 64) + #""}"#
        let hash = try #require(Array(body.utf8).withUnsafeBytes { EventLine.hashes(of: $0)?.computed })
        let line = Array(body.utf8.dropLast(66)) + Array(hash.hex.utf8) + Array(#""}"#.utf8)
        var verifier = ChainVerifier()
        #expect(line.withUnsafeBytes { verifier.check(line: $0, number: 1) }?.kind == expected)
    }

    @Test(arguments: [
        ("delete", IntegrityProblem.Kind.sequenceGap, 11),
        ("swap", .sequenceGap, 11),
        ("duplicate", .sequenceGap, 12),
        ("truncate", .incompleteTail, 30),
        ("append garbage", .malformed, 31),
    ])
    func structuralDamageIsCaught(damage: String, kind: IntegrityProblem.Kind, line: Int) throws {
        let folder = TemporaryFolder()
        try Fixtures.log(in: folder, events: 30)
        let original = Fixtures.eventBytes(folder)
        var lines = original.split(separator: 0x0A).map(Array.init)
        var tail: [UInt8] = []
        switch damage {
        case "delete": lines.remove(at: 10)
        case "swap": lines.swapAt(10, 11)
        case "duplicate": lines.insert(lines[10], at: 11)
        case "truncate": tail = Array(lines.removeLast().prefix(100))
        default: lines.append(Array("{\"seq\":31}".utf8))
        }
        Fixtures.writeEvents(lines.flatMap { $0 + [0x0A] } + tail, in: folder)
        guard case .failure(let problem) = Fixtures.verify(folder) else { Issue.record("not caught"); return }
        #expect(problem.kind == kind)
        #expect(problem.line == line)
    }

    @Test func aRehashedTailVerifiesOnItsOwn() throws {
        // A log re-sealed from some event onwards is self-consistent, so verify alone cannot expose it; only a
        // head recorded earlier can (its hash differs). This pins that limit down.
        let folder = TemporaryFolder()
        try Fixtures.log(in: folder, events: 10)
        let lines = Fixtures.eventBytes(folder).split(separator: 0x0A).map { try! Event(line: $0) }
        var sealer = Sealer(head: LogHead(seq: 5, hash: lines[4].hash, recordedAt: lines[4].recordedAt), recordedBy: "mallory")
        var bytes = lines.prefix(5).flatMap(\.line)
        for event in lines[5...] {
            let forged = ValidatedDraft(id: event.id, effectiveAt: event.effectiveAt, actor: Fixtures.lee, subject: event.subject,
                                        reason: event.reason, links: event.links, payload: event.payload)
            bytes += sealer.seal(forged, now: event.recordedAt).line
        }
        Fixtures.writeEvents(bytes, in: folder)
        guard case .success(let head) = Fixtures.verify(folder) else { Issue.record("expected a consistent chain"); return }
        #expect(head.seq == 10)
        #expect(head.hash != lines[9].hash)
    }
}
