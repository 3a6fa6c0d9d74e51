import DecisionLog
import Testing

/// Settings per log and per user, and the order in which they apply: flag, then environment, then log, then user.
struct ConfigTests {
    /// A log here, and a settings folder of this test's own.
    private func workspace() -> (Workspace, [String: String]) {
        let workspace = Workspace()
        let environment = ["XDG_CONFIG_HOME": Paths.join(workspace.path, "xdg")]
        #expect(workspace.run(["init", "--time-zone", "UTC"], environment: environment).status == 0)
        return (workspace, environment)
    }

    @Test func theDeciderComesFromTheFlagThenTheEnvironmentThenTheUserAndNeverTheLog() throws {
        let (workspace, user) = workspace()
        func decider(_ extra: [String] = [], environment: [String: String] = [:]) -> String {
            let result = workspace.run(["add", "goal.set", "--subject", "goal/x", "--title", "X", "--timeframe", "2025", "--dry-run"] + extra,
                                       environment: user.merging(environment) { $1 })
            return result.stdout.split(separator: "\n").first { $0.hasPrefix("actor") }.map { String($0.dropFirst("actor".count)).trimmingWhitespace } ?? result.stderr
        }
        #expect(decider().hasPrefix("Error: invalid goal.set: actor: missing"))
        #expect(workspace.run(["config", "set", "--user", "actor", "Priya Shah"], environment: user).status == 0)
        #expect(workspace.run(["config", "set", "--user", "role", "PM"], environment: user).status == 0)
        #expect(decider() == "Priya Shah (PM)")
        // Who decides is personal: 'config set actor' keeps it in your settings, never in the shared log.
        let set = workspace.run(["config", "set", "actor", "Dana Reyes"], environment: user)
        #expect(set.stdout.contains("in your settings") && set.stdout.contains("yours alone"), "\(set.stdout)")
        #expect(workspace.run(["config", "set", "role", "CMO"], environment: user).status == 0)
        #expect(!String(decoding: try FileSystem.readFile(Paths.join(workspace.log, "config.json")), as: UTF8.self).contains("Dana"))
        #expect(decider() == "Dana Reyes (CMO)")
        #expect(decider(environment: ["DECISIONLOG_ACTOR": "Lee Park", "DECISIONLOG_ROLE": "CPO"]) == "Lee Park (CPO)")
        #expect(decider(["--actor", "Ana Costa", "--role", "CS"], environment: ["DECISIONLOG_ACTOR": "Lee Park", "DECISIONLOG_ROLE": "CPO"]) == "Ana Costa (CS)")
        #expect(workspace.run(["config", "unset", "actor"], environment: user).status == 0)
        #expect(workspace.run(["config", "unset", "role"], environment: user).status == 0)
        #expect(decider().hasPrefix("Error: invalid goal.set: actor: missing"))
    }

    /// A log an older decisionlog made with `init --actor` keeps its shared default in config.json: it no
    /// longer decides for anyone; the first command says so once, and an add that names nobody is refused.
    @Test func aLogsSharedDefaultDeciderNoLongerDecidesAndSaysSoOnce() throws {
        let (workspace, user) = workspace()
        let config = Paths.join(workspace.log, "config.json")
        var members = try JSONValue.parse(try FileSystem.readFile(config)).objectValue!
        members["actor"] = .string("Maya Okafor")
        members["role"] = .string("CMO")
        try FileSystem.replaceFile(config, with: Array(JSONValue.object(members).canonicalString.utf8), durable: false)
        let first = workspace.run(["show", "goals"], environment: user)
        #expect(first.status == 0)
        #expect(first.stderr.hasPrefix("note: this log's shared configuration names Maya Okafor (CMO) as the decider for events that name none"), "\(first.stderr)")
        #expect(workspace.run(["show", "goals"], environment: user).stderr.isEmpty)
        workspace.expectRefused(["add", "goal.set", "--subject", "goal/x", "--title", "X", "--timeframe", "2025"], status: 65,
                                message: "Error: who decided? Name them with --actor and --role", environment: user)
        #expect(workspace.run(["add", "goal.set", "--subject", "goal/x", "--title", "X", "--timeframe", "2025", "--actor", "Jon Ruiz", "--role", "Sales"], environment: user).status == 0)
        // Unset removes the old default from the log itself.
        #expect(workspace.run(["config", "unset", "actor"], environment: user).stdout.hasPrefix("removed actor in the log's configuration"))
        #expect(workspace.run(["config", "unset", "role"], environment: user).status == 0)
        #expect(!String(decoding: try FileSystem.readFile(config), as: UTF8.self).contains("Maya"))
    }

    @Test func theOutputFormatFollowsTheSameOrderAndListSaysWhereEachValueComesFrom() {
        let (workspace, user) = workspace()
        _ = workspace.run(["add", "launch.scheduled", "--subject", "launch/a", "--name", "A", "--date", "2025-09-01", "--actor", "A", "--role", "PM"])
        #expect(workspace.run(["config", "set", "--user", "format", "csv"], environment: user).status == 0)
        #expect(workspace.run(["show", "launches"], environment: user).stdout.hasPrefix("launch,name,"))
        #expect(workspace.run(["config", "set", "format", "markdown"], environment: user).status == 0)
        #expect(workspace.run(["show", "launches"], environment: user).stdout.hasPrefix("**launches**"))
        #expect(workspace.run(["show", "launches"], environment: user.merging(["DECISIONLOG_FORMAT": "json"]) { $1 }).stdout.hasPrefix("{"))
        #expect(workspace.run(["show", "launches", "--format", "table"], environment: user.merging(["DECISIONLOG_FORMAT": "json"]) { $1 }).stdout.hasPrefix("LAUNCHES"))
        // `log` has no markdown: it keeps to its table.
        #expect(workspace.run(["log"], environment: user).stdout.hasPrefix("SEQ"))
        let list = workspace.run(["config", "list"], environment: user.merging(["DECISIONLOG_ROLE": "CPO"]) { $1 }).stdout
        func row(_ key: String) -> [String] {
            list.split(separator: "\n").first { $0.hasPrefix(key + " ") }.map { $0.split(separator: " ", maxSplits: 2).map { String($0).trimmingWhitespace } } ?? []
        }
        #expect(row("role") == ["role", "CPO", "$DECISIONLOG_ROLE"])
        #expect(row("format").prefix(2) == ["format", "markdown"] && row("format").last?.hasPrefix("the log (") == true)
        #expect(row("time-zone").prefix(2) == ["time-zone", "UTC"] && row("time-zone").last?.hasPrefix("the log (") == true)
        #expect(row("actor") == ["actor", "—", "not set"])
        #expect(workspace.run(["config", "get", "format", "--user"], environment: user).stdout == "csv\n")
    }

    @Test func theEnvironmentsTimeZoneWinsOverTheLogsAndTheUsersGivesInitItsDefaults() throws {
        let (workspace, user) = workspace()
        _ = workspace.run(["add", "launch.scheduled", "--subject", "launch/a", "--name", "A", "--date", "2025-09-01", "--actor", "A", "--role", "PM",
                           "--effective", "2025-07-01T23:30Z"])
        #expect(workspace.run(["log"], environment: user).stdout.contains("2025-07-01 23:30"))
        #expect(workspace.run(["log"], environment: user.merging(["DECISIONLOG_TIME_ZONE": "Europe/Berlin"]) { $1 }).stdout.contains("2025-07-02 01:30"))
        #expect(workspace.run(["config", "set", "time-zone", "Asia/Tokyo"], environment: user).status == 0)
        #expect(workspace.run(["log"], environment: user).stdout.contains("2025-07-02 08:30"))

        #expect(workspace.run(["config", "set", "--user", "time-zone", "America/New_York"], environment: user).status == 0)
        #expect(workspace.run(["config", "set", "--user", "fiscal-year-start", "april"], environment: user).status == 0)
        let other = Workspace()
        let created = other.run(["init"], environment: user)
        #expect(created.stdout.contains("time zone America/New_York; fiscal year starts in April"))
        #expect(other.run(["init", "--log", Paths.join(other.path, "b"), "--time-zone", "UTC"], environment: user.merging(["DECISIONLOG_FISCAL_YEAR_START": "7"]) { $1 })
            .stdout.contains("time zone UTC; fiscal year starts in July"))
    }

    @Test(arguments: [
        (["config", "set", "time-zone", "Mars/Olympus"], 65, "cannot set time-zone: unknown time zone 'Mars/Olympus'"),
        (["config", "set", "format", "pdf"], 65, "'pdf' is not an output format; use one of table, json, csv, markdown"),
        (["config", "set", "colour", "red"], 64, "Unknown setting 'colour'"),
        (["config", "unset", "fiscal-year-start"], 65, "a log always has a fiscal-year-start"),
        (["config", "get", "actor"], 1, "actor is not set; set it with 'decisionlog config set actor <value>'"),
        (["config", "sett", "actor", "x"], 64, "Unknown subcommand 'sett' of 'config'. Did you mean 'set'?"),
        (["config", "set", "actor"], 64, "Missing expected argument '<value>'"),
    ])
    func badSettingsAreOneClearErrorAndChangeNothing(arguments: [String], status: Int32, message: String) throws {
        let (workspace, user) = workspace()
        let before = workspace.logBytes()
        let result = workspace.run(arguments, environment: user)
        #expect(result.status == status)
        #expect(result.stderr.contains(message))
        #expect(workspace.logBytes() == before)
        #expect(!FileSystem.exists(Paths.join(workspace.path, "xdg/decisionlog/config")))
    }

    @Test func aBrokenLineInTheUsersFileIsWarnedAboutAndIgnored() throws {
        let (workspace, user) = workspace()
        try FileSystem.makeDirectories(Paths.join(workspace.path, "xdg/decisionlog"))
        try workspace.write("xdg/decisionlog/config", "# mine\nactor = Priya Shah\nrole = PM\nformat = pdf\ncolour = red\n")
        let result = workspace.run(["config", "get", "actor"], environment: user)
        #expect(result.stdout == "Priya Shah\n")
        #expect(result.stderrLines.count == 2)
        #expect(result.stderr.contains("config:4: 'pdf' is not an output format"))
        #expect(result.stderr.contains("config:5: expected <key> = <value>"))
    }
}
