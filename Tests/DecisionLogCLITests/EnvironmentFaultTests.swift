import DecisionLog
import Foundation
import Testing
import DecisionLogTestSupport

/// A full disk, a file-size limit, a read-only log or file system, missing permissions and a log folder
/// removed mid-run each get a clear one-line error and a documented status, and leave the log as it was and
/// verifiable. The faults are real: a small tmpfs, the kernel's file-size limit, a read-only bind mount, an
/// unprivileged user (when the tests run as root, which permission bits do not stop).
@Suite(.serialized, .tags(.slow), .skippable(.slow))
struct EnvironmentFaultTests {
    /// True when this process may mount file systems (root in a namespace that allows it).
    static let canMount: Bool = {
        let probe = Workspace()
        let result = try? Harness.launch(shell: "mkdir m && mount -t tmpfs -o size=64k tmpfs m && umount m", in: probe.path)
        return result?.status == 0
    }()

    /// `command` run as an unprivileged user when the tests run as root, so permission bits apply.
    private static func unprivileged(_ command: String) -> String {
        getuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups \(command)" : command
    }

    /// 2,000 valid drafts, about 300 KB.
    private static func drafts(_ count: Int = 2_000) -> String {
        (1...count).map { #"{"type":"priority.changed","subject":"feature/f\#($0)","payload":{"framework":"rank","to":\#($0)}}"# }.joined(separator: "\n") + "\n"
    }

    private func expectRefused(_ result: RunResult, status: Int32, saying message: String) {
        #expect(result.status == status, "\(result.stderr)")
        #expect(result.stderrLines.count == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("Error: ") && result.stderr.contains(message), "\(result.stderr)")
    }

    private func expectVerifies(_ workspace: Workspace, events: Int, log: String = ".decisionlog") throws {
        let verified = try Harness.launch(["verify", "--log", log], in: workspace.path)
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout.hasPrefix("Verified \(events) event"), "\(verified.stdout)")
    }

    @Test(.enabled(if: canMount)) func aFullDiskRefusesTheImportAndChangesNothing() throws {
        let workspace = Workspace()
        #expect(try Harness.launch(shell: "mkdir small && mount -t tmpfs -o size=1m tmpfs small", in: workspace.path).status == 0)
        defer { _ = try? Harness.launch(shell: "umount small", in: workspace.path) }
        let log = "small/.decisionlog"
        #expect(workspace.run(["init", "--log", log, "--actor", "Dana Reyes", "--role", "CMO"]).status == 0)
        #expect(workspace.run(["add", "goal.set", "--log", log, "--subject", "goal/g", "--title", "G", "--timeframe", "2025"]).status == 0)
        try workspace.write("drafts.jsonl", Self.drafts())
        // Fill the rest of the file system.
        _ = try Harness.launch(shell: "dd if=/dev/zero of=small/filler bs=4k 2>/dev/null", in: workspace.path)
        let events = Paths.join(Paths.join(workspace.path, log), "events.jsonl")
        let before = try FileSystem.readFile(events)
        expectRefused(try Harness.launch(["import", "drafts.jsonl", "--log", log], in: workspace.path), status: 74, saying: "No space left on device")
        #expect(try FileSystem.readFile(events) == before)
        try expectVerifies(workspace, events: 1, log: log)
        // With room again, the same import goes through.
        try FileSystem.removeFile(Paths.join(workspace.path, "small/filler"))
        #expect(try Harness.launch(["import", "drafts.jsonl", "--log", log], in: workspace.path).status == 0)
        try expectVerifies(workspace, events: 2_001, log: log)
    }

    @Test func aFileSizeLimitRefusesTheImportAndChangesNothing() throws {
        let workspace = Workspace().seeded()
        try workspace.write("drafts.jsonl", Self.drafts())
        let before = workspace.logBytes()
        // The kernel refuses writes past 64 KiB with EFBIG (SIGXFSZ ignored, as a shell's trap leaves it).
        let result = try Harness.launch(shell: #"trap '' XFSZ; ulimit -f 64; exec "$DECISIONLOG" import drafts.jsonl"#, in: workspace.path)
        expectRefused(result, status: 74, saying: "File too large")
        #expect(workspace.logBytes() == before)
        try expectVerifies(workspace, events: 3)
        #expect(try Harness.launch(["import", "drafts.jsonl"], in: workspace.path).status == 0)
    }

    @Test func aReadOnlyLogIsStillReadButNotWritten() throws {
        let workspace = Workspace().seeded()
        #expect(try Harness.launch(shell: "chmod 755 . && chmod -R a+rX .decisionlog && chmod a-w .decisionlog .decisionlog/*", in: workspace.path).status == 0)
        defer { _ = try? Harness.launch(shell: "chmod -R u+w .decisionlog", in: workspace.path) }
        let before = workspace.logBytes()
        let add = try Harness.launch(shell: Self.unprivileged(#""$DECISIONLOG" add goal.set --subject goal/x --title X --timeframe 2025"#), in: workspace.path)
        expectRefused(add, status: 77, saying: "Permission denied")
        #expect(add.stderr.contains("check the permissions of the log folder"))
        for reader in ["log", "verify", "show launches", "head"] {
            let read = try Harness.launch(shell: Self.unprivileged(#""$DECISIONLOG" \#(reader)"#), in: workspace.path)
            #expect(read.status == 0, "\(reader): \(read.stderr)")
        }
        #expect(workspace.logBytes() == before)
    }

    @Test func aLogFolderWithoutPermissionIsAClearError() throws {
        let workspace = Workspace().seeded()
        #expect(try Harness.launch(shell: "chmod 755 . && chmod 000 .decisionlog/events.jsonl", in: workspace.path).status == 0)
        defer { _ = try? Harness.launch(shell: "chmod 644 .decisionlog/events.jsonl", in: workspace.path) }
        for command in ["log", "verify", "add goal.set --subject goal/x --title X --timeframe 2025"] {
            let result = try Harness.launch(shell: Self.unprivileged(#""$DECISIONLOG" \#(command)"#), in: workspace.path)
            expectRefused(result, status: 77, saying: "Permission denied")
        }
        _ = try Harness.launch(shell: "chmod 644 .decisionlog/events.jsonl", in: workspace.path)
        try expectVerifies(workspace, events: 3)
    }

    @Test(.enabled(if: canMount)) func aReadOnlyFileSystemIsAClearError() throws {
        let workspace = Workspace().seeded()
        #expect(try Harness.launch(shell: "mount --bind .decisionlog .decisionlog && mount -o remount,bind,ro .decisionlog", in: workspace.path).status == 0)
        defer { _ = try? Harness.launch(shell: "umount .decisionlog", in: workspace.path) }
        let before = workspace.logBytes()
        let add = try Harness.launch(["add", "goal.set", "--subject", "goal/x", "--title", "X", "--timeframe", "2025"], in: workspace.path)
        expectRefused(add, status: 77, saying: "Read-only file system")
        #expect(try Harness.launch(["log"], in: workspace.path).status == 0)
        try expectVerifies(workspace, events: 3)
        #expect(workspace.logBytes() == before)
    }

    @Test func aLogFolderRemovedDuringAnImportIsNeverReportedAsRecorded() throws {
        let workspace = Workspace().seeded()
        try workspace.write("drafts.jsonl", Self.drafts(40_000))
        let result = try Harness.launch(shell: #"""
            "$DECISIONLOG" import drafts.jsonl 2>err & pid=$!
            sleep 0.3; rm -rf .decisionlog
            wait $pid; status=$?; cat err >&2; exit $status
            """#, in: workspace.path)
        #expect([66, 74].contains(result.status), "status \(result.status): \(result.stderr)")
        #expect(result.stderrLines.count == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("Error: "))
        #expect(!FileSystem.exists(workspace.log))
    }
}
