@testable import DecisionLog
import Testing

/// A pass that decodes only the events its views read answers exactly as a fold of every event: each view
/// declares every type its fold reads, and a header read from a line's fixed places is the decoded event's.
struct DecodedTypesTests {
    @Test func aViewReplayedAloneAnswersAsAFoldOfEveryEvent() throws {
        let folder = TemporaryFolder()
        var random = RandomLog(seed: 23)
        let store = try CheckpointTests.newLog(in: folder, batches: 6, random: &random)
        // Agreements and syncs, which the random log does not make, so every view has rows to compare.
        let meetings = (0..<20).map { n in
            ValidatedDraft(effectiveAt: Fixtures.instant(n % 2 == 0 ? "2024-03-01" : "2025-01-15"), actor: Fixtures.dana,
                           subject: Subject(n < 10 ? "agreement/a\(n % 3)" : "sync/s\(n % 4)")!, reason: nil,
                           payload: n < 10 ? .agreementRecorded(AgreementRecorded(parties: ["Sales", "Marketing"], objectives: ["Objective \(n)"]))
                                           : .syncHeld(SyncHeld(kind: .weekly, attendees: ["Dana Reyes"], outcomes: ["Outcome \(n)"])))
        }
        _ = try Fixtures.appendUnchecked(meetings, to: store)
        var all: [Event] = []
        _ = try store.forEachEvent { event, _ in all.append(event); return true }
        #expect(all.count == 1521)
        let moments = ["2024-06-30", "2025-03-31", "2029-12-31"].map { AsOf(Fixtures.instant($0)) }
        for view in Views.all {
            let selected = try Replay(store, views: [view], known: .everything)
            let everything = Replay(events: all, configuration: store.configuration, views: [view])
            for moment in moments {
                #expect(selected.table(view, asOf: moment) == everything.table(view, asOf: moment), "\(view.name)")
            }
            #expect(!selected.table(view, asOf: moments[2]).rows.isEmpty, "\(view.name) has rows to compare")
        }
        // Known-at cuts and seq points read headers of events no view decodes.
        let launches = Views.named("launches")!
        let cut = try Replay(store, views: [launches], known: .seq(700), remembering: [650, 1200])
        #expect(cut.lastSeq == 700)
        #expect(cut.effectiveTimes[650] == all[649].effectiveAt && cut.effectiveTimes[1200] == all[1199].effectiveAt)
        #expect(cut.table(launches, asOf: moments[2]) == Replay(events: all.prefix(700), configuration: store.configuration, views: [launches]).table(launches, asOf: moments[2]))
    }

    @Test func aHeaderReadFromItsLineIsTheDecodedEventsHeader() throws {
        let folder = TemporaryFolder()
        var random = RandomLog(seed: 5)
        let store = try CheckpointTests.newLog(in: folder, batches: 2, random: &random)
        var checked = 0
        _ = try store.forEachEvent { event, line in
            let bytes = line.assumingMemoryBound(to: UInt8.self)
            let read = try #require(EventHeader.read(bytes, withLinks: true))
            #expect(read.header == event.header)
            #expect(String(decoding: read.type, as: UTF8.self) == event.type.name && read.version == event.schemaVersion)
            #expect(EventHeader.subject(of: bytes, from: read.actor).map { String(decoding: $0, as: UTF8.self) } == event.subject.text)
            let bare = try #require(EventHeader.read(bytes, withLinks: false))
            #expect(bare.header.links == nil && bare.header.seq == event.seq && bare.header.recordedAt == event.recordedAt)
            checked += 1
            return true
        }
        #expect(checked == 501)
    }

    @Test func onlyBuiltInTypesAtKnownVersionsAreLeftOut() {
        let launches = DecodedTypes(decoding: [LaunchSlipped.type])
        func decodes(_ type: String, _ version: Int = 1, in selection: DecodedTypes? = nil, subject: String? = nil) -> Bool {
            let subjectBytes = Array((subject ?? "").utf8)
            return Array(type.utf8).withUnsafeBufferPointer { name in
                subjectBytes.withUnsafeBufferPointer { subjectBuffer in
                    (selection ?? launches).decodes(type: name, version: version, subject: { subject == nil ? nil : subjectBuffer })
                }
            }
        }
        #expect(decodes("launch.slipped"))
        #expect(!decodes("goal.set") && !decodes("metric.recorded"))
        #expect(decodes("goal.set", 99), "a version newer than the tool knows is decoded, and refused")
        #expect(decodes("schema.registered") && decodes("deal.won"), "registrations and team types are always decoded")
        #expect(!launches.decodesEverything && DecodedTypes.everything.decodesEverything)

        // With subjects' beginnings: only those subjects, except registrations; a subject it cannot read is decoded.
        let atlas = DecodedTypes(decoding: nil, subjectPrefixes: ["launch/atlas"])
        #expect(decodes("launch.slipped", in: atlas, subject: "launch/atlas") && decodes("launch.slipped", in: atlas, subject: "launch/atlas-2"))
        #expect(!decodes("launch.slipped", in: atlas, subject: "launch/orbit") && !decodes("goal.set", in: atlas, subject: "goal/atlas"))
        #expect(decodes("schema.registered", in: atlas, subject: "schema/deal.won") && decodes("deal.won", in: atlas, subject: "deal/1"))
        #expect(decodes("goal.set", in: atlas) && !atlas.decodesEverything)
    }
}
