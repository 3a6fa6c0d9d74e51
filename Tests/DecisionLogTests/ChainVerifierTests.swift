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
