import DecisionLog
import Foundation
import Synchronization

/// Builders for drafts, logs and stores used across the tests.
enum Fixtures {
    static let zone = TimeZoneRules.utc
    static let dana = Actor(name: "Dana Reyes", role: "CMO")
    static let lee = Actor(name: "Lee Park", role: "CPO")

    static func instant(_ text: String) -> Timestamp { try! TimeInput(parsing: text, in: zone).instant }

    static func date(_ text: String) -> CalendarDate { try! CalendarDate(parsing: text) }

    /// A validated draft of any payload.
    static func draft(_ payload: Payload, subject: String, actor: Actor = dana, effective: String = "2025-07-01",
                      reason: String? = nil, id: EventID? = nil, links: [EventID] = []) -> ValidatedDraft {
        ValidatedDraft(id: id, effectiveAt: instant(effective), actor: actor, subject: Subject(subject)!, reason: reason,
                       links: links, payload: payload)
    }

    /// The n-th of a varied sequence of drafts (launch commitments, priorities, metric definitions, goals), each
    /// valid on its own in any log.
    static func variedDraft(_ n: Int) -> ValidatedDraft {
        let day = date("2025-07-01").adding(days: n % 180)
        switch n % 4 {
        case 0: return draft(.launchScheduled(LaunchScheduled(name: "Launch \(n % 7)", date: day.adding(days: 30), scope: "review \(n)")), subject: "launch/l\(n % 7)", reason: "Reason \(n)")
        case 1: return draft(.priorityChanged(PriorityChanged(priority: .moscow([.must, .should, .could, .wont][n % 4]))), subject: "feature/f\(n % 11)", actor: lee)
        case 2: return draft(.metricDefined(MetricDefined(name: "Metric \(n) ü", unit: [.percent, .count, .days][n % 3], direction: n % 8 == 2 ? .higher : .lower)), subject: "metric/m\(n % 3)")
        default: return draft(.goalSet(GoalSet(title: "Goal \(n) “quoted” ü", timeframe: try! Timeframe(parsing: "2025-Q3"), owner: ["Dana Reyes", "Lee Park", "Priya Shah"][n % 3], target: Double(n), unit: .count)), subject: "goal/g\(n % 5)")
        }
    }

    /// A clock that advances one second per call from 2025-07-01.
    static func steppingClock() -> @Sendable () -> Timestamp {
        let next = Mutex(instant("2025-07-01T08:00").milliseconds)
        return { Timestamp(milliseconds: next.withLock { value in value += 1000; return value }) }
    }

    /// A new log in `folder` with `count` varied events, appended one at a time.
    @discardableResult
    static func log(in folder: TemporaryFolder, events count: Int, clock: (@Sendable () -> Timestamp)? = nil) throws -> FileEventStore {
        let config = LogConfig(logID: EventID.generate(at: .now()), createdAt: instant("2025-07-01"), timeZone: zone)
        let store = try FileEventStore.create(in: folder.logFolder, configuration: config, clock: clock ?? steppingClock())
        for n in 0..<count { _ = try store.append(AppendRequest(drafts: [variedDraft(n)], recordedBy: "test")) }
        return store
    }

    /// Appends `drafts`, sealed onto the log's end, past every check `append` makes — as an older
    /// decisionlog, or a teammate's editor, could have written them: for logs that break the domain rules.
    @discardableResult
    static func appendUnchecked(_ drafts: [ValidatedDraft], to store: FileEventStore) throws -> [Event] {
        let head = try store.head()
        var sealer = Sealer(head: head, recordedBy: "test")
        let now = head.seq == 0 ? instant("2024-01-01") : Timestamp(milliseconds: head.recordedAt.milliseconds + 1000)
        let batch = sealer.seal(drafts, now: now)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: store.folder.eventsFile))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(batch.bytes))
        try handle.close()
        return batch.events
    }

    /// The bytes of the log's events file.
    static func eventBytes(_ folder: TemporaryFolder) -> [UInt8] { try! FileSystem.readFile(folder.logFolder.eventsFile) }

    /// A checkpoint key for tests.
    static let checkpointKey = CheckpointKey(bytes: Array(repeating: 7, count: 32))

    /// The status of the log's events file.
    static func eventsStatus(_ folder: TemporaryFolder) throws -> FileStatus {
        let file = try FileDescriptor.open(folder.logFolder.eventsFile, .read)
        defer { file.close() }
        return try file.status()
    }

    /// Replaces the log's events file with `bytes`.
    static func writeEvents(_ bytes: [UInt8], in folder: TemporaryFolder) {
        try! FileSystem.replaceFile(folder.logFolder.eventsFile, with: bytes, durable: false)
    }

    /// Verifies the events file of `folder` with the chain verifier; returns the head or the problem.
    static func verify(_ folder: TemporaryFolder) -> Result<LogHead, IntegrityProblem> {
        let fd = try! FileDescriptor.open(folder.logFolder.eventsFile, .read)
        defer { fd.close() }
        do { return .success(try ChainVerifier.verify(fd)) } catch let problem as IntegrityProblem {
            return .failure(problem)
        } catch { fatalError("\(error)") }
    }
}
