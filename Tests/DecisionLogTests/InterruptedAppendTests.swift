@testable import DecisionLog
import Testing

/// What a writer killed in the middle of an append leaves — its pending record in the lock file and some of
/// its events — is never taken for part of the log: readers stop before it, `verify` names it, appends
/// refuse to build on it, and `repair` removes it whole. A record left by an append that did finish changes
/// nothing.
struct InterruptedAppendTests {
    /// A log of 5 events, and the bytes and head it would have after an append of 3 more.
    private func logAndUnfinishedAppend(_ folder: TemporaryFolder) throws -> (store: FileEventStore, before: [UInt8], after: [UInt8], pending: PendingAppend) {
        let store = try Fixtures.log(in: folder, events: 5)
        let before = Fixtures.eventBytes(folder)
        let receipt = try store.append(AppendRequest(drafts: (5..<8).map(Fixtures.variedDraft), recordedBy: "test"))
        let after = Fixtures.eventBytes(folder)
        let pending = PendingAppend(start: Int64(before.count), end: Int64(after.count), lastSeq: receipt.head.seq, lastHash: receipt.head.hash)
        return (store, before, after, pending)
    }

    /// Leaves the state of a writer killed after writing `count` bytes of its append.
    private func kill(after count: Int, of append: (before: [UInt8], after: [UInt8], pending: PendingAppend), in folder: TemporaryFolder) throws {
        Fixtures.writeEvents(append.before + append.after[append.before.count..<(append.before.count + count)], in: folder)
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
        let record = PendingAppend(start: 10, end: 2000, lastSeq: 7, lastHash: Digest(hex: String(repeating: "ab", count: 32))!)
        try record.save(to: lock)
        #expect(PendingAppend.read(from: lock) == record)
        for text in ["", "decisionlog-pending 1 10 5 7 \(String(repeating: "ab", count: 32)) end\n", "decisionlog-pending 2 10 2000 7 ab end\n", "junk"] {
            try lock.truncate(to: 0)
            try lock.write(Array(text.utf8), at: 0)
            #expect(PendingAppend.read(from: lock) == nil, "\(text)")
        }
    }
}
