/// Resolving a setting: flag (each command reads its own), then environment, then log, then user.
public enum Settings {
    /// The value of `key` below the command line and where it came from: the environment variable (when
    /// valid), else `log`'s configuration (never for a personal key: who decides, the signing key), else
    /// `user`'s file; nil with `.builtIn` when none gives it. A flag, when the command has one, wins over all.
    public static func resolve(_ key: SettingKey, environment: [String: String], log: LogConfig?,
                               user: UserSettings?) -> (value: String?, source: SettingSource) {
        if let text = environment[key.environmentVariable], !text.isEmpty, case .success(let value) = key.normalized(text) {
            return (value, .environment)
        }
        if !key.isPersonal, let log, let value = key.value(in: log) { return (value, .log) }
        if let value = user?.values[key] { return (value, .user) }
        return (nil, .builtIn)
    }

    /// Who decides, as named by the person typing: `--actor`/`--role` (`flags`), else `$DECISIONLOG_ACTOR` and
    /// `$DECISIONLOG_ROLE`, else their own settings file — name and role together from the first source that
    /// gives either. Never a log's configuration: a shared default would attribute one person's decisions to
    /// another. Nil when no source names anyone; throws when a source gives a name without a role or the
    /// reverse (a name is never paired with someone else's role).
    public static func decider(flags: (name: String?, role: String?), environment: [String: String], user: UserSettings?)
        throws(SettingError) -> Actor?
    {
        let sources: [(label: String, name: String?, role: String?)] = [
            ("--actor and --role give", flags.name, flags.role),
            ("DECISIONLOG_ACTOR and DECISIONLOG_ROLE give", environment["DECISIONLOG_ACTOR"].flatMap { $0.isEmpty ? nil : $0 },
             environment["DECISIONLOG_ROLE"].flatMap { $0.isEmpty ? nil : $0 }),
            ("your settings (\(user?.path ?? "config --user")) give", user?.values[.actor], user?.values[.role]),
        ]
        for source in sources where source.name != nil || source.role != nil {
            guard let name = source.name, let role = source.role else {
                throw SettingError("a decider needs a name and a role, but \(source.label) only the \(source.name == nil ? "role" : "name"); give both")
            }
            return Actor(name: name, role: role)
        }
        return nil
    }

    /// What to tell the people using a log whose shared configuration still names a default decider (an older
    /// decisionlog's `init --actor`): it no longer decides for anyone.
    public static func sharedDeciderNotice(_ config: LogConfig) -> String? {
        guard let name = config.actorName else { return nil }
        let who = name + (config.actorRole.map { " (\($0))" } ?? "")
        return "this log's shared configuration names \(who) as the decider for events that name none; decisions are now attributed only to whom the person typing names — --actor and --role, DECISIONLOG_ACTOR and DECISIONLOG_ROLE, or their own settings ('decisionlog config set --user actor …' and role) — so nothing is recorded as \(who)'s unless they say so. 'decisionlog config unset actor' and 'config unset role' remove the old default"
    }

    /// A log's configuration with the environment's time zone and fiscal-year start in place of the log's, for
    /// one process (the environment wins over the log).
    public static func applyEnvironment(_ environment: [String: String], to config: inout LogConfig) {
        for key in [SettingKey.timeZone, .fiscalYearStart, .fiscalYearNames] {
            if let text = environment[key.environmentVariable], case .success(let value) = key.normalized(text) { key.set(value, in: &config) }
        }
    }
}
