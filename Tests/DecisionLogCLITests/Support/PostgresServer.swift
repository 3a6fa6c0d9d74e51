import DecisionLog
import DecisionLogTestSupport
import Foundation
import Testing

/// A real PostgreSQL server for the store's tests: the one `$DECISIONLOG_TEST_POSTGRES` names (a URL; `.ci/run`
/// starts one on a Unix socket), else one started here with `Tools/postgres/start.sh` in a temporary folder
/// when Debian's server is installed. Each test gets a database of its own.
struct PostgresServer: Sendable {
    /// The server's URL (its `postgres` database, as the `postgres` superuser).
    let url: String
    /// The folder its socket is in.
    let socketFolder: String

    /// The shared server, or why there is none.
    static let shared: PostgresServer? = {
        let environment = ProcessInfo.processInfo.environment
        if let url = environment["DECISIONLOG_TEST_POSTGRES"], !url.isEmpty {
            return PostgresServer(url: url, socketFolder: url.components(separatedBy: "host=").last ?? "")
        }
        let folder = (try? FileSystem.makeTemporaryDirectory(prefix: "decisionlog-pg-", environment: environment)) ?? "/tmp/decisionlog-pg"
        guard let server = try? start(in: folder) else { return nil }
        atexit { if let folder = startedFolder { _ = system("bash '\(PostgresServer.script("stop.sh"))' '\(folder)' immediate") } }
        startedFolder = folder
        return server
    }()

    /// The folder of the server this process started, to stop at exit. Safe unsynchronised: written once, by
    /// `shared`'s one-time initialiser, before the exit handler that reads it can run.
    nonisolated(unsafe) private static var startedFolder: String? = nil

    /// Whether the store's tests can run: a server, or `$DECISIONLOG_REQUIRE_POSTGRES` to fail without one.
    static var isAvailable: Bool { shared != nil || ProcessInfo.processInfo.environment["DECISIONLOG_REQUIRE_POSTGRES"] == "1" }

    /// Starts a new server in `folder` (initdb, then pg_ctl on a Unix socket there, no TCP). Run with
    /// `system`, not `Process`: the server outlives the script, and Foundation can miss that script's exit.
    static func start(in folder: String) throws -> PostgresServer {
        let output = folder + ".url"
        let status = system("bash '\(script("start.sh"))' '\(folder)' >'\(output)' 2>'\(output).err'")
        defer { try? FileSystem.removeTree(output); try? FileSystem.removeTree(output + ".err") }
        guard status == 0, let url = try? String(contentsOfFile: output, encoding: .utf8) else {
            throw PostgresUnavailable(reason: (try? String(contentsOfFile: output + ".err", encoding: .utf8)) ?? "start.sh failed")
        }
        return PostgresServer(url: url.trimmingCharacters(in: .whitespacesAndNewlines), socketFolder: folder)
    }

    /// Stops the server started in `socketFolder` (`mode`: fast, or immediate — a crash).
    func stop(_ mode: String) throws {
        #expect(system("bash '\(Self.script("stop.sh"))' '\(socketFolder)' \(mode)") == 0)
    }

    /// Starts again the server stopped in `socketFolder`.
    func restart() throws { _ = try Self.start(in: socketFolder) }

    /// A new, empty database on this server; its URL.
    func newDatabase() throws -> String {
        let name = "dl_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try psql("CREATE DATABASE \(name)")
        return url.replacingOccurrences(of: "@/postgres?", with: "@/\(name)?")
    }

    /// Runs `sql` with psql as the superuser on `database` (default: the server's own); returns its output,
    /// or throws with psql's error.
    @discardableResult
    func psql(_ sql: String, database: String? = nil, user: String = "postgres") throws -> RunResult {
        var target = database ?? url
        if user != "postgres" { target = target.replacingOccurrences(of: "postgres@", with: "\(user)@") }
        let result = try Harness.launch(shell: "psql -X -q -t -A -v ON_ERROR_STOP=1 \"$TARGET\" -c \"$SQL\"", in: "/", environment: ["TARGET": target, "SQL": sql])
        return result
    }

    /// The path of a script in Tools/postgres.
    static func script(_ name: String) -> String {
        Paths.join(Paths.parent(of: Paths.parent(of: Paths.parent(of: Paths.parent(of: #filePath)))), "Tools/postgres/\(name)")
    }
}

/// Why a server could not be started.
struct PostgresUnavailable: Error {
    let reason: String
}
