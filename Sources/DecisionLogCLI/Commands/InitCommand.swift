import DecisionLog

/// `decisionlog init`: creates a new, empty log.
enum InitCommand: Command {
    static let spec = CommandSpec(
        name: "init", abstract: "Create a new, empty decision log.",
        discussion: "Creates .decisionlog in the current folder (or the folder given by --log or $DECISIONLOG_DIR) holding events.jsonl, config.json and a lock file. Commit the folder to git to share it.",
        options: [
            CommandSpec.logOption,
            timeZone.declaration, fiscalYearStart.declaration, actor.declaration, role.declaration,
        ])
    static let timeZone = Option("time-zone", "<zone>", help: "The log's time zone, e.g. Europe/Berlin (default: $DECISIONLOG_TIME_ZONE, else your 'config --user' setting, else this machine's). Dates without a time are read in it.")
    static let fiscalYearStart = Option<Int>(
        CommandSpec.Option(name: "fiscal-year-start", value: "<month>", help: "The month the fiscal year starts in, 1–12 or a name such as april (default: $DECISIONLOG_FISCAL_YEAR_START, else your 'config --user' setting, else january). Quarters count from it."),
        expected: "a month, 1–12 or a name such as april", convert: MonthNames.number)
    static let actor = Option("actor", "<name>", help: "Your name as a decider: kept in your own settings (never in the shared log), so your appends that name nobody are yours.")
    static let role = Option("role", "<role>", help: "Your role, e.g. CMO; kept with your name.")

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
        let config = LogConfig(logID: EventID.generate(at: .now()), createdAt: .now(), fiscalYearStartMonth: month,
                               timeZone: zone)
        do throws(LogError) { try FileEventStore.create(in: folder, configuration: config) } catch { throw CommandFailure(error) }
        context.console.out("Created an empty decision log in \(folder.path)")
        context.console.out("  time zone \(zone.name); fiscal year starts in \(MonthNames.names[month - 1].prefix(1).uppercased() + MonthNames.names[month - 1].dropFirst())")
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
}
