import DecisionLog
import Foundation
import Testing

/// The file store: creation, durable gapless appends, idempotency, optimistic concurrency, references,
/// refusing broken logs, and repair.
struct FileEventStoreTests {
    func config() -> LogConfig {
        LogConfig(logID: EventID.generate(at: .now()), createdAt: Fixtures.instant("2025-07-01"), timeZone: .utc)
    }

    @Test func createMakesAnEmptyVerifiableLog() throws {
        let folder = TemporaryFolder()
        let store = try FileEventStore.create(in: folder.logFolder, configuration: config())
        #expect(FileSystem.exists(folder.logFolder.eventsFile))
        #expect(FileSystem.exists(folder.logFolder.lockFile))
        #expect(Fixtures.eventBytes(folder).isEmpty)
        #expect(try store.verify(progress: nil) == .empty)
        let reopened = try FileEventStore(opening: folder.logFolder)
        #expect(reopened.configuration == store.configuration)
    }

    @Test func createRefusesAnExistingLog() throws {
        let folder = TemporaryFolder()
        try FileEventStore.create(in: folder.logFolder, configuration: config())
        #expect { try FileEventStore.create(in: folder.logFolder, configuration: config()) } throws: { ($0 as? LogError)?.code == .alreadyExists }
    }

    @Test func appendsAreGaplessAndChained() throws {
        let folder = TemporaryFolder()
        let store = try Fixtures.log(in: folder, events: 25)
        let receipt = try store.append(AppendRequest(drafts: (25..<30).map(Fixtures.variedDraft), recordedBy: "t"))
        #expect(receipt.appended.map(\.seq) == Array(26...30))
        #expect(receipt.head.seq == 30)
        guard case .success(let head) = Fixtures.verify(folder) else { Issue.record("log does not verify"); return }
        #expect(head == receipt.head)
    }

    @Test func anIDAlreadyInTheLogIsANoOp() throws {
        let folder = TemporaryFolder()
        let store = try Fixtures.log(in: folder, events: 3)
        let id = EventID.generate(at: .now())
        let draft = Fixtures.draft(.launchScheduled(LaunchScheduled(name: "Atlas", date: Fixtures.date("2025-09-24"))), subject: "launch/atlas", id: id)
        let first = try store.append(AppendRequest(drafts: [draft], recordedBy: "t"))
        #expect(first.appended.count == 1)
        let before = Fixtures.eventBytes(folder)
        let again = try store.append(AppendRequest(drafts: [draft], recordedBy: "t"))
        #expect(again.appended.isEmpty)
        #expect(again.alreadyPresent.map(\.id) == [id])
        #expect(again.alreadyPresent.map(\.seq) == [4])
        // Other content under the id is a conflict, and refuses the whole request, fresh drafts included.
        let changed = Fixtures.draft(.launchShipped(LaunchShipped(date: Fixtures.date("2025-09-25"))), subject: "launch/atlas", id: id)
        let fresh = Fixtures.draft(.launchShipped(LaunchShipped(date: Fixtures.date("2025-09-26"))), subject: "launch/atlas")
        do {
            _ = try store.append(AppendRequest(drafts: [fresh, changed], recordedBy: "t"))
            Issue.record("a changed duplicate was accepted")
        } catch {
            #expect(error.code == .conflict)
            #expect(error.rejections.map(\.position) == [1])
            #expect(error.message.hasPrefix("drafts[1].id: \(id) is already in the log as #4 with different content"))
        }
        #expect(Fixtures.eventBytes(folder) == before)
    }

    @Test func anExpectedVersionThatDoesNotMatchChangesNothing() throws {
        let folder = TemporaryFolder()
        let store = try Fixtures.log(in: folder, events: 14)  // launch/l0 has events 0 and 28… of 14: n % 4 == 0 && n % 7 == 0 → n = 0
        let subject = Subject("launch/l0")!
        let count = try store.events(matching: .seq(1)).count
        #expect(count == 1)
        let before = Fixtures.eventBytes(folder)
        let move = Fixtures.draft(.launchSlipped(LaunchSlipped(date: Fixtures.date("2025-10-01"))), subject: subject.text)
        #expect {
            try store.append(AppendRequest(drafts: [move], recordedBy: "t", expectedVersion: (subject, 5)))
        } throws: { error in
            guard let error = error as? LogError, error.code == .conflict else { return false }
            return error.message.contains("has 1 event, not the 5 expected")
        }
        #expect(Fixtures.eventBytes(folder) == before)
        #expect(try store.append(AppendRequest(drafts: [move], recordedBy: "t", expectedVersion: (subject, 1))).appended.count == 1)
    }

    @Test func retractionsAndLinksMustPointIntoTheLog() throws {
        let folder = TemporaryFolder()
        let store = try Fixtures.log(in: folder, events: 4)
        let first = try #require(try store.events(matching: .seq(1)).first)
        let before = Fixtures.eventBytes(folder)
        let missing = EventID.generate(at: .now())
        let cases: [(ValidatedDraft, String)] = [
            (Fixtures.draft(.eventRetracted(EventRetracted(event: missing)), subject: first.subject.text, reason: "wrong"), "no event with id"),
            (Fixtures.draft(.eventRetracted(EventRetracted(event: first.id)), subject: "launch/other", reason: "wrong"), "a retraction is about the retracted event's subject"),
            (Fixtures.draft(.launchShipped(LaunchShipped(date: Fixtures.date("2025-09-24"))), subject: "launch/atlas", links: [missing]), "links[0]: no event with id"),
        ]
        for (draft, message) in cases {
            #expect {
                try store.append(AppendRequest(drafts: [draft], recordedBy: "t"))
            } throws: { error in
                (error as? LogError)?.code == .rejectedDraft && (error as? LogError)?.message.contains(message) == true
            }
        }
        #expect(Fixtures.eventBytes(folder) == before)
        let retraction = Fixtures.draft(.eventRetracted(EventRetracted(event: first.id)), subject: first.subject.text, reason: "wrong")
        #expect(try store.append(AppendRequest(drafts: [retraction], recordedBy: "t")).appended.count == 1)
        #expect {
            try store.append(AppendRequest(drafts: [retraction], recordedBy: "t"))
        } throws: { ($0 as? LogError)?.message.contains("already retracted by #5") == true }
    }

    @Test func anAppendRefusesToExtendATamperedLog() throws {
        let folder = TemporaryFolder()
        let store = try Fixtures.log(in: folder, events: 10)
        var bytes = Fixtures.eventBytes(folder)
        let index = bytes.firstIndex(of: UInt8(ascii: "R"))!  // "Reason 0" in the first event
        bytes[index] = UInt8(ascii: "S")
        Fixtures.writeEvents(bytes, in: folder)
        #expect {
            try store.append(AppendRequest(drafts: [Fixtures.variedDraft(10)], recordedBy: "t"))
        } throws: { error in
            guard let error = error as? LogError else { return false }
            return error.code == .integrity && error.problem?.seq == 1 && error.problem?.kind == .hashMismatch
        }
        #expect(Fixtures.eventBytes(folder) == bytes)
    }

    @Test func anAppendRefusesAnIncompleteLastLineAndRepairRemovesIt() throws {
        let folder = TemporaryFolder()
        let store = try Fixtures.log(in: folder, events: 5)
        let complete = Fixtures.eventBytes(folder)
        let torn = complete + Array(#"{"seq":6,"id":"01a2"#.utf8)
        Fixtures.writeEvents(torn, in: folder)
        #expect {
            try store.append(AppendRequest(drafts: [Fixtures.variedDraft(5)], recordedBy: "t"))
        } throws: { ($0 as? LogError)?.problem?.kind == .incompleteTail }
        #expect(Fixtures.eventBytes(folder) == torn)

        // Readers skip the incomplete line.
        var seen = 0
        let end = try store.forEachEvent { _, _ in seen += 1; return true }
        #expect(seen == 5)
        #expect(end.skippedInterruptedWrite)

        let report = try store.repair()
        #expect(report.removedBytes == torn.count - complete.count)
        #expect(report.head.seq == 5)
        #expect(Fixtures.eventBytes(folder) == complete)
        #expect(try FileSystem.readFile(try #require(report.savedCopy)) == Array(torn[complete.count...]))
        #expect(try store.repair().removedBytes == 0)
        #expect(try store.append(AppendRequest(drafts: [Fixtures.variedDraft(5)], recordedBy: "t")).head.seq == 6)
    }

    @Test func repairRefusesToTouchATamperedLog() throws {
        let folder = TemporaryFolder()
        let store = try Fixtures.log(in: folder, events: 5)
        var lines = Fixtures.eventBytes(folder).split(separator: 0x0A).map(Array.init)
        lines.swapAt(1, 2)
        let bytes = lines.flatMap { $0 + [0x0A] } + Array("{\"partial".utf8)
        Fixtures.writeEvents(bytes, in: folder)
        #expect { try store.repair() } throws: { ($0 as? LogError)?.code == .integrity }
        #expect(Fixtures.eventBytes(folder) == bytes)
    }

    @Test func theTailCacheIsNotTrustedAfterTheFileChanges() throws {
        let folder = TemporaryFolder()
        let store = try Fixtures.log(in: folder, events: 6)
        // Rewrite the file with identical bytes: the cache no longer matches, so the next append verifies.
        Fixtures.writeEvents(Fixtures.eventBytes(folder), in: folder)
        #expect(try store.append(AppendRequest(drafts: [Fixtures.variedDraft(6)], recordedBy: "t")).head.seq == 7)
        // Remove the cache: same result.
        try FileSystem.removeFile(Paths.join(folder.logFolder.cacheFolder, "tail"))
        #expect(try store.append(AppendRequest(drafts: [Fixtures.variedDraft(7)], recordedBy: "t")).head.seq == 8)
        guard case .success = Fixtures.verify(folder) else { Issue.record("log does not verify"); return }
    }

    @Test func aNewerFormatIsRefusedWithAnUpgradeHint() throws {
        let folder = TemporaryFolder()
        try FileEventStore.create(in: folder.logFolder, configuration: config())
        var text = String(decoding: try FileSystem.readFile(folder.logFolder.configFile), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"format\": 1", with: "\"format\": 2")
        try FileSystem.replaceFile(folder.logFolder.configFile, with: Array(text.utf8), durable: false)
        #expect { try FileEventStore(opening: folder.logFolder) } throws: { error in
            (error as? LogError)?.code == .unsupportedFormat && (error as? LogError)?.hint == "upgrade decisionlog"
        }
    }

    @Test func locatingWalksUpLikeGit() throws {
        let folder = TemporaryFolder()
        let log = LogFolder(path: ".decisionlog", currentDirectory: folder.path)
        try FileEventStore.create(in: log, configuration: config())
        let deep = Paths.join(folder.path, "a/b/c")
        try FileSystem.makeDirectories(deep)
        #expect(try LogFolder.locate(explicitPath: nil, environment: [:], currentDirectory: deep) == log)
        #expect(try LogFolder.locate(explicitPath: nil, environment: ["DECISIONLOG_DIR": log.path], currentDirectory: "/") == log)
        #expect { try LogFolder.locate(explicitPath: "nope", environment: [:], currentDirectory: deep) } throws: { ($0 as? LogError)?.code == .notFound }
    }
}
