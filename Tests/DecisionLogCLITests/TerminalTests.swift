import DecisionLog
import Foundation
import Testing

/// Terminal manners, on a real pseudo-terminal (`script` from util-linux): colour only on a terminal and never
/// with NO_COLOR, long output through the pager unless --no-pager, a progress bar only when standard error is
/// a terminal.
struct TerminalTests {
    static let script = ["/usr/bin/script", "/bin/script"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs `command` (a shell line; `$DECISIONLOG` is the tool) on a 10-row terminal; returns what the terminal showed.
    private func onTerminal(_ command: String, in workspace: Workspace, environment: [String: String] = [:]) throws -> String {
        let line = "stty rows 10 cols 120; " + command
        let result = try Harness.launch(shell: "\(try #require(TerminalTests.script)) -qec '\(line)' /dev/null", in: workspace.path,
                                        environment: ["XDG_STATE_HOME": workspace.stateHome].merging(environment) { $1 })
        #expect(result.status == 0)
        return result.stdout
    }

    @Test(.enabled(if: script != nil))
    func colourOnlyOnATerminalAndNeverWithNoColor() throws {
        let workspace = Workspace().seeded()
        let shown = try onTerminal("$DECISIONLOG show launches --no-pager", in: workspace)
        #expect(shown.contains("\u{1B}[1mLAUNCH "))
        let plain = try onTerminal("$DECISIONLOG show launches --no-pager", in: workspace, environment: ["NO_COLOR": "1"])
        #expect(plain.contains("LAUNCH ") && !plain.contains("\u{1B}["))
        let piped = try Harness.launch(["show", "launches"], in: workspace.path)
        #expect(!piped.stdout.contains("\u{1B}["))
        let error = try onTerminal("$DECISIONLOG show launchs --no-pager; true", in: workspace)
        #expect(error.contains("\u{1B}[1m\u{1B}[31mError:\u{1B}[0m Unknown view 'launchs'"))
    }

    @Test(.enabled(if: script != nil))
    func longOutputGoesThroughThePagerUnlessNoPager() throws {
        let workspace = Workspace().seeded()
        for n in 1...12 { _ = workspace.run(["add", "priority.changed", "--subject", "feature/f\(n)", "--framework", "rank", "--to", "\(n)"]) }
        let paged = Paths.join(workspace.path, "paged.txt")
        let pager = ["PAGER": "cat > \(paged)"]
        let shown = try onTerminal("$DECISIONLOG log", in: workspace, environment: pager)
        #expect(!shown.contains("feature/f12"))
        let text = String(decoding: try FileSystem.readFile(paged), as: UTF8.self)
        #expect(text.contains("feature/f12") && text.contains("\u{1B}[1mSEQ"))
        try FileSystem.removeFile(paged)
        #expect(try onTerminal("$DECISIONLOG log --no-pager", in: workspace, environment: pager).contains("feature/f12"))
        #expect(try onTerminal("$DECISIONLOG --no-pager log", in: workspace, environment: ["DECISIONLOG_PAGER": "cat > \(paged)"]).contains("feature/f12"))
        #expect(try onTerminal("$DECISIONLOG show goals", in: workspace, environment: pager).contains("goal/q3-pipeline"))
        #expect(!FileSystem.exists(paged), "a pager ran for output that fits, or despite --no-pager")
    }

    @Test(.enabled(if: script != nil))
    func verifyShowsProgressOnlyWhenStandardErrorIsATerminal() throws {
        let workspace = Workspace().seeded()
        let delay = ["DECISIONLOG_PROGRESS_DELAY": "0"]
        let shown = try onTerminal("$DECISIONLOG verify", in: workspace, environment: delay)
        #expect(shown.contains("Verifying  [########################]  100%"))
        #expect(shown.contains("\r\u{1B}[K"))
        let redirected = try onTerminal("$DECISIONLOG verify 2>errors.txt", in: workspace, environment: delay)
        #expect(!redirected.contains("Verifying"))
        #expect(try FileSystem.readFile(Paths.join(workspace.path, "errors.txt")).isEmpty)
    }

    @Test(.enabled(if: script != nil))
    func importAndCheckpointRebuildShowProgressOnATerminal() throws {
        let workspace = Workspace().seeded()
        let drafts = (1...20_000).map { #"{"type":"priority.changed","subject":"feature/f\#($0)","payload":{"framework":"rank","to":\#($0)}}"# }
        try workspace.write("drafts.jsonl", drafts.joined(separator: "\n") + "\n")
        let delay = ["DECISIONLOG_PROGRESS_DELAY": "0"]
        let imported = try onTerminal("$DECISIONLOG import drafts.jsonl", in: workspace, environment: delay)
        #expect(imported.contains("Checking  [########################]  100%  1.9 MB of 1.9 MB"))
        #expect(imported.contains("Reading what the log holds about 20,000 drafts…"))
        #expect(imported.contains("Recording  [########################]  100%  1.9 MB of 1.9 MB") && imported.contains("Syncing…"))
        #expect(imported.contains("\r\u{1B}[KImported 20000 events (#4–#20003) from drafts.jsonl"))
        let rebuilt = try onTerminal("$DECISIONLOG checkpoint --rebuild", in: workspace, environment: delay)
        #expect(rebuilt.contains("Rebuilding  ["))
        let quiet = try onTerminal("$DECISIONLOG checkpoint --rebuild 2>/dev/null", in: workspace, environment: delay)
        #expect(!quiet.contains("Rebuilding") && quiet.contains("Checkpoints of goals"))
    }
}
