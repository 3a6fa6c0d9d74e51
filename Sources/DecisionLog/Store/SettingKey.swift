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
