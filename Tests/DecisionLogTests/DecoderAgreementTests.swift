@testable import DecisionLog
import Testing

/// The canonical-layout decoder and the general decoder read every line to the same event.
struct DecoderAgreementTests {
    static var drafts: [ValidatedDraft] {
        var drafts = (0..<40).map(Fixtures.variedDraft)
        drafts.append(Fixtures.draft(.decisionRecorded(DecisionRecorded(
            title: "Say \"yes\" \\ to C:\\path, tabs\tand ünïcödé ✓", status: .accepted, options: ["a\nb", "c"], chosen: "c")),
            subject: "decision/quotes", reason: #"Because "we" said so \o/"#))
        drafts.append(Fixtures.draft(.launchCancelled(LaunchCancelled()), subject: "launch/x", reason: "r",
                                     links: [EventID.generate(at: .now()), EventID.generate(at: .now())]))
        for kind in VocabularyTests.examples {
            let payload = try! Vocabulary.kind(named: kind.type)!.decode(JSONValue.parse(kind.payload))
            let subject = Vocabulary.kind(named: kind.type)!.subjectKind.map { "\($0)/example" } ?? "feature/example"
            drafts.append(Fixtures.draft(payload, subject: subject, reason: "example"))
        }
        return drafts
    }

    @Test func bothDecodersAgreeOnEveryLine() throws {
        var sealer = Sealer(head: .empty, recordedBy: "t")
        for draft in Self.drafts {
            let (event, line) = sealer.seal(draft, now: Fixtures.instant("2025-07-01"))
            let body = Array(line.dropLast())
            let fast = try body.withUnsafeBufferPointer { try Event.decodeCanonical($0, checkingForm: true) }
            #expect(fast?.event == event, "fast path failed for \(draft.type)")
            #expect(fast?.isCanonical == true, "a sealed \(draft.type) line was not found canonical")
            #expect(try Event(generalLine: body) == event)
        }
    }

    @Test func otherLayoutsFallBackToTheGeneralDecoder() throws {
        var sealer = Sealer(head: .empty, recordedBy: "t")
        let (event, line) = sealer.seal(Fixtures.variedDraft(3), now: Fixtures.instant("2025-07-01"))
        // The same members with sorted keys and spaces: valid JSON, not the canonical layout.
        let reordered = try JSONValue.parse(line.dropLast()).canonicalBytes
        #expect(try reordered.withUnsafeBufferPointer { try Event.decodeCanonical($0) } == nil)
        #expect(try Event(line: reordered) == event)
    }
}
