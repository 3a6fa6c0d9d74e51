import DecisionLog
import Foundation
import Testing

/// Sealing gives each event one canonical line whose hash anyone can recompute.
struct SealingTests {
    @Test func theSameEventAlwaysHasTheSameBytes() {
        let draft = Fixtures.draft(.launchSlipped(LaunchSlipped(date: Fixtures.date("2025-09-22"), cause: "review")),
                                   subject: "launch/atlas", reason: "Security review",
                                   id: EventID("01a206d4-884f-7b66-b5ef-a82b02b3cf03"))
        var first = Sealer(head: .empty, recordedBy: "dana@laptop")
        var second = Sealer(head: .empty, recordedBy: "dana@laptop")
        let now = Fixtures.instant("2025-08-13T10:00")
        let a = first.seal(draft, now: now), b = second.seal(draft, now: now)
        #expect(a.line == b.line)
        #expect(String(decoding: a.line, as: UTF8.self) == #"{"seq":1,"id":"01a206d4-884f-7b66-b5ef-a82b02b3cf03","type":"launch.slipped","schemaVersion":1,"effectiveAt":"2025-07-01T00:00:00.000Z","recordedAt":"2025-08-13T10:00:00.000Z","actor":{"name":"Dana Reyes","role":"CMO"},"recordedBy":"dana@laptop","subject":"launch/atlas","reason":"Security review","payload":{"cause":"review","date":"2025-09-22"},"prev":"0000000000000000000000000000000000000000000000000000000000000000","hash":"\#(a.event.hash.hex)"}"# + "\n")
    }

    @Test func decodingAStoredLineGivesTheSameEventAndBytes() throws {
        var sealer = Sealer(head: .empty, recordedBy: "t")
        for n in 0..<40 {
            let (event, line) = sealer.seal(Fixtures.variedDraft(n), now: Fixtures.instant("2025-07-01"))
            let decoded = try Event(line: line.dropLast())
            #expect(decoded == event)
            #expect(decoded.line == line)
        }
    }

    @Test func theHashIsSHA256OfTheLineWithoutItsHashMember() {
        var sealer = Sealer(head: .empty, recordedBy: "t")
        let (first, _) = sealer.seal(Fixtures.variedDraft(1), now: Fixtures.instant("2025-07-01"))
        let (second, line) = sealer.seal(Fixtures.variedDraft(2), now: Fixtures.instant("2025-07-02"))
        #expect(second.prev == first.hash)
        let withoutNewline = Array(line.dropLast())
        let hashed = Array(withoutNewline.dropLast(EventLine.hashSuffixLength)) + [UInt8(ascii: "}")]
        #expect(SHA256.hash(hashed) == second.hash)
        #expect(hashed == second.canonicalBody)
    }

    @Test func recordedTimeNeverGoesBack() {
        var sealer = Sealer(head: .empty, recordedBy: "t")
        let (first, _) = sealer.seal(Fixtures.variedDraft(0), now: Fixtures.instant("2025-07-02"))
        let (second, _) = sealer.seal(Fixtures.variedDraft(1), now: Fixtures.instant("2025-07-01"))
        #expect(second.recordedAt == first.recordedAt)
        #expect(second.seq == 2)
    }

    @Test func newIDsAreVersion7AndUnique() {
        let ids = (0..<1000).map { _ in EventID.generate(at: Fixtures.instant("2025-07-01")) }
        #expect(Set(ids).count == 1000)
        for id in ids.prefix(5) {
            let text = id.description
            #expect(Array(text)[14] == "7")
            #expect("89ab".contains(Array(text)[19]))
            #expect(EventID(text) == id)
            #expect(EventID(text.uppercased()) == id)
        }
    }
}
