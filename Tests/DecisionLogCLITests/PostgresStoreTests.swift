import DecisionLog
import DecisionLogTestSupport
import Foundation
import Synchronization
import Testing

/// Logs kept in a real PostgreSQL server (`.ci/run` starts one on a Unix socket; locally one is started in
/// a temporary folder): the same bytes and answers as a file, many writers at once, kills and a crashed
/// server losing nothing acknowledged, the database refusing changes, `log --follow`, and the mirror.
@Suite(.tags(.postgres), .skippable(.postgres), .enabled(if: PostgresServer.isAvailable, "no PostgreSQL server: install Debian's postgresql"))
struct PostgresStoreTests {
    /// The server; fails the test when there is none but one is required.
    private func server() throws -> PostgresServer {
        try #require(PostgresServer.shared, "no PostgreSQL server could be started, and $DECISIONLOG_REQUIRE_POSTGRES is set")
    }

    /// The Tools/reliability script `name`.
    private static func script(_ name: String) -> String {
        Paths.join(Paths.parent(of: Paths.parent(of: Paths.parent(of: #filePath))), "Tools/reliability/\(name)")
    }

    /// The demo migrated into a database answers every golden question byte for byte as the file does, and
    /// its events are the file's bytes: `log --format jsonl` is the events file, and the head is the same.
    @Test func theDemoGivesTheSameAnswersInADatabase() throws {
        let url = try server().newDatabase()
        let workspace = Workspace()
        #expect(workspace.run(["demo", "--log", ".decisionlog"]).status == 0)
        #expect(try Harness.launch(shell: "cp -r .decisionlog file", in: workspace.path).status == 0)
        let fileHead = workspace.run(["head", "--log", "file"]).stdout
        let fileBytes = String(decoding: try FileSystem.readFile(Paths.join(workspace.path, "file/events.jsonl")), as: UTF8.self)
        let migrated = workspace.run(["migrate", "--to", url])
        #expect(migrated.status == 0, "\(migrated.stderr)")
        #expect(!FileSystem.exists(Paths.join(workspace.log, "events.jsonl")))
        #expect(workspace.run(["head"]).stdout == fileHead)
        #expect(workspace.run(["log", "--format", "jsonl"]).stdout == fileBytes, "the database's lines are not the file's")
        #expect(workspace.run(["verify"]).status == 0)
        for (file, arguments) in GoldenOutputTests.cases {
            let result = workspace.run(arguments, environment: ["COLUMNS": "80"])
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            let expected = String(decoding: try FileSystem.readFile(Paths.join(GoldenOutputTests.folder, file)), as: UTF8.self)
            #expect(result.stdout == expected, "\(file) differs on PostgreSQL")
        }
        // Appends continue the same chain on both stores.
        let add = ["add", "launch.slipped", "--subject", "launch/beacon", "--date", "2026-01-15", "--reason", "Partner delay",
                   "--effective", "2025-10-01", "--actor", "Lee Park", "--role", "CPO", "--id", "01a2223c-0000-7000-8000-000000000001"]
        let onFile = workspace.run(add + ["--log", "file"]), inDatabase = workspace.run(add)
        #expect(onFile.status == inDatabase.status, "\(onFile.stderr) / \(inDatabase.stderr)")
        #expect(workspace.run(["show", "launches", "--as-of", "2025-10-31", "--log", "file"]).stdout == workspace.run(["show", "launches", "--as-of", "2025-10-31"]).stdout)
    }

    /// `migrate` while three teammates keep appending to the file log: it holds the writers' lock, so every
    /// append acknowledged before, during and after it is in the database once, and one that waited for the
    /// lock fails unacknowledged rather than landing in the old file.
    @Test(.tags(.slow)) func migratingWhileTeammatesAppendLosesNothingAcknowledged() throws {
        let url = try server().newDatabase()
        let workspace = Workspace()
        #expect(workspace.run(["init", "--time-zone", "UTC"]).status == 0)
        let result = try Harness.launch(shell: """
            for w in 1 2 3; do
              (for i in $(seq 1 150); do
                 if "$DECISIONLOG" add priority.changed --subject feature/w$w-$i --framework rank --to 1 >/dev/null 2>>refused; then echo feature/w$w-$i >>acked; fi
               done) &
            done
            until [ "$(cat acked 2>/dev/null | wc -l)" -ge 5 ]; do sleep 0.05; done
            "$DECISIONLOG" migrate --to "$URL" >migrated || echo "migrate failed" >&2
            wait
            """, in: workspace.path, environment: ["URL": url, "DECISIONLOG_ACTOR": "Dana Reyes", "DECISIONLOG_ROLE": "CMO"])
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
        #expect(workspace.run(["verify"]).status == 0)
        let acknowledged = String(decoding: try FileSystem.readFile(Paths.join(workspace.path, "acked")), as: UTF8.self).split(separator: "\n")
        let lines = workspace.run(["log", "--format", "jsonl"]).stdout
        let present = lines.split(separator: "\n").compactMap { $0.split(separator: "\"subject\":\"").dropFirst().first?.prefix { $0 != "\"" } }
        #expect(Set(acknowledged.map(String.init)) == Set(present.map(String.init)), "acknowledged and recorded differ")
        #expect(present.count == acknowledged.count)
        // The race was run: the appends went on into the database after the events the migration copied.
        let migrated = String(decoding: try FileSystem.readFile(Paths.join(workspace.path, "migrated")), as: UTF8.self)
        let copied = Int(migrated.split(separator: " ").dropFirst().first ?? "") ?? 0
        #expect(copied > 0 && copied < present.count, "\(migrated)")
        let refused = String(decoding: (try? FileSystem.readFile(Paths.join(workspace.path, "refused"))) ?? [], as: UTF8.self)
        #expect(refused.split(separator: "\n").allSatisfy { $0.contains("cannot open the log for appending") }, "\(refused)")
    }

    /// The trust scenario — two quarters of a team's decisions from the command line and spreadsheets — gives
    /// every hand-worked answer at its five moments when the log is in a database.
    @Test func theTrustScenarioGivesTheSameAnswersInADatabase() throws {
        let scenario = TrustedAnswersTests()
        try scenario.answersAtFiveMoments(try scenario.northwind(store: try server().newDatabase()))
    }

    /// The database refuses UPDATE and DELETE of events to the role that appends (revoked) and even to the
    /// owner (a trigger); a superuser who replaces the rows with another valid chain passes `verify`, but
    /// `verify --head` against the head kept elsewhere catches it.
    @Test func theDatabaseRefusesChangesAndVerifyHeadCatchesASuperuser() throws {
        let server = try server()
        let url = try server.newDatabase()
        let workspace = Workspace()
        #expect(workspace.run(["init", "--store", url, "--time-zone", "UTC"]).status == 0)
        let logID = try logIDOf(workspace)
        // A writer that may append and read, as docs/postgresql.md grants (roles are the server's, so named anew).
        let writer = "writer_" + UUID().uuidString.prefix(8).lowercased()
        let grants = try server.psql("""
            CREATE ROLE \(writer) LOGIN; GRANT SELECT, INSERT ON decisionlog_events TO \(writer);
            GRANT SELECT, UPDATE (head_seq, head_hash, head_size) ON decisionlog_logs TO \(writer)
            """, database: url)
        #expect(grants.status == 0, "\(grants.stderr)")
        let writerURL = url.replacingOccurrences(of: "postgres@", with: "\(writer)@")
        #expect(workspace.run(["init", "--store", writerURL, "--log", "writer"]).status == 0)
        for (index, subject) in ["launch/one", "launch/two", "launch/three"].enumerated() {
            let result = workspace.run(["add", "launch.scheduled", "--log", "writer", "--subject", subject, "--name", "L\(index)", "--date", "2026-0\(index + 3)-01",
                                        "--actor", "Dana Reyes", "--role", "CMO"])
            #expect(result.status == 0, "\(result.stderr)")
        }
        let head = workspace.run(["head"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(head.hasPrefix("3:"))
        for sql in ["UPDATE decisionlog_events SET subject = 'x'", "DELETE FROM decisionlog_events WHERE seq = 3", "TRUNCATE decisionlog_events"] {
            let asWriter = try server.psql(sql, database: url, user: writer)
            #expect(asWriter.status != 0 && asWriter.stderr.contains("permission denied"), "\(sql) as writer: \(asWriter.stderr)")
            let asOwner = try server.psql(sql, database: url)
            #expect(asOwner.status != 0 && asOwner.stderr.contains("append-only"), "\(sql) as owner: \(asOwner.stderr)")
        }
        #expect(workspace.run(["verify", "--head", head]).status == 0)

        // Another history, sealed by decisionlog in a file log, put in place of the rows by a superuser.
        #expect(workspace.run(["init", "--log", "other", "--time-zone", "UTC"]).status == 0)
        for subject in ["launch/x", "launch/y", "launch/z"] {
            #expect(workspace.run(["add", "launch.scheduled", "--log", "other", "--subject", subject, "--name", "X", "--date", "2026-05-01", "--actor", "Mallory", "--role", "CPO"]).status == 0)
        }
        let otherDatabase = try server.newDatabase()
        #expect(workspace.run(["push", "--log", "other", "--to", otherDatabase]).status == 0)
        let dump = try server.psql("COPY (SELECT seq, id, subject, byte_offset, encode(line, 'hex') FROM decisionlog_events ORDER BY seq) TO STDOUT", database: otherDatabase)
        let otherHead = try server.psql("SELECT head_seq || ' ' || head_hash || ' ' || head_size FROM decisionlog_logs", database: otherDatabase).stdout.split(separator: " ")
        var rewrite = "SET session_replication_role = replica; DELETE FROM decisionlog_events WHERE log_id = '\(logID)';"
        for row in dump.stdout.split(separator: "\n") {
            let columns = row.split(separator: "\t")
            rewrite += "INSERT INTO decisionlog_events VALUES ('\(logID)', \(columns[0]), '\(columns[1])', '\(columns[2])', \(columns[3]), decode('\(columns[4])', 'hex'));"
        }
        rewrite += "UPDATE decisionlog_logs SET head_seq = \(otherHead[0]), head_hash = '\(otherHead[1])', head_size = \(otherHead[2].trimmingCharacters(in: .whitespacesAndNewlines)) WHERE log_id = '\(logID)';"
        let rewritten = try server.psql(rewrite, database: url)
        #expect(rewritten.status == 0, "\(rewritten.stderr)")
        #expect(workspace.run(["verify"]).status == 0, "a rewritten chain that is valid passes plain verify")
        let caught = workspace.run(["verify", "--head", head])
        #expect(caught.status == 2)
        #expect(caught.stderr.contains("#3"), "\(caught.stderr)")
    }

    /// A row no decisionlog wrote — a line of 2 MB, put there by a superuser — is refused by every reader
    /// with one line and status 2, and appends refuse to extend the log.
    @Test func anOverlongRowIsRefusedByEveryReader() throws {
        let server = try server()
        let url = try server.newDatabase()
        let workspace = Workspace()
        #expect(workspace.run(["init", "--store", url, "--time-zone", "UTC"]).status == 0)
        let add = ["add", "priority.changed", "--subject", "feature/a", "--framework", "rank", "--to", "1", "--actor", "Dana Reyes", "--role", "CMO"]
        #expect(workspace.run(add).status == 0)
        let logID = try logIDOf(workspace)
        let planted = try server.psql("""
            INSERT INTO decisionlog_events VALUES ('\(logID)', 2, 'x', 'feature/b', 0, convert_to(repeat('x', 2000000), 'UTF8'));
            UPDATE decisionlog_logs SET head_seq = 2 WHERE log_id = '\(logID)'
            """, database: url)
        #expect(planted.status == 0, "\(planted.stderr)")
        for arguments in [["log"], ["verify"], ["show", "priorities"], add] {
            let result = workspace.run(arguments)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.hasPrefix("Error: ") && result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
        }
    }

    /// The log id a PostgreSQL-backed folder names.
    private func logIDOf(_ workspace: Workspace) throws -> String {
        let config = String(decoding: try FileSystem.readFile(Paths.join(workspace.log, "config.json")), as: UTF8.self)
        let line = try #require(config.split(separator: "\n").first { $0.contains("\"logId\"") })
        return String(line.split(separator: "\"")[3])
    }

    /// Eight processes appending 250 events each to one log in the database, while two others verify and
    /// read: 2,000 events, seq 1–2000 without a gap, every append present once.
    @Test(.tags(.slow)) func eightWritersAtOnce() throws {
        let url = try server().newDatabase()
        let workspace = Workspace()
        let result = try Harness.launch(shell: #"bash "\#(Self.script("concurrent-writers.sh"))" 8 250 "$DECISIONLOG""#, in: workspace.path,
                                        environment: ["DECISIONLOG_TEST_STORE": url])
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.hasPrefix("8 writers × 250 appends: 2000 events, seq 1–2000 gapless, chain valid"), "\(result.stdout)")
    }

    /// Threads of one process appending at once share transactions (a group commit): 8 threads × 50
    /// appends give 400 events, seq 1–400 without a gap; retried all at once, each is found present and
    /// nothing is added; a request refused among them is refused alone.
    @Test func threadsOfOneProcessShareTransactions() throws {
        let url = try server().newDatabase()
        let workspace = Workspace()
        #expect(workspace.run(["init", "--store", url, "--time-zone", "UTC"]).status == 0)
        let store = try EventStores.open(LogFolder(path: workspace.log, currentDirectory: "/"))
        let now = Timestamp.now()
        let drafts = (0..<8).map { thread in
            (0..<50).map { index in
                ValidatedDraft(id: EventID.generate(at: now), effectiveAt: now, actor: Actor(name: "Dana Reyes", role: "CMO"),
                               subject: Subject("feature/t\(thread)-\(index)")!, payload: .priorityChanged(PriorityChanged(priority: .rank(index % 20 + 1), scope: "q3")))
            }
        }
        for round in ["first", "retry"] {
            let outcomes = Mutex<[String]>([])
            DispatchQueue.concurrentPerform(iterations: 8) { thread in
                for draft in drafts[thread] {
                    do {
                        let receipt = try store.append(AppendRequest(drafts: [draft], recordedBy: "test"))
                        outcomes.withLock { $0.append(receipt.appended.isEmpty ? "present" : "appended") }
                    } catch {
                        outcomes.withLock { $0.append("\(error)") }
                    }
                }
            }
            let expected = round == "first" ? "appended" : "present"
            #expect(outcomes.withLock { $0 }.allSatisfy { $0 == expected }, "\(round): \(outcomes.withLock { Set($0) })")
        }
        #expect(workspace.run(["verify"]).stdout.hasPrefix("Verified 400 events: seq 1–400 without gaps"))
        // One draft with another's id but other content is a conflict; the drafts beside it are recorded.
        let clash = ValidatedDraft(id: drafts[0][0].id, effectiveAt: now, actor: Actor(name: "Dana Reyes", role: "CMO"),
                                   subject: Subject("feature/other")!, payload: .priorityChanged(PriorityChanged(priority: .rank(1), scope: "q3")))
        let results = Mutex<[Bool]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { index in
            let draft = index == 0 ? clash : ValidatedDraft(effectiveAt: now, actor: Actor(name: "Dana Reyes", role: "CMO"), subject: Subject("feature/new-\(index)")!,
                                                           payload: .priorityChanged(PriorityChanged(priority: .rank(2), scope: "q3")))
            let recorded = (try? store.append(AppendRequest(drafts: [draft], recordedBy: "test"))) != nil
            results.withLock { $0.append(index == 0 ? !recorded : recorded) }
        }
        #expect(results.withLock { $0 } == [true, true, true, true])
        #expect(workspace.run(["verify"]).stdout.hasPrefix("Verified 403 events"))
    }

    /// Writers killed with SIGKILL mid-append and mid-import, 50 rounds: the log always verifies (a
    /// transaction is all or nothing), a killed import left all its events or none, and every acknowledged
    /// event is there once.
    @Test(.tags(.slow)) func killedWritersLoseNothingAcknowledged() throws {
        let url = try server().newDatabase()
        let workspace = Workspace()
        let result = try Harness.launch(shell: #"bash "\#(Self.script("kill-writers.sh"))" 50 "$DECISIONLOG""#, in: workspace.path,
                                        environment: ["DECISIONLOG_TEST_STORE": url])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("0 partial"), "\(result.stdout)")
        #expect(result.stdout.contains("0 an interrupted append, 0 an incomplete line"), "\(result.stdout)")
        #expect(result.stdout.hasSuffix("OK\n"))
    }

    /// The server crashes (`pg_ctl stop -m immediate`) while four writers append: their appends fail with a
    /// one-line message and exit status 74; after a restart `verify` passes and every acknowledged event is
    /// there.
    @Test(.tags(.slow)) func aCrashedServerLosesNothingAcknowledged() throws {
        let folder = try FileSystem.makeTemporaryDirectory(prefix: "decisionlog-pg-crash-", environment: ProcessInfo.processInfo.environment)
        defer { try? FileSystem.removeTree(folder) }
        let server = try PostgresServer.start(in: folder)
        defer { try? server.stop("immediate") }
        let workspace = Workspace()
        #expect(workspace.run(["init", "--store", server.url, "--actor", "Dana Reyes", "--role", "CMO"]).status == 0)
        let writers = try (1...4).map { writer in
            try Harness.start(shell: """
                for i in $(seq 1 400); do
                  if "$DECISIONLOG" add priority.changed --subject "feature/w\(writer)-$i" --framework rank --to "$i" >/dev/null 2>err-\(writer); then echo "feature/w\(writer)-$i" >>acked-\(writer)
                  else echo "$?" >>failures-\(writer); cat err-\(writer) >>messages-\(writer); [ "$(wc -l <failures-\(writer))" -ge 3 ] && exit 0; fi
                done
                """, in: workspace.path, environment: ["DECISIONLOG_ACTOR": "Dana Reyes", "DECISIONLOG_ROLE": "CMO"])
        }
        Thread.sleep(forTimeInterval: 1.5)
        try server.stop("immediate")
        // Wait for every writer before reading their pipes: a child exiting during a read interrupts it.
        for writer in writers { writer.process.waitUntilExit() }
        try server.restart()
        var acknowledged: [String] = []
        for writer in 1...4 {
            acknowledged += String(decoding: (try? FileSystem.readFile(Paths.join(workspace.path, "acked-\(writer)"))) ?? [], as: UTF8.self).split(separator: "\n").map(String.init)
            let statuses = String(decoding: (try? FileSystem.readFile(Paths.join(workspace.path, "failures-\(writer)"))) ?? [], as: UTF8.self)
            let messages = String(decoding: (try? FileSystem.readFile(Paths.join(workspace.path, "messages-\(writer)"))) ?? [], as: UTF8.self)
            #expect(!statuses.isEmpty && statuses.split(separator: "\n").allSatisfy { $0 == "74" }, "writer \(writer): \(statuses) \(messages)")
            let errors = messages.components(separatedBy: "Error: ").dropFirst()
            #expect(errors.count == statuses.split(separator: "\n").count, "one error a failure: \(messages)")
            #expect(errors.allSatisfy { $0.contains("database") && ($0.contains("cannot be reached") || $0.contains("was lost")) }, "\(messages)")
        }
        #expect(acknowledged.count > 10, "the writers appended before the crash")
        let verified = workspace.run(["verify"])
        #expect(verified.status == 0, "\(verified.stderr)")
        let subjects = Set(workspace.run(["log", "--format", "jsonl"]).stdout.split(separator: "\n").compactMap { line in
            line.split(separator: "\"subject\":\"").dropFirst().first.map { String($0.prefix { $0 != "\"" }) }
        })
        #expect(acknowledged.allSatisfy(subjects.contains), "acknowledged events are missing after the crash")
    }

    /// Two folders ("machines") join one log; both append while `log --follow` in a third shows every event,
    /// in seq order; `verify` passes and `pull` makes a mirror with the same head, while writers go on.
    @Test func twoMachinesOneLogFollowedAndMirrored() throws {
        let url = try server().newDatabase()
        let workspace = Workspace()
        #expect(workspace.run(["init", "--store", url, "--log", "machine-a", "--time-zone", "UTC"]).status == 0)
        #expect(workspace.run(["init", "--store", url, "--log", "machine-b"]).status == 0)
        #expect(workspace.run(["init", "--store", url, "--log", "machine-c"]).status == 0)
        let follow = try Harness.start(["log", "--follow", "--format", "jsonl", "--log", "machine-c"], in: workspace.path)
        Thread.sleep(forTimeInterval: 0.5)
        let writers = try ["machine-a": "Dana Reyes", "machine-b": "Lee Park"].map { folder, who in
            try Harness.start(shell: """
                for i in $(seq 1 40); do "$DECISIONLOG" add priority.changed --log \(folder) --subject "feature/\(folder)-$i" --framework rank --to "$i" >/dev/null || exit 1; done
                """, in: workspace.path, environment: ["DECISIONLOG_ACTOR": who, "DECISIONLOG_ROLE": Harness.teamRoles[who]!])
        }
        // Mirrors pulled while the writers append always verify (the writers' pipes are read once they are done:
        // a child exiting during a read interrupts it).
        var pulls = 0
        while writers.contains(where: { $0.process.isRunning }) {
            let pulled = workspace.run(["pull", "--log", "machine-c", "--into", "mirror"])
            #expect(pulled.status == 0, "\(pulled.stderr)")
            #expect(workspace.run(["verify", "--log", "mirror"]).status == 0)
            pulls += 1
        }
        for writer in writers {
            writer.process.waitUntilExit()
            #expect(writer.finish().status == 0)
        }
        #expect(pulls > 0)
        #expect(workspace.run(["verify", "--log", "machine-a"]).status == 0)
        #expect(workspace.run(["pull", "--log", "machine-b", "--into", "mirror"]).status == 0)
        let head = workspace.run(["head", "--log", "machine-a"]).stdout
        #expect(head.hasPrefix("80:"))
        #expect(workspace.run(["head", "--log", "mirror"]).stdout == head)
        let mirrored = String(decoding: try FileSystem.readFile(Paths.join(workspace.path, "mirror/events.jsonl")), as: UTF8.self)
        #expect(mirrored == workspace.run(["log", "--format", "jsonl", "--log", "machine-b"]).stdout, "the mirror's lines are not the database's")

        // A mirror someone appended to has a history of its own: pull refuses it and changes nothing.
        #expect(workspace.run(["add", "priority.changed", "--log", "mirror", "--subject", "feature/local", "--framework", "rank", "--to", "1",
                               "--actor", "Dana Reyes", "--role", "CMO"]).status == 0)
        let diverged = try FileSystem.readFile(Paths.join(workspace.path, "mirror/events.jsonl"))
        for _ in 0..<2 {
            let refused = workspace.run(["pull", "--log", "machine-b", "--into", "mirror"])
            #expect(refused.status == 3)
            #expect(refused.stderr.contains("different histories"), "\(refused.stderr)")
            #expect(try FileSystem.readFile(Paths.join(workspace.path, "mirror/events.jsonl")) == diverged)
            #expect(workspace.run(["add", "priority.changed", "--log", "machine-a", "--subject", "feature/late", "--framework", "rank", "--to", "2",
                                   "--actor", "Dana Reyes", "--role", "CMO"]).status == 0)
        }

        // The follower printed all 82, in order (it is woken at each commit; two seconds is ample).
        Thread.sleep(forTimeInterval: 2)
        #expect(follow.process.isRunning)
        kill(follow.process.processIdentifier, SIGKILL)
        follow.process.waitUntilExit()
        let followed = follow.finish()
        let seqs = followed.stdout.split(separator: "\n").compactMap { line in Int(line.dropFirst("{\"seq\":".count).prefix { $0.isNumber }) }
        #expect(seqs == Array(1...82), "log --follow printed \(seqs.count) events: \(followed.stderr)")
    }

    /// A store URL that is not one, a server that is not there, and a binary without libpq: each a one-line
    /// error with its status, and nothing made.
    @Test func badStoresAreClearErrors() throws {
        let workspace = Workspace()
        let notURL = workspace.run(["init", "--store", "mysql://db/x"])
        #expect(notURL.status == 64)
        #expect(notURL.stderr.contains("expected a postgresql:// URI"))
        let missing = workspace.run(["init", "--store", "postgresql://postgres@/postgres?host=\(workspace.path)/nowhere"])
        #expect(missing.status == 74)
        #expect(missing.stderr.contains("cannot be reached"), "\(missing.stderr)")
        #expect(missing.stderr.split(separator: "\n").count == 1)
        #expect(!FileSystem.exists(workspace.log))
        let url = try server().newDatabase()
        #expect(workspace.run(["init", "--store", url]).status == 0)
        let noLibrary = try Harness.launch(["log"], in: workspace.path, environment: ["DECISIONLOG_LIBPQ": "/nonexistent/libpq.so.5"])
        #expect(noLibrary.status == 78)
        #expect(noLibrary.stderr.contains("cannot open a log in PostgreSQL"), "\(noLibrary.stderr)")
        #expect(noLibrary.stderr.split(separator: "\n").count == 1)
    }
}
