@testable import DecisionLog
import Foundation
import Testing

/// The id index: an append that names ids on a large log writes it from the whole-log read it makes anyway;
/// the next ones look their ids up in it and read only the events after it — with the same answers (present,
/// conflicting, new, linked); and an index that is not this person's, not this log's, changed, or no longer
/// describing the log is never used.
struct EventIDIndexTests {
    static let indexing = (key: Fixtures.checkpointKey, interval: 500)

    /// A log of 1,200 goals with ids, and those events.
    static func log(in folder: TemporaryFolder) throws -> (FileEventStore, [Event]) {
        let config = LogConfig(logID: EventID.generate(at: .now()), createdAt: Fixtures.instant("2024-01-01"), timeZone: .utc)
        let store = try FileEventStore.create(in: folder.logFolder, configuration: config, clock: Fixtures.steppingClock())
        let drafts = (0..<1_200).map { n in
            ValidatedDraft(id: EventID.generate(at: Timestamp(milliseconds: 1_700_000_000_000 + Int64(n))), effectiveAt: Fixtures.instant("2024-02-01"),
                           actor: Fixtures.dana, subject: Subject("goal/g\(n)")!, reason: nil, links: [],
                           payload: .goalSet(GoalSet(title: "Goal \(n)", timeframe: try! Timeframe(parsing: "2024-Q2"))))
        }
        return (store, try Fixtures.appendUnchecked(drafts, to: store))
    }

    static func request(_ drafts: [ValidatedDraft]) -> AppendRequest {
        var request = AppendRequest(drafts: drafts, recordedBy: "test")
        request.idIndex = indexing
        return request
    }

    static func goal(_ id: EventID, _ title: String, links: [EventID] = []) -> ValidatedDraft {
        ValidatedDraft(id: id, effectiveAt: Fixtures.instant("2024-02-01"), actor: Fixtures.dana, subject: Subject("goal/new")!, reason: nil,
                       links: links, payload: .goalSet(GoalSet(title: title, timeframe: try! Timeframe(parsing: "2024-Q2"))))
    }

    @Test func anAppendNamingIdsWritesTheIndexAndTheNextOnesLookThemUp() throws {
        let folder = TemporaryFolder()
        let (store, events) = try Self.log(in: folder)
        #expect(EventIDIndex.load(store.folder, logID: store.configuration.logID, key: Fixtures.checkpointKey) == nil)

        // A retry of #10 (same id, same content): found by reading the log, which leaves the index.
        let retry = ValidatedDraft(restating: events[9])
        let first = try store.append(Self.request([retry]))
        #expect(first.appended.isEmpty && first.alreadyPresent.map(\.seq) == [10])
        let index = try #require(EventIDIndex.load(store.folder, logID: store.configuration.logID, key: Fixtures.checkpointKey))
        #expect(index.seq == 1_200 && index.count == 1_200)
        for event in [events[0], events[599], events[1_199]] {
            guard case .found(let entry) = index.lookup(event.id) else { Issue.record("#\(event.seq) not found"); continue }
            #expect(entry.seq == event.seq)
        }
        #expect(index.lookup(EventID.generate(at: .now())) == .absent)

        // Events after the index, then ids before it and after it, found through the index and the tail.
        let tail = try store.append(AppendRequest(drafts: [Self.goal(EventID.generate(at: .now()), "Tail")], recordedBy: "test")).appended[0]
        let fresh = EventID.generate(at: .now())
        let receipt = try store.append(Self.request([ValidatedDraft(restating: events[4]), ValidatedDraft(restating: tail),
                                                     Self.goal(fresh, "Fresh", links: [events[700].id, tail.id])]))
        #expect(receipt.alreadyPresent.map(\.seq) == [5, 1_201])
        #expect(receipt.appended.map(\.id) == [fresh] && receipt.appended[0].seq == 1_202)

        // A draft whose id the index holds with other content is a conflict; a link to no event is refused.
        #expect(throws: LogError.self) { try store.append(Self.request([Self.goal(events[20].id, "Other title")])) }
        #expect(throws: LogError.self) { try store.append(Self.request([Self.goal(EventID.generate(at: .now()), "Dangling", links: [EventID.generate(at: .now())])])) }
        #expect(try store.head().seq == 1_202)
    }

    @Test func anAppendWithTheIndexReadsOnlyTheEventsAfterIt() throws {
        let folder = TemporaryFolder()
        let (store, events) = try Self.log(in: folder)
        _ = try store.append(Self.request([ValidatedDraft(restating: events[0])]))
        _ = try store.append(AppendRequest(drafts: [Self.goal(EventID.generate(at: .now()), "After the index")], recordedBy: "test"))
        let index = try #require(EventIDIndex.load(store.folder, logID: store.configuration.logID, key: Fixtures.checkpointKey))
        #expect(index.seq == 1_200)
        let file = try FileDescriptor.open(store.folder.eventsFile, .read)
        defer { file.close() }
        let head = try store.head()
        let size = try file.status().size
        let readLines: IDIndexUse.Read = { from, visit in
            _ = try LineScanner.scan(file, from: from, to: size) { line, number, _ in try visit(line, number) }
        }
        let kept = try #require(store.idIndexUse(Self.request([]).idIndex, file: file, read: readLines, head: head))
        // The lines read, and from where.
        var read: [Int] = []
        let counted = IDIndexUse(find: kept.find, scan: { from, visit in try kept.scan(from) { line, number in read.append(number); return try visit(line, number) } },
                                 wantsEntries: kept.wantsEntries, save: kept.save)
        let scan: AppendPlan.Scan = { visit in try counted.scan(.start, visit) }
        var request = Self.request([ValidatedDraft(restating: events[800]), Self.goal(EventID.generate(at: .now()), "New")])
        request.dryRun = true
        let plan = try AppendPlan(request, after: head, now: .now(), zone: .utc, scan: scan, ids: counted)
        #expect(plan.present.map(\.seq) == [801] && plan.batch.events.count == 1)
        // Only the one event after the index: the event the index points at names Dana Reyes, the one person
        // the drafts name, so the first events need not be read for her.
        #expect(read == [1_201])
        #expect(!kept.wantsEntries(), "a usable index is not rewritten")
    }

    @Test func anIndexThatIsNotThisPersonsOrThisLogsOrNoLongerTrueIsNotUsed() throws {
        let folder = TemporaryFolder()
        let (store, events) = try Self.log(in: folder)
        _ = try store.append(Self.request([ValidatedDraft(restating: events[0])]))
        let path = Paths.join(store.folder.cacheFolder, EventIDIndex.fileName)
        let good = try Data(contentsOf: URL(fileURLWithPath: path))
        let logID = store.configuration.logID

        // Another key, another log.
        #expect(EventIDIndex.load(store.folder, logID: logID, key: CheckpointKey(bytes: Array(repeating: 8, count: 32))) == nil)
        try good.write(to: URL(fileURLWithPath: path))
        #expect(EventIDIndex.load(store.folder, logID: EventID.generate(at: .now()), key: Fixtures.checkpointKey) == nil)

        // A byte of the header changed (the event it follows): its MAC fails, and it is removed.
        var changed = good
        changed[40] ^= 1
        try changed.write(to: URL(fileURLWithPath: path))
        #expect(EventIDIndex.load(store.folder, logID: logID, key: Fixtures.checkpointKey) == nil)
        #expect(!FileManager.default.fileExists(atPath: path))

        // A byte of an entry changed (the last event's line start): the block's hash fails, so a lookup that
        // reads it says so, and the append reads the whole log instead — with the right answer.
        changed = good
        changed[changed.count - 16] ^= 1
        try changed.write(to: URL(fileURLWithPath: path))
        let damaged = try #require(EventIDIndex.load(store.folder, logID: logID, key: Fixtures.checkpointKey))
        #expect(damaged.fingerprint() == nil)
        let last = damaged.entry(damaged.count - 1)
        #expect(damaged.lookup(last.id) == .damaged)
        let retry = try store.append(Self.request([ValidatedDraft(restating: events.first { $0.id == last.id }!)]))
        #expect(retry.alreadyPresent.map(\.seq) == [last.seq] && retry.appended.isEmpty)
        #expect(EventIDIndex.load(store.folder, logID: logID, key: Fixtures.checkpointKey)?.fingerprint() != nil, "that read left a sound index")

        // A log rewritten since (another last event at that place): the index does not follow it.
        try good.write(to: URL(fileURLWithPath: path))
        let index = try #require(EventIDIndex.load(store.folder, logID: logID, key: Fixtures.checkpointKey))
        let other = TemporaryFolder()
        let (otherStore, _) = try Self.log(in: other)
        let file = try FileDescriptor.open(otherStore.folder.eventsFile, .read)
        defer { file.close() }
        #expect(!index.follows(file))
    }

    @Test func verifyFailsOnAnIndexOfThisPersonsThatPlacesAnEventOtherwise() throws {
        let folder = TemporaryFolder()
        let (store, events) = try Self.log(in: folder)
        let checkpoints = CheckpointStore(folder: store.folder, logID: store.configuration.logID, key: Fixtures.checkpointKey, interval: 1)
        var entries: [EventIDIndex.Entry] = []
        var offset: Int64 = 0
        for (event, line) in zip(events, try FileSystem.readFile(store.folder.eventsFile).split(separator: 0x0A)) {
            entries.append(EventIDIndex.Entry(id: event.id, seq: event.seq, span: LineSpan(start: offset, end: offset + Int64(line.count) + 1)))
            offset += Int64(line.count) + 1
        }
        let last = (seq: 1_200, hash: events[1_199].hash, span: entries[1_199].span)
        EventIDIndex.save(entries, last: last, logID: store.configuration.logID, key: Fixtures.checkpointKey, in: store.folder)
        #expect(try checkpoints.audit(store).indexedIDs == 1_200)

        // Made with the key, so every check of its own passes, but #10 and #11 swapped: verify fails on it.
        var swapped = entries
        (swapped[9], swapped[10]) = (EventIDIndex.Entry(id: entries[10].id, seq: 10, span: entries[9].span),
                                     EventIDIndex.Entry(id: entries[9].id, seq: 11, span: entries[10].span))
        EventIDIndex.save(swapped, last: last, logID: store.configuration.logID, key: Fixtures.checkpointKey, in: store.folder)
        let audit = try checkpoints.audit(store)
        #expect(audit.indexedIDs == nil && audit.disagreeing.map(\.description) == ["the id index at #1200 places events otherwise than the log has them"])
        #expect(EventIDIndex.load(store.folder, logID: store.configuration.logID, key: Fixtures.checkpointKey) == nil)
    }
}
