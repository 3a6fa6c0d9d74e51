import DecisionLog

/// `decisionlog init`: creates a new, empty log.
enum InitCommand: Command {
    static let spec = CommandSpec(
        name: "init", abstract: "Create a new, empty decision log.",
        discussion: "Creates .decisionlog in the current folder (or the folder given by --log or $DECISIONLOG_DIR) holding events.jsonl, config.json and a lock file. Commit the folder to git to share it. With --store (or $DECISIONLOG_STORE) the events are kept in a PostgreSQL database instead, and the folder holds only the configuration naming it: the first init against a database creates the log there; on another machine, init with the same --store joins it (give --log-id when the database holds several logs). See docs/postgresql.md.",
        options: [
            CommandSpec.logOption,
            store.declaration, logID.declaration,
            timeZone.declaration, fiscalYearStart.declaration, actor.declaration, role.declaration,
        ])
    static let timeZone = Option("time-zone", "<zone>", help: "The log's time zone, e.g. Europe/Berlin (default: $DECISIONLOG_TIME_ZONE, else your 'config --user' setting, else this machine's). Dates without a time are read in it.")
    static let fiscalYearStart = Option<Int>(
        CommandSpec.Option(name: "fiscal-year-start", value: "<month>", help: "The month the fiscal year starts in, 1–12 or a name such as april (default: $DECISIONLOG_FISCAL_YEAR_START, else your 'config --user' setting, else january). Quarters count from it."),
        expected: "a month, 1–12 or a name such as april", convert: MonthNames.number)
    static let actor = Option("actor", "<name>", help: "Your name as a decider: kept in your own settings (never in the shared log), so your appends that name nobody are yours.")
    static let role = Option("role", "<role>", help: "Your role, e.g. CMO; kept with your name.")
    static let store = Option("store", "<url>", help: "Keep the events in this PostgreSQL database, a postgresql:// URI (default: $DECISIONLOG_STORE; else the folder's own events file). Keep passwords in ~/.pgpass, not in the URI.")
    static let logID = Option("log-id", "<id>", help: "With --store: join the log with this id in the database (default: the only log there, else a new one).")

    static func run(_ arguments: SplitArguments, in context: CommandContext) throws {
        let args = try ArgumentParser.parse(arguments, for: spec)
        // Flag, then environment, then the user's settings, then this machine's zone and January.
        let user = context.userSettings
        var zone = TimeZoneRules.system(environment: context.environment)
        if let name = try args.value(timeZone) {
            guard let named = TimeZoneRules(named: name) else {
                throw UsageError("Unknown time zone '\(name.quotedForMessage)'; use a name from the tz database such as Europe/Berlin, America/New_York or UTC", command: spec)
            }
            zone = named
        } else if let name = Settings.resolve(.timeZone, environment: context.environment, log: nil, user: user).value, let named = TimeZoneRules(named: name) {
            zone = named
        }
        var month = Settings.resolve(.fiscalYearStart, environment: context.environment, log: nil, user: user).value.flatMap { Int($0) } ?? 1
        if let given = try args.value(fiscalYearStart) { month = given }
        if args.gave(actor.declaration) != args.gave(role.declaration) {
            throw UsageError("Give --actor and --role together: a decider needs both a name and a role", command: spec)
        }
        var me: Actor? = nil
        if let name = try args.value(actor), let role = try args.value(role) {
            for (key, text) in [(SettingKey.actor, name), (.role, role)] {
                if case .failure(let error) = key.normalized(text) { throw UsageError("The value '\(text.quotedForMessage)' is invalid for '--\(key.rawValue)': \(error.message)", command: spec) }
            }
            me = Actor(name: name.trimmingWhitespace, role: role.trimmingWhitespace)
        }
        let folder = LogFolder.forCreation(explicitPath: args.log, environment: context.environment,
                                           currentDirectory: context.currentDirectory)
        var config = LogConfig(logID: EventID.generate(at: .now()), createdAt: .now(), fiscalYearStartMonth: month,
                               timeZone: zone)
        if let url = try args.value(store) ?? context.environment["DECISIONLOG_STORE"].flatMap({ $0.isEmpty ? nil : $0 }) {
            config = try initInDatabase(url, config: config, args: args, folder: folder, context: context)
        } else {
            if args.gave(logID.declaration) { throw UsageError("--log-id names a log in a database; give --store too", command: spec) }
            do throws(LogError) { try FileEventStore.create(in: folder, configuration: config) } catch { throw CommandFailure(error) }
            context.console.out("Created an empty decision log in \(folder.path)")
        }
        let startMonth = MonthNames.names[config.fiscalYearStartMonth - 1]
        context.console.out("  time zone \(config.timeZone.name); fiscal year starts in \(startMonth.prefix(1).uppercased() + startMonth.dropFirst())")
        if let me {
            // Who decides is personal: the shared configuration names nobody, so a teammate's appends are never yours.
            guard var settings = context.userSettings else {
                throw CommandFailure("the log was made, but your name could not be kept: set $XDG_CONFIG_HOME or $HOME, then 'decisionlog config set --user actor …'", .failure)
            }
            settings.set(.actor, me.name)
            settings.set(.role, me.role)
            let path = try context.save(settings)
            context.console.out("  your decisions are recorded as \(me) unless you name another decider (kept in your settings, \(path); the log names nobody)")
        }
        context.console.out("Record a decision with 'decisionlog add <type> …' (see 'decisionlog help types').")
    }

    /// Creates the log in the database `url` names, or joins the one there (`--log-id`, or the only one);
    /// returns the log's configuration.
    private static func initInDatabase(_ url: String, config: LogConfig, args: ParsedArguments, folder: LogFolder,
                                       context: CommandContext) throws -> LogConfig {
        guard PostgresEventStore.isStoreURL(url) else {
            throw UsageError("The value '\(url.quotedForMessage)' is invalid for '--store': expected a postgresql:// URI, such as postgresql://db.example.com/decisions", command: spec)
        }
        var config = config
        config.store = url
        var joining = false
        var wanted: EventID? = nil
        if let text = try args.value(logID) {
            guard let id = EventID(text) else { throw UsageError("The value '\(text.quotedForMessage)' is invalid for '--log-id': expected a log id (a UUID)", command: spec) }
            wanted = id
        }
        let logs: [(id: EventID, events: Int)]
        do throws(LogError) { logs = try PostgresEventStore.logs(at: url) } catch { throw CommandFailure(error) }
        if wanted == nil && logs.count > 1 {
            let list = logs.map { "\($0.id) (\($0.events) events)" }.joined(separator: ", ")
            throw CommandFailure("the database \(PostgresEventStore.redacted(url)) holds \(logs.count) logs: \(list); give --log-id to join one", .invalidInput)
        }
        // Joining takes the log's own configuration (time zone, fiscal year) from the database.
        if let id = wanted ?? (logs.count == 1 ? logs[0].id : nil) {
            config.logID = id
            joining = logs.contains { $0.id == id }
        }
        do throws(LogError) {
            let store = try PostgresEventStore.create(in: folder, configuration: config, joining: joining)
            let head = try store.head()
            context.console.out(joining ? "Joined the decision log \(store.configuration.logID) (\(head.seq) events) in \(PostgresEventStore.redacted(url)), from \(folder.path)"
                                        : "Created an empty decision log \(store.configuration.logID) in \(PostgresEventStore.redacted(url)), named by \(folder.path)")
            return store.configuration
        } catch {
            throw CommandFailure(error)
        }
    }
}
