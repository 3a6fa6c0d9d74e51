@testable import DecisionLog
import Testing
import DecisionLogTestSupport

/// What a writer killed in the middle of an append leaves — its pending record in the lock file and some of
/// its events — is never taken for part of the log: readers stop before it, `verify` names it, appends
/// refuse to build on it, and `repair` removes it whole. A record left by an append that did finish changes
/// nothing.
@Suite(.tags(.slow), .skippable(.slow))
struct InterruptedAppendTests {
    /// A log of 5 events, and the bytes and head it has after an append of 3 more, with the record that
    /// append wrote.
    private func logAndUnfinishedAppend(_ folder: TemporaryFolder) throws -> (store: FileEventStore, before: [UInt8], after: [UInt8], pending: PendingAppend) {
        let store = try Fixtures.log(in: folder, events: 5)
        let before = Fixtures.eventBytes(folder)
        let head = try store.head()
        let receipt = try store.append(AppendRequest(drafts: (5..<8).map(Fixtures.variedDraft), recordedBy: "test"))
        let after = Fixtures.eventBytes(folder)
        let pending = PendingAppend(inode: try Fixtures.eventsStatus(folder).inode, start: Int64(before.count), end: Int64(after.count),
                                    before: head.link, first: receipt.appended[0].hash, last: receipt.head.link)
        return (store, before, after, pending)
    }

    /// Leaves the state of a writer killed after writing `count` bytes of its append: the events file cut
    /// back in place (the same file), the record in the lock file.
    private func kill(after count: Int, of append: (before: [UInt8], after: [UInt8], pending: PendingAppend), in folder: TemporaryFolder) throws {
        let events = try FileDescriptor.open(folder.logFolder.eventsFile, .readWriteCreate)
        defer { events.close() }
        try events.truncate(to: Int64(append.before.count + count))
        let lock = try FileDescriptor.open(folder.logFolder.lockFile, .readWriteCreate)
        defer { lock.close() }
        try append.pending.save(to: lock)
    }

    @Test(arguments: [1, 200, -1])
    func anUnfinishedAppendIsInvisibleUntilRepairRemovesIt(written: Int) throws {
        let folder = TemporaryFolder()
        let (store, before, after, pending) = try logAndUnfinishedAppend(folder)
        // -1: every event written, all but the final newline.
        let count = written >= 0 ? written : after.count - before.count - 1
        try kill(after: count, of: (before, after, pending), in: folder)
        let damaged = Fixtures.eventBytes(folder)

        var seen: [Int] = []
        let end = try store.forEachEvent { event, _ in seen.append(event.seq); return true }
        #expect(seen == Array(1...5))
        #expect(end.skippedInterruptedWrite)
        #expect(try store.head().seq == 5)

        #expect { try store.verify(progress: nil) } throws: { ($0 as? LogError)?.problem?.kind == .interruptedAppend }
        #expect {
            try store.append(AppendRequest(drafts: [Fixtures.variedDraft(9)], recordedBy: "test"))
        } throws: { error in
            let error = error as? LogError
            return error?.problem?.kind == .interruptedAppend && error?.hint?.contains("decisionlog repair") == true
        }
        #expect(Fixtures.eventBytes(folder) == damaged)

        let report = try store.repair()
        #expect(report.removedBytes == count)
        #expect(report.removedInterruptedAppend)
        #expect(report.head.seq == 5)
        #expect(Fixtures.eventBytes(folder) == before)
        #expect(try FileSystem.readFile(try #require(report.savedCopy)) == Array(damaged[before.count...]))
        #expect(try store.verify(progress: nil).seq == 5)
        #expect(try store.append(AppendRequest(drafts: [Fixtures.variedDraft(9)], recordedBy: "test")).head.seq == 6)
    }

    @Test func aRecordLeftByAFinishedAppendChangesNothing() throws {
        let folder = TemporaryFolder()
        let (store, before, after, pending) = try logAndUnfinishedAppend(folder)
        try kill(after: after.count - before.count, of: (before, after, pending), in: folder)
        #expect(try store.verify(progress: nil).seq == 8)
        var seen = 0
        #expect(try !store.forEachEvent { _, _ in seen += 1; return true }.skippedInterruptedWrite)
        #expect(seen == 8)
        #expect(try store.repair().removedBytes == 0)
        #expect(try store.append(AppendRequest(drafts: [Fixtures.variedDraft(9)], recordedBy: "test")).head.seq == 9)
        #expect(try FileSystem.readFile(folder.logFolder.lockFile).isEmpty)
    }

    @Test func aRecordOfAnAppendThatWroteNothingChangesNothing() throws {
        let folder = TemporaryFolder()
        let (store, before, after, pending) = try logAndUnfinishedAppend(folder)
        try kill(after: 0, of: (before, after, pending), in: folder)
        #expect(try store.verify(progress: nil).seq == 5)
        #expect(try !store.forEachEvent { _, _ in true }.skippedInterruptedWrite)
        #expect(try store.append(AppendRequest(drafts: [Fixtures.variedDraft(9)], recordedBy: "test")).head.seq == 6)
        #expect(try FileSystem.readFile(folder.logFolder.lockFile).isEmpty)
    }

    @Test func anAppendLeavesNoRecordBehind() throws {
        let folder = TemporaryFolder()
        try Fixtures.log(in: folder, events: 3)
        #expect(try FileSystem.readFile(folder.logFolder.lockFile).isEmpty)
    }

    @Test func theRecordRoundTripsAndRefusesWhatIsNotOne() throws {
        let folder = TemporaryFolder()
        try Fixtures.log(in: folder, events: 1)
        let lock = try FileDescriptor.open(folder.logFolder.lockFile, .readWriteCreate)
        defer { lock.close() }
        let hash = Digest(hex: String(repeating: "ab", count: 32))!
        let record = PendingAppend(inode: 42, start: 10, end: 2000, before: .init(seq: 3, hash: hash), first: hash, last: .init(seq: 7, hash: hash))
        try record.save(to: lock)
        #expect(PendingAppend.read(from: lock) == .record(record))
        try lock.truncate(to: 0)
        #expect(PendingAppend.read(from: lock) == .empty)
        let hex = String(repeating: "ab", count: 32)
        for text in ["decisionlog-pending 1 10 2000 7 \(hex) end\n", "decisionlog-pending 2 42 10 5 3 \(hex) \(hex) 7 \(hex) end\n",
                     "decisionlog-pending 2 42 10 2000 7 \(hex) \(hex) 3 \(hex) end\n", "decisionlog-pending 2 42 10 2000 3 ab \(hex) 7 \(hex) end\n",
                     "decisionlog-pending 2 42 10 2000 3 \(hex) 7 \(hex) end\n", "junk"] {
            try lock.truncate(to: 0)
            try lock.write(Array(text.utf8), at: 0)
            #expect(PendingAppend.read(from: lock) == .unknown, "\(text)")
        }
    }

    /// A record nobody's append wrote — forged, or delivered by git — hides nothing, cuts nothing, and is
    /// reported: whatever it names, the acknowledged events stay visible, verify passes, appends go on, and
    /// repair only clears the lock file.
    @Test(arguments: ForgedRecord.allCases)
    func aRecordThatDoesNotDescribeTheLogHidesAndRemovesNothing(forgery: ForgedRecord) throws {
        let folder = TemporaryFolder()
        let store = try Fixtures.log(in: folder, events: 8)
        let bytes = Fixtures.eventBytes(folder)
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast()
        let startOfSixth = Int64(lines.prefix(5).reduce(0) { $0 + $1.count + 1 })
        var events: [Event] = []
        _ = try store.forEachEvent { event, _ in events.append(event); return true }
        let inode = try Fixtures.eventsStatus(folder).inode
        let record: String = switch forgery {
        case .version1: "decisionlog-pending 1 \(startOfSixth) \(bytes.count + 500) 11 \(Digest.zero.hex) end\n"
        case .anotherFile:
            PendingAppend(inode: inode + 1, start: startOfSixth, end: Int64(bytes.count) + 500, before: events[4].link, first: events[5].hash, last: .init(seq: 11, hash: .zero)).text
        case .wrongEventBefore:
            PendingAppend(inode: inode, start: startOfSixth, end: Int64(bytes.count) + 500, before: events[3].link, first: events[5].hash, last: .init(seq: 11, hash: .zero)).text
        case .acknowledgedByTheTailCache:
            PendingAppend(inode: inode, start: startOfSixth, end: Int64(bytes.count) + 500, before: events[4].link, first: events[5].hash, last: .init(seq: 11, hash: .zero)).text
        case .anotherFirstEvent:
            PendingAppend(inode: inode, start: startOfSixth, end: Int64(bytes.count) + 500, before: events[4].link, first: events[6].hash, last: .init(seq: 11, hash: .zero)).text
        }
        if forgery == .anotherFirstEvent { try? FileSystem.removeFile(Paths.join(folder.logFolder.cacheFolder, "tail")) }
        try FileSystem.replaceFile(folder.logFolder.lockFile, with: Array(record.utf8), durable: false)

        let reader = try FileEventStore(opening: folder.logFolder)
        var seen = 0
        #expect(try !reader.forEachEvent { _, _ in seen += 1; return true }.skippedInterruptedWrite)
        #expect(seen == 8)
        #expect(try reader.verify(progress: nil).seq == 8)
        #expect(reader.takeNotices().contains { $0.contains("it was ignored, and no event was hidden or removed") })
        let report = try reader.repair()
        #expect(report.removedBytes == 0)
        #expect(Fixtures.eventBytes(folder) == bytes)
        #expect(try FileSystem.readFile(folder.logFolder.lockFile).isEmpty)
        #expect(try reader.append(AppendRequest(drafts: [Fixtures.variedDraft(9)], recordedBy: "test")).head.seq == 9)
    }

    enum ForgedRecord: CaseIterable, Sendable {
        /// An older version's record, which names no file.
        case version1
        /// A record naming another events file.
        case anotherFile
        /// A record whose event before its start is not the one there.
        case wrongEventBefore
        /// A record consistent with the file, but after whose start the tail cache shows acknowledged events.
        case acknowledgedByTheTailCache
        /// A record of an append really interrupted, but the file since replaced (a `git checkout`, which may
        /// reuse the inode) by one whose events continue from the same event: not the events it wrote.
        case anotherFirstEvent
    }
}

extension PendingAppend {
    /// The record's line, as text.
    var text: String { String(decoding: bytes, as: UTF8.self) }
}

extension Event {
    /// The event as a link in the chain.
    var link: LogHead.Link { .init(seq: seq, hash: hash) }
}
