/// The settings a person can give in several places — a flag, the environment, the log's configuration, their
/// own configuration file — and which one wins: flag, then environment, then log, then user.
public enum SettingKey: String, CaseIterable, Sendable {
    /// The default decider's name.
    case actor
    /// The default decider's role.
    case role
    /// The zone dates without a time are read in and times are shown in.
    case timeZone = "time-zone"
    /// The month the fiscal year starts in.
    case fiscalYearStart = "fiscal-year-start"
    /// Whether FY27 names the fiscal year ending in 2027 or starting in it.
    case fiscalYearNames = "fiscal-year-names"
    /// The format tables are written in when no --format is given.
    case format
    /// The SSH key each append is signed with; personal, so kept in the user's file, never in the shared log.
    case signingKey = "signing.key"

    /// The environment variable that gives it.
    public var environmentVariable: String { "DECISIONLOG_" + rawValue.uppercased().replacingAll("-", with: "_").replacingAll(".", with: "_") }

    /// Whether the setting belongs to a person rather than to a log: it is kept in the user's file (or the
    /// environment), whatever `config set` is told, since the log's configuration is shared. Who decides is
    /// personal: a shared default would attribute one person's decisions to another.
    public var isPersonal: Bool { self == .signingKey || self == .actor || self == .role }

    /// The value in its stored form ("4" for april), or a message saying what is expected.
    public func normalized(_ text: String) -> Result<String, SettingError> {
        let value = text.trimmingWhitespace
        switch self {
        case .actor, .role:
            guard !value.isEmpty, value.count <= maximumNameLength else {
                return .failure(SettingError("\(rawValue) must be a name of 1 to \(maximumNameLength) characters"))
            }
            return .success(value)
        case .timeZone:
            guard TimeZoneRules(named: value) != nil else {
                return .failure(SettingError("unknown time zone '\(value.quotedForMessage)'; use a name from the tz database such as Europe/Berlin, America/New_York or UTC"))
            }
            return .success(value)
        case .fiscalYearStart:
            guard let month = MonthNames.number(value) else {
                return .failure(SettingError("'\(value.quotedForMessage)' is not a month; use 1–12 or a name such as april"))
            }
            return .success(String(month))
        case .fiscalYearNames:
            guard FiscalYearNaming(rawValue: value.lowercased()) != nil else {
                return .failure(SettingError("'\(value.quotedForMessage)' is not a way of naming fiscal years; use end (FY27 ends in 2027) or start (FY27 starts in 2027)"))
            }
            return .success(value.lowercased())
        case .format:
            guard SettingKey.formats.contains(value) else {
                return .failure(SettingError("'\(value.quotedForMessage)' is not an output format; use one of \(SettingKey.formats.joined(separator: ", "))"))
            }
            return .success(value)
        case .signingKey:
            guard value.hasPrefix("/") else {
                return .failure(SettingError("the signing key must be given by its full path, e.g. /home/you/.ssh/id_ed25519"))
            }
            return .success(value)
        }
    }

    /// The output formats `format` may name.
    public static let formats = ["table", "json", "csv", "markdown"]

    /// The key's value in a log's configuration.
    public func value(in config: LogConfig) -> String? {
        switch self {
        case .actor: config.actorName
        case .role: config.actorRole
        case .timeZone: config.timeZone.name
        case .fiscalYearStart: String(config.fiscalYearStartMonth)
        case .fiscalYearNames: config.fiscalYearNaming.rawValue
        case .format: config.outputFormat
        case .signingKey: nil
        }
    }

    /// Sets (or, with nil, removes) the key in a log's configuration; `value` is normalized. A log always has a
    /// time zone and a fiscal-year start, so removing them is not offered (see `isRemovableFromLog`).
    public func set(_ value: String?, in config: inout LogConfig) {
        switch self {
        case .actor: config.actorName = value
        case .role: config.actorRole = value
        case .timeZone: if let value, let zone = TimeZoneRules(named: value) { config.timeZone = zone }
        case .fiscalYearStart: if let value, let month = Int(value) { config.fiscalYearStartMonth = month }
        case .fiscalYearNames: config.fiscalYearNaming = value.flatMap(FiscalYearNaming.init(rawValue:)) ?? .end
        case .format: config.outputFormat = value
        case .signingKey: break
        }
    }

    /// Whether a log can be without the key.
    public var isRemovableFromLog: Bool { self != .timeZone && self != .fiscalYearStart && self != .fiscalYearNames }
}

/// A setting value that is not valid: what is expected.
public struct SettingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong and what to give instead.
    public let message: String
    /// An error with `message`.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Where a setting's value came from, below the command line.
public enum SettingSource: String, Sendable {
    case environment, log, user
    /// Nobody set it: the built-in default applies.
    case builtIn = "default"
}

/// A person's own settings file, `$XDG_CONFIG_HOME/decisionlog/config` (else `~/.config/decisionlog/config`):
/// one `key = value` a line, `#` starts a comment. Its values are defaults for every log this person uses.
public struct UserSettings: Sendable, Equatable {
    /// The file's path, or nil when neither $XDG_CONFIG_HOME nor $HOME is set.
    public let path: String?
    /// The settings in the file, by key.
    public private(set) var values: [SettingKey: String]
    /// Problems found reading it: a line per unknown key or invalid value (those lines are ignored).
    public let problems: [String]

    /// The file's path for `environment`.
    public static func path(environment: [String: String]) -> String? {
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") { return Paths.join(config, "decisionlog/config") }
        if let home = environment["HOME"], home.hasPrefix("/") { return Paths.join(home, ".config/decisionlog/config") }
        return nil
    }

    /// Reads the file for `environment`; a missing file holds no settings. Throws `SystemError` when it exists
    /// but cannot be read.
    public init(environment: [String: String]) throws(SystemError) {
        path = UserSettings.path(environment: environment)
        var values: [SettingKey: String] = [:]
        var problems: [String] = []
        if let path, FileSystem.exists(path) {
            let text = String(decoding: try FileSystem.readFile(path), as: UTF8.self)
            for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = String(raw.prefix { $0 != "#" }).trimmingWhitespace
                guard !line.isEmpty else { continue }
                guard let equals = line.firstIndex(of: "="),
                      let key = SettingKey(rawValue: String(line[..<equals]).trimmingWhitespace) else {
                    problems.append("\(path):\(index + 1): expected <key> = <value> with a key among \(SettingKey.allCases.map(\.rawValue).joined(separator: ", "))")
                    continue
                }
                switch key.normalized(String(line[line.index(after: equals)...])) {
                case .success(let value): values[key] = value
                case .failure(let error): problems.append("\(path):\(index + 1): \(error.message)")
                }
            }
        }
        self.values = values
        self.problems = problems
    }

    /// Sets (or, with nil, removes) a normalized value.
    public mutating func set(_ key: SettingKey, _ value: String?) { values[key] = value }

    /// The file's text: one `key = value` a line, in the keys' order.
    public var text: String {
        "# decisionlog settings for this user (decisionlog config set --user <key> <value>)\n"
            + SettingKey.allCases.compactMap { key in values[key].map { "\(key.rawValue) = \($0)\n" } }.joined()
    }
}

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
