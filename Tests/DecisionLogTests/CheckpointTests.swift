@testable import DecisionLog
import Foundation
import Testing

/// Checkpoints: a view started from one and folded on answers exactly as a replay from the first event, on
/// both clocks, whatever came after it (back-dated events, retractions of older events, team types); and a
/// checkpoint that is damaged, of another log, of a log rewritten since, or beyond a known-at point is not
/// used.
struct CheckpointTests {
    /// A log of `batches` × 250 random events in `folder`, written past the domain rules (so the views meet
    /// what an older log may hold: moves of launches never scheduled, goals closed twice).
    static func log(in folder: TemporaryFolder, batches: Int, seed: UInt64 = 7, continuing random: inout RandomLog) throws -> FileEventStore {
        let store = try FileEventStore(opening: folder.logFolder)
        for _ in 0..<batches { random.appended(try Fixtures.appendUnchecked(random.drafts(250), to: store)) }
        return store
    }

    static func newLog(in folder: TemporaryFolder, batches: Int, random: inout RandomLog) throws -> FileEventStore {
        let config = LogConfig(logID: EventID.generate(at: .now()), createdAt: Fixtures.instant("2024-01-01"), timeZone: .utc)
        let store = try FileEventStore.create(in: folder.logFolder, configuration: config, clock: Fixtures.steppingClock())
        random.appended(try store.append(AppendRequest(drafts: [RandomLog.registration], recordedBy: "test")).appended)
        return try log(in: folder, batches: batches, continuing: &random)
    }

    static let views = Views.all.filter { $0.name != "timeline" }

    /// Every view's table at several moments, from a replay with `checkpoints` (nil: from the first event).
    static func tables(_ store: FileEventStore, known: Cut.Known = .everything, checkpoints: CheckpointStore?) throws -> [ViewTable] {
        let replay = try Replay(store, views: views, known: known, checkpoints: checkpoints)
        let moments = ["2024-06-30", "2024-12-31", "2025-09-30", "2029-12-31"].map { AsOf(Fixtures.instant($0)) }
        return views.flatMap { view in moments.map { replay.table(view, asOf: $0) } }
    }

    static func checkpoints(_ store: FileEventStore, every interval: Int = 500) -> CheckpointStore {
        CheckpointStore(folder: store.folder, logID: store.configuration.logID, key: Fixtures.checkpointKey, interval: interval)
    }

    @Test func aViewFromACheckpointAnswersAsAReplayFromTheStart() throws {
        let folder = TemporaryFolder()
        var random = RandomLog(seed: 11)
        let store = try Self.newLog(in: folder, batches: 8, random: &random)
        let checkpoints = Self.checkpoints(store)
        // The first replay leaves a checkpoint of every view at the head.
        let cold = try Self.tables(store, checkpoints: nil)
        #expect(try Self.tables(store, checkpoints: checkpoints) == cold)
        for view in Self.views { #expect(checkpoints.seqs(of: view.name) == [2001], "\(view.name)") }
        #expect(try Self.tables(store, checkpoints: checkpoints) == cold)

        // Events after it — back-dated ones, retractions of events before it — fold onto it.
        _ = try Self.log(in: folder, batches: 3, continuing: &random)
        #expect(try Self.tables(store, checkpoints: checkpoints) == Self.tables(store, checkpoints: nil))
        // Those 750 events are over the interval: every view has a newer checkpoint, and the older is kept.
        for view in Self.views { #expect(checkpoints.seqs(of: view.name) == [2751, 2001], "\(view.name)") }
        #expect(try Self.tables(store, checkpoints: checkpoints) == Self.tables(store, checkpoints: nil))
    }

    @Test func theMACCoversEveryPartOfTheBody() throws {
        // Three parts, the last a short one: each part's hash is the hash of its bytes, and a byte changed in any
        // part changes the MAC.
        var body = (0..<(2 * CheckpointFile.macPartLength + 1000)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }
        let header = [UInt8](repeating: 7, count: CheckpointFile.macOffset)
        func mac() -> Digest {
            header.withUnsafeBytes { header in body.withUnsafeBytes { CheckpointFile.mac(header: header, body: $0, key: Fixtures.checkpointKey) } }
        }
        let parts = body.withUnsafeBytes { SHA256.partHashes(of: $0, partLength: CheckpointFile.macPartLength) }
        #expect(parts == [body[..<CheckpointFile.macPartLength], body[CheckpointFile.macPartLength..<(2 * CheckpointFile.macPartLength)],
                          body[(2 * CheckpointFile.macPartLength)...]].map { SHA256.hash(Array($0)) })
        let original = mac()
        for offset in [0, CheckpointFile.macPartLength + 5, body.count - 1] {
            body[offset] ^= 1
            #expect(mac() != original, "a byte changed at \(offset)")
            body[offset] ^= 1
        }
        #expect(mac() == original)
        #expect([UInt8]().withUnsafeBytes { SHA256.partHashes(of: $0, partLength: 16) }.isEmpty)
    }

    @Test func aKnownAtPointUsesOnlyACheckpointWithinIt() throws {
        let folder = TemporaryFolder()
        var random = RandomLog(seed: 12)
        let store = try Self.newLog(in: folder, batches: 4, random: &random)
        _ = try Self.tables(store, checkpoints: Self.checkpoints(store))
        _ = try Self.log(in: folder, batches: 4, continuing: &random)
        let checkpoints = Self.checkpoints(store)
        _ = try Self.tables(store, checkpoints: checkpoints)
        #expect(checkpoints.seqs(of: "goals") == [2001, 1001])
        for known in [Cut.Known.seq(1500), .seq(1001), .seq(700), .recorded(Fixtures.instant("2025-07-01T08:30"))] {
            #expect(try Self.tables(store, known: known, checkpoints: checkpoints) == Self.tables(store, known: known, checkpoints: nil), "\(known)")
        }
    }

    @Test func aDamagedCheckpointIsNotUsedAndIsRemoved() throws {
        let folder = TemporaryFolder()
        var random = RandomLog(seed: 13)
        let store = try Self.newLog(in: folder, batches: 4, random: &random)
        let checkpoints = Self.checkpoints(store)
        let cold = try Self.tables(store, checkpoints: checkpoints)
        let path = Paths.join(checkpoints.folder, "goals/1001.ckpt")
        var bytes = try FileSystem.readFile(path)
        bytes[bytes.count / 2] ^= 0x40
        try FileSystem.replaceFile(path, with: bytes, durable: false)
        #expect(try Self.tables(store, checkpoints: Self.checkpoints(store, every: 100_000)) == cold)
        #expect(!FileSystem.exists(path))
    }

    @Test func aCheckpointOfAnotherOrARewrittenLogIsNotUsed() throws {
        var random = RandomLog(seed: 14)
        let folder = TemporaryFolder()
        let store = try Self.newLog(in: folder, batches: 4, random: &random)
        _ = try Self.tables(store, checkpoints: Self.checkpoints(store))

        // The same events under another log id: its checkpoints name the first log.
        var again = RandomLog(seed: 14)
        let other = TemporaryFolder()
        let otherStore = try Self.newLog(in: other, batches: 4, random: &again)
        try FileSystem.makeDirectories(Paths.join(other.logFolder.cacheFolder, "checkpoints"))
        for view in Self.views {
            let from = Paths.join(Self.checkpoints(store).folder, view.name), to = Paths.join(Self.checkpoints(otherStore).folder, view.name)
            try FileSystem.makeDirectories(to)
            try FileSystem.replaceFile(Paths.join(to, "1001.ckpt"), with: FileSystem.readFile(Paths.join(from, "1001.ckpt")), durable: false)
        }
        let unused = Self.checkpoints(otherStore, every: 100_000)
        #expect(try Self.tables(otherStore, checkpoints: unused) == Self.tables(otherStore, checkpoints: nil))
        #expect(unused.seqs(of: "goals").isEmpty)

        // The log rewritten after its checkpoint was made (a different history checked out): event 1001 is
        // no longer where the checkpoint says.
        var rewritten = RandomLog(seed: 99)
        let events = Fixtures.eventBytes(folder)
        let cut = events.prefix { _ in true }.split(separator: 0x0A, maxSplits: 500, omittingEmptySubsequences: false).dropLast().map { Array($0) + [0x0A] }.joined()
        Fixtures.writeEvents(Array(cut), in: folder)
        try? FileSystem.removeFile(Paths.join(folder.logFolder.cacheFolder, "tail"))
        let reopened = try FileEventStore(opening: folder.logFolder)
        for _ in 0..<3 { rewritten.appended(try Fixtures.appendUnchecked(rewritten.drafts(250).filter {
            if case .custom = $0.payload { return false }
            if case .eventRetracted = $0.payload { return false }
            return true
        }, to: reopened)) }
        let checkpoints = Self.checkpoints(reopened, every: 100_000)
        #expect(try Self.tables(reopened, checkpoints: checkpoints) == Self.tables(reopened, checkpoints: nil))
        #expect(checkpoints.seqs(of: "goals").isEmpty)
    }

    /// A checkpoint is believed only when this person's key made it: one made with another key — by hand, by
    /// another user of the folder, copied from elsewhere — is not used and is removed.
    @Test func aCheckpointMadeWithAnotherKeyIsNotUsed() throws {
        let folder = TemporaryFolder()
        var random = RandomLog(seed: 15)
        let store = try Self.newLog(in: folder, batches: 4, random: &random)
        let theirs = CheckpointStore(folder: store.folder, logID: store.configuration.logID, key: CheckpointKey(bytes: Array(repeating: 9, count: 32)), interval: 500)
        let cold = try Self.tables(store, checkpoints: nil)
        _ = try Self.tables(store, checkpoints: theirs)
        #expect(theirs.seqs(of: "launches") == [1001])
        let ours = Self.checkpoints(store, every: 100_000)
        #expect(try Self.tables(store, checkpoints: ours) == cold)
        #expect(ours.seqs(of: "launches").isEmpty)
    }

    /// A checkpoint someone else could write — another user owns it, or anyone may write it — is not used,
    /// even with a good MAC: it could change after it was checked, while it is mapped (or be cut short under
    /// the mapping, which would crash the query).
    @Test func aCheckpointOthersCanWriteIsNotUsed() throws {
        let folder = TemporaryFolder()
        var random = RandomLog(seed: 18)
        let store = try Self.newLog(in: folder, batches: 4, random: &random)
        let checkpoints = Self.checkpoints(store)
        let cold = try Self.tables(store, checkpoints: checkpoints)
        let path = Paths.join(checkpoints.folder, "launches/1001.ckpt")
        #expect(chmod(path, 0o666) == 0)
        #expect(try Self.tables(store, checkpoints: Self.checkpoints(store, every: 100_000)) == cold)
        #expect(!FileSystem.exists(path))
        #expect(checkpoints.seqs(of: "goals") == [1001])
    }

    /// Checkpoints are written only after every event they fold matched its hash and linked to the one
    /// before: a log changed in place (its chain broken at #1) gets none, so restoring it cannot bring back
    /// a checkpoint of the changed text.
    @Test func aCheckpointOnlyFollowsEventsThatVerify() throws {
        let folder = TemporaryFolder()
        var random = RandomLog(seed: 16)
        let store = try Self.newLog(in: folder, batches: 4, random: &random)
        let original = Fixtures.eventBytes(folder)
        let text = String(decoding: original, as: UTF8.self)
        let firstLine = text.prefix { $0 != "\n" }
        let changed = firstLine.replacingOccurrences(of: "\"subject\":\"", with: "\"subject\":\"x")
        Fixtures.writeEvents(Array((changed + text.dropFirst(firstLine.count)).utf8), in: folder)
        let checkpoints = Self.checkpoints(store)
        let replay = try Replay(store, views: Self.views, known: .everything, checkpoints: checkpoints)
        #expect(replay.chainBrokenAt == 1)
        for view in Self.views { #expect(checkpoints.seqs(of: view.name).isEmpty, "\(view.name)") }
        Fixtures.writeEvents(original, in: folder)
        #expect(try Self.tables(store, checkpoints: checkpoints) == Self.tables(store, checkpoints: nil))
    }

    /// `verify`'s audit: a checkpoint that holds what a replay gives is kept; one that carries a good MAC but
    /// another state (a bug, or someone with the key) is reported and removed; one with a bad MAC is
    /// reported as never used, and removed.
    @Test func theAuditFindsACheckpointThatDisagreesWithAReplay() throws {
        let folder = TemporaryFolder()
        var random = RandomLog(seed: 17)
        let store = try Self.newLog(in: folder, batches: 4, random: &random)
        let checkpoints = Self.checkpoints(store)
        _ = try Self.tables(store, checkpoints: checkpoints)
        var audit = try checkpoints.audit(store)
        #expect(audit.matching == Self.views.count && audit.disagreeing.isEmpty && audit.rejected.isEmpty)

        // A launches checkpoint at #1001 holding the state after only the first 900 events, under the right key.
        var launches: [Event] = []
        _ = try store.forEachEvent { event, _ in launches.append(event); return event.seq < 1001 }
        let runner = Views.named("launches")!.makeRunner()
        for event in launches.prefix(900) { runner.fold(event, Stamp(event)) }
        var writer = CheckpointWriter()
        runner.save!(&writer)
        let real = try #require(checkpoints.stored("launches", seq: 1001))
        let header = try #require(checkpoints.checked(real)).header
        try FileSystem.replaceFile(Paths.join(checkpoints.folder, "launches/1001.ckpt"), with: checkpoints.bytes(writer, header), durable: false)
        // …and a goals checkpoint with one byte changed.
        var goals = try #require(checkpoints.stored("goals", seq: 1001))
        goals[goals.count - 9] ^= 1
        try FileSystem.replaceFile(Paths.join(checkpoints.folder, "goals/1001.ckpt"), with: goals, durable: false)

        audit = try checkpoints.audit(store)
        #expect(audit.disagreeing.map { "\($0.view)#\($0.seq)" } == ["launches#1001"])
        #expect(audit.rejected.map { "\($0.view)#\($0.seq)" } == ["goals#1001"])
        #expect(audit.matching == Self.views.count - 2)
        #expect(checkpoints.seqs(of: "launches").isEmpty && checkpoints.seqs(of: "goals").isEmpty)
    }
}
