import DecisionLog
import DecisionLogCLI
import Foundation
import Synchronization
import Testing

/// What one run of the tool produced.
struct RunResult {
    let status: Int32
    let stdout: String
    let stderr: String

    var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }
}

/// Runs `decisionlog` in-process (through `CommandLineTool.run`) or as the built executable.
enum Harness {
    /// The environment every run starts from: no actor, a fixed identity, UTC.
    static let baseEnvironment = ["DECISIONLOG_IDENTITY": "tester", "TZ": "UTC", "PATH": "/usr/bin:/bin"]

    /// A person's own settings for runs in `directory`: their settings file there, never the machine user's.
    static func personal(_ directory: String) -> [String: String] { ["XDG_CONFIG_HOME": Paths.join(directory, ".config")] }

    /// Runs the tool in this process with `arguments`, in `directory`, feeding `input` as standard input.
    static func run(_ arguments: [String], in directory: String, environment: [String: String] = [:], input: [UInt8] = []) -> RunResult {
        let out = Mutex(""), err = Mutex("")
        let console = Console(writeOut: { text in out.withLock { $0 += text } },
                              writeError: { text in err.withLock { $0 += text } },
                              readInput: { input })
        let status = CommandLineTool.run(arguments: arguments, environment: baseEnvironment.merging(personal(directory)) { $1 }.merging(environment) { $1 },
                                         currentDirectory: directory, console: console)
        return RunResult(status: status, stdout: out.withLock { $0 }, stderr: err.withLock { $0 })
    }

    /// The built `decisionlog` executable, beside the test bundle.
    static var executable: String {
        let testBinary = (try? FileSystem.readLink("/proc/self/exe")) ?? CommandLine.arguments[0]
        var folder = Paths.parent(of: testBinary)
        if folder.hasSuffix(".xctest") || folder.hasSuffix("/Contents/MacOS") { folder = Paths.parent(of: folder) }
        return Paths.join(folder, "decisionlog")
    }

    /// Launches the built executable (or, with `shell`, `/bin/sh -c shell` with `$DECISIONLOG` set to it) and
    /// waits for it.
    static func launch(_ arguments: [String] = [], shell: String? = nil, in directory: String,
                       environment: [String: String] = [:], input: [UInt8] = []) throws -> RunResult {
        try start(arguments, shell: shell, in: directory, environment: environment, input: input).finish()
    }

    /// A launched process whose output is collected when it is finished.
    struct Running {
        let process: Process
        let stdout: Pipe
        let stderr: Pipe

        /// Waits for the process and returns what it printed.
        func finish() -> RunResult {
            let outData = stdout.fileHandleForReading.readDataToEndOfFile()
            let errData = stderr.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return RunResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData, as: UTF8.self))
        }
    }

    /// A shell line run in `folder` as a member of a team sharing a log through git: git's identity,
    /// `DECISIONLOG_IDENTITY` and the decider (`DECISIONLOG_ACTOR`, with the role `teamRoles` gives) are `who`,
    /// `HOME` is `folder`, `key` signs, and the tool is on the PATH. Expects `status` (0 unless told), failing
    /// the test otherwise.
    @discardableResult
    static func teamShell(_ line: String, in folder: String, who: String = "Dana Reyes", key: String = "", status: Int32 = 0,
                          sourceLocation: SourceLocation = #_sourceLocation) throws -> RunResult {
        let environment = ["PATH": Paths.parent(of: executable) + ":/usr/bin:/bin", "GIT_AUTHOR_NAME": who, "GIT_AUTHOR_EMAIL": "x@example.com",
                           "GIT_COMMITTER_NAME": who, "GIT_COMMITTER_EMAIL": "x@example.com", "HOME": folder, "DECISIONLOG_IDENTITY": who,
                           "DECISIONLOG_SIGNING_KEY": key, "DECISIONLOG_ACTOR": who, "DECISIONLOG_ROLE": teamRoles[who] ?? "PM"]
        let result = try launch(shell: line, in: folder, environment: environment)
        #expect(result.status == status, "\(line): \(result.stderr)", sourceLocation: sourceLocation)
        return result
    }

    /// The roles of the team members the shell scenarios use.
    static let teamRoles = ["Dana Reyes": "CMO", "Lee Park": "CPO", "Mallory": "CPO"]

    /// Starts the built executable (or a shell script, as `launch`) without waiting for it.
    static func start(_ arguments: [String] = [], shell: String? = nil, in directory: String,
                      environment: [String: String] = [:], input: [UInt8] = []) throws -> Running {
        let process = Process()
        if let shell {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", shell]
        } else {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        }
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = baseEnvironment.merging(["DECISIONLOG": executable]) { $1 }.merging(personal(directory)) { $1 }.merging(environment) { $1 }
        let stdout = Pipe(), stderr = Pipe(), stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = stdin
        try process.run()
        stdin.fileHandleForWriting.write(Data(input))
        try stdin.fileHandleForWriting.close()
        return Running(process: process, stdout: stdout, stderr: stderr)
    }
}

/// A temporary folder, removed at the end of the test.
final class Workspace {
    let path: String

    init() {
        path = try! FileSystem.makeTemporaryDirectory(prefix: "decisionlog-cli-", environment: ProcessInfo.processInfo.environment)
    }

    deinit { try? FileSystem.removeTree(path) }

    /// The log folder `init` creates here.
    var log: String { Paths.join(path, ".decisionlog") }

    /// The bytes of every file of the log (events and configuration), to prove a command changed nothing.
    func logBytes() -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for name in ["events.jsonl", "config.json"] { files[name] = try? FileSystem.readFile(Paths.join(log, name)) }
        return files
    }

    /// Writes a file here (a schema, a file of drafts).
    func write(_ name: String, _ text: String) throws {
        try FileSystem.replaceFile(Paths.join(path, name), with: Array(text.utf8), durable: false)
    }

    /// The user's state folder for runs here ($XDG_STATE_HOME: where the checkpoint key is kept).
    var stateHome: String { Paths.join(path, ".state") }

    /// Runs the tool in-process here, with this workspace's state folder unless `environment` names one.
    @discardableResult
    func run(_ arguments: [String], environment: [String: String] = [:], input: [UInt8] = []) -> RunResult {
        Harness.run(arguments, in: path, environment: ["XDG_STATE_HOME": stateHome].merging(environment) { $1 }, input: input)
    }

    /// Runs `arguments` and checks the tool refused them: `status`, an error containing `message`, and every
    /// file of the log byte for byte as it was.
    func expectRefused(_ arguments: [String], status: Int32, message: String, environment: [String: String] = [:],
                       sourceLocation: SourceLocation = #_sourceLocation) {
        let before = logBytes()
        let result = run(arguments, environment: environment)
        #expect(result.status == status, sourceLocation: sourceLocation)
        #expect(result.stderr.contains(message), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(logBytes() == before, sourceLocation: sourceLocation)
    }

    /// A log with the launch story of issue 2's example: scheduled, then slipped.
    func seeded() -> Workspace {
        precondition(run(["init", "--actor", "Dana Reyes", "--role", "CMO", "--time-zone", "UTC"]).status == 0)
        precondition(run(["add", "launch.scheduled", "--subject", "launch/atlas", "--name", "Atlas GA", "--date", "2025-09-01", "--effective", "2025-07-01"]).status == 0)
        precondition(run(["add", "launch.slipped", "--subject", "launch/atlas", "--date", "2025-09-22", "--reason", "Security review", "--effective", "2025-08-11", "--actor", "Lee Park", "--role", "CPO"]).status == 0)
        precondition(run(["add", "goal.set", "--subject", "goal/q3-pipeline", "--title", "Grow pipeline", "--timeframe", "2025-Q3", "--target", "4.5", "--unit", "percent", "--effective", "2025-07-01"]).status == 0)
        return self
    }
}
