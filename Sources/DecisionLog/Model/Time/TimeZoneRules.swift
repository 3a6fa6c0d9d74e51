/// A named time zone (IANA, e.g. `Europe/Berlin`), read once from the system's tzdata file; lookups are
/// pure and safe from any thread.
public struct TimeZoneRules: Sendable, Hashable, CustomStringConvertible {
    /// The zone's name as given, e.g. `Europe/Berlin` or `UTC`.
    public let name: String
    /// The zone's offsets; nil for UTC.
    private let rules: ZoneRules?

    /// Coordinated Universal Time.
    public static let utc = TimeZoneRules(name: "UTC", rules: nil)

    private init(name: String, rules: ZoneRules?) {
        self.name = name
        self.rules = rules
    }

    /// The zone called `name`; nil when the system's tzdata does not know it.
    public init?(named name: String) {
        if name == "UTC" || name == "Etc/UTC" { self.init(name: name, rules: nil); return }
        guard !name.isEmpty, !name.hasPrefix("/"), !name.contains(".."),
            name.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }),
            let bytes = try? FileSystem.readFile(Paths.join(ProcessFacts.zoneDirectory, name)),
            let rules = ZoneRules(tzif: bytes)
        else { return nil }
        self.init(name: name, rules: rules)
    }

    /// The zone this machine runs in: `TZ` when it names a known zone, else `/etc/localtime`'s, else UTC.
    public static func system(environment: [String: String]) -> TimeZoneRules {
        if let tz = environment["TZ"], let rules = TimeZoneRules(named: tz.hasPrefix(":") ? String(tz.dropFirst()) : tz) {
            return rules
        }
        if let target = try? FileSystem.readLink("/etc/localtime"), let range = target.firstRange(of: "zoneinfo/"),
            let rules = TimeZoneRules(named: String(target[range.upperBound...]))
        {
            return rules
        }
        return .utc
    }

    /// The zone's offset from UTC, in seconds, at `instant`.
    public func offsetSeconds(at instant: Timestamp) -> Int {
        rules?.offset(atUnixSeconds: Civil.floorDivide(instant.milliseconds, 1000).quotient) ?? 0
    }

    /// The instant at which the wall clock in this zone reads `localMilliseconds` (milliseconds since
    /// 1970-01-01T00:00 local time). In a gap (spring forward) the later offset applies; in an overlap
    /// (fall back) the earlier instant is chosen.
    public func instant(atLocalMilliseconds local: Int64) -> Timestamp {
        let firstGuess = Timestamp(milliseconds: local - Int64(offsetSeconds(at: Timestamp(milliseconds: local))) * 1000)
        let offset = offsetSeconds(at: firstGuess)
        let candidate = Timestamp(milliseconds: local - Int64(offset) * 1000)
        let earlierOffset = offsetSeconds(at: candidate.adding(milliseconds: -3_600_000))
        let earlier = Timestamp(milliseconds: local - Int64(earlierOffset) * 1000)
        if earlierOffset != offset && offsetSeconds(at: earlier) == earlierOffset && earlier < candidate {
            return earlier
        }
        return candidate
    }

    /// The local wall-clock reading (milliseconds since 1970-01-01T00:00 local) at `instant`.
    public func localMilliseconds(at instant: Timestamp) -> Int64 {
        instant.milliseconds + Int64(offsetSeconds(at: instant)) * 1000
    }

    /// The local calendar date at `instant`.
    public func date(at instant: Timestamp) -> CalendarDate {
        CalendarDate(dayNumber: Int(Civil.floorDivide(localMilliseconds(at: instant), 86_400_000).quotient))
    }

    /// The first instant of `date` in this zone.
    public func startOf(_ date: CalendarDate) -> Timestamp {
        instant(atLocalMilliseconds: Int64(date.dayNumber) * 86_400_000)
    }

    public var description: String { name }

    public static func == (a: TimeZoneRules, b: TimeZoneRules) -> Bool { a.name == b.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}
