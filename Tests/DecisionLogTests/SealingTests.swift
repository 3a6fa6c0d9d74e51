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

    /// Many drafts sealed at once (laid out on every core, linked in order) give exactly the lines sealing
    /// them one at a time gives.
    @Test func aBatchSealsAsOneAtATime() throws {
        let now = Fixtures.instant("2025-08-13T10:00")
        let drafts = (0..<1500).map { n in
            let draft = Fixtures.variedDraft(n)
            return ValidatedDraft(id: EventID.generate(at: now), effectiveAt: draft.effectiveAt, actor: draft.actor, subject: draft.subject,
                                  reason: draft.reason, links: draft.links, payload: draft.payload)
        }
        let head = LogHead(seq: 41, hash: SHA256.hash(Array("earlier".utf8)), recordedAt: Fixtures.instant("2025-08-01"))
        var one = Sealer(head: head, recordedBy: "t"), batch = Sealer(head: head, recordedBy: "t")
        let lines = drafts.flatMap { one.seal($0, now: now).line }
        let sealed = batch.seal(drafts, now: now)
        #expect(sealed.bytes == lines)
        #expect(batch.head == one.head)
        #expect(sealed.events.map(\.line).flatMap { $0 } == lines)
        #expect(sealed.lineEnds.last == lines.count && sealed.lineLength(0) == sealed.events[0].line.count)
        // Without ids of their own, each event gets a new UUIDv7.
        let fresh = Sealer(head: .empty, recordedBy: "t")
        var unnamed = fresh
        let ids = unnamed.seal((0..<1500).map(Fixtures.variedDraft), now: now).events.map(\.id)
        #expect(Set(ids).count == 1500)
        #expect(ids.allSatisfy { Array($0.description)[14] == "7" })
    }
}
