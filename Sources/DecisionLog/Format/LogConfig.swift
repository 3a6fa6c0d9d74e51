/// A log's configuration file, `config.json`: its format version, identity, fiscal calendar and time zone,
/// and the default actor for appends that name none.
public struct LogConfig: Sendable, Equatable {
    /// The storage format this version of the tool writes and reads.
    public static let currentFormat = 1

    /// The storage format the log was written in.
    public var format: Int
    /// The log's identity, made at `init`.
    public var logID: EventID
    /// When the log was created.
    public var createdAt: Timestamp
    /// The month (1–12) the fiscal year starts in; quarters count from it.
    public var fiscalYearStartMonth: Int
    /// The zone dates without a time or offset are read in, and times are shown in.
    public var timeZone: TimeZoneRules
    /// The default decider's name, for appends that give none.
    public var actorName: String?
    /// The default decider's role.
    public var actorRole: String?
    /// The output format tables default to (`config set format`), when set.
    public var outputFormat: String?
    /// How the team names fiscal years (FY27): by the year they end in (the default) or start in.
    public var fiscalYearNaming: FiscalYearNaming = .end
    /// The database the log's events are kept in (a `postgresql://` URI), or nil for the folder's own
    /// events file. Only a local folder's configuration names it; the database's copy does not.
    public var store: String?
    /// Members this version does not know (written by a later one); kept as they are.
    public var otherMembers: JSONObject

    /// A new log's configuration.
    public init(logID: EventID, createdAt: Timestamp, fiscalYearStartMonth: Int = 1, timeZone: TimeZoneRules,
                actorName: String? = nil, actorRole: String? = nil) {
        format = LogConfig.currentFormat
        self.logID = logID
        self.createdAt = createdAt
        self.fiscalYearStartMonth = fiscalYearStartMonth
        self.timeZone = timeZone
        self.actorName = actorName
        self.actorRole = actorRole
        otherMembers = [:]
    }

    /// Reads `config.json`'s bytes; throws `.unsupportedFormat` for a newer format and
    /// `.invalidConfiguration` naming the member that is wrong.
    public init(bytes: [UInt8], path: String) throws(LogError) {
        func invalid(_ message: String) -> LogError {
            LogError(.invalidConfiguration, "the log's configuration \(path) is invalid: \(message)",
                     hint: "restore it from a copy or fix it by hand")
        }
        let value: JSONValue
        do { value = try JSONValue.parse(bytes) } catch { throw invalid("\(error)") }
        guard case .object(var m) = value else { throw invalid("expected a JSON object") }
        guard case .number(let format)? = m.removeValue(forKey: "format"), format == format.rounded(), format >= 1 else {
            throw invalid("format: expected a version number")
        }
        guard Int(format) <= LogConfig.currentFormat else {
            throw LogError(.unsupportedFormat, "the log at \(path) uses storage format \(Int(format)); this decisionlog reads format \(LogConfig.currentFormat)",
                           hint: "upgrade decisionlog")
        }
        self.format = Int(format)
        guard case .string(let id)? = m.removeValue(forKey: "logId"), let logID = EventID(id) else { throw invalid("logId: expected a UUID") }
        self.logID = logID
        guard case .string(let created)? = m.removeValue(forKey: "createdAt"), let createdAt = Timestamp(canonical: Array(created.utf8)) else {
            throw invalid("createdAt: expected a time such as 2025-01-01T00:00:00.000Z")
        }
        self.createdAt = createdAt
        guard case .number(let month)? = m.removeValue(forKey: "fiscalYearStart"), (1...12).contains(month), month == month.rounded() else {
            throw invalid("fiscalYearStart: expected a month number 1–12")
        }
        fiscalYearStartMonth = Int(month)
        guard case .string(let zoneName)? = m.removeValue(forKey: "timeZone"), let zone = TimeZoneRules(named: zoneName) else {
            throw invalid("timeZone: expected a time zone name this system knows, such as Europe/Berlin or UTC")
        }
        timeZone = zone
        actorName = m.removeValue(forKey: "actor")?.stringValue
        actorRole = m.removeValue(forKey: "role")?.stringValue
        outputFormat = m.removeValue(forKey: "outputFormat")?.stringValue
        if let naming = m.removeValue(forKey: "fiscalYearNames") {
            guard let value = naming.stringValue.flatMap(FiscalYearNaming.init(rawValue:)) else { throw invalid("fiscalYearNames: expected start or end") }
            fiscalYearNaming = value
        }
        store = m.removeValue(forKey: "store")?.stringValue
        otherMembers = m
    }

    /// The file's bytes: canonical JSON laid out one member a line.
    public var bytes: [UInt8] {
        var m = otherMembers
        m["format"] = .number(Double(format))
        m["logId"] = .string(logID.description)
        m["createdAt"] = .string(createdAt.iso8601)
        m["fiscalYearStart"] = .number(Double(fiscalYearStartMonth))
        m["timeZone"] = .string(timeZone.name)
        if let actorName { m["actor"] = .string(actorName) }
        if let actorRole { m["role"] = .string(actorRole) }
        if let outputFormat { m["outputFormat"] = .string(outputFormat) }
        if fiscalYearNaming != .end { m["fiscalYearNames"] = .string(fiscalYearNaming.rawValue) }
        if let store { m["store"] = .string(store) }
        return Array((PrettyJSON.format(JSONValue.object(m).canonicalBytes) + "\n").utf8)
    }
}
