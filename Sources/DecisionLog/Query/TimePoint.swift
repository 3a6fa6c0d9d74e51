/// A moment named in a query: `now`, a date (its last moment), a date-time, a period such as `2025-Q2`
/// (its last moment), or a position in the log, `#120`.
public enum TimePoint: Sendable, Equatable, CustomStringConvertible {
    /// An instant, inclusive: events at exactly this time count.
    case instant(Timestamp, label: String)
    /// A position in the log: event #N.
    case seq(Int)

    /// Reads a point; dates and times without an offset are read in `zone`, periods follow the fiscal
    /// year starting in month `fiscalYearStart`. Throws naming what is wrong.
    public init(parsing text: String, zone: TimeZoneRules, fiscalYearStart: Int, naming: FiscalYearNaming = .end, now: Timestamp) throws(TimeFormatError) {
        let trimmed = text.trimmingWhitespace
        if let period = try Timeframe(fiscalName: trimmed, startMonth: fiscalYearStart, naming: naming) {
            let end = period.interval(fiscalYearStart: fiscalYearStart, zone: zone).upperBound.adding(milliseconds: -1)
            self = .instant(end, label: "end of \(trimmed.uppercased()) (\(zone.date(at: end)))")
            return
        }
        if trimmed.lowercased() == "now" {
            self = .instant(now, label: "now")
            return
        }
        if trimmed.hasPrefix("#") {
            guard let seq = Int(trimmed.dropFirst()), seq >= 0 else {
                throw TimeFormatError(text: text, problem: "a log position is # and a seq, e.g. #120")
            }
            self = .seq(seq)
            return
        }
        if trimmed.utf8.count < 10 {
            do throws(TimeFormatError) {
                let period = try Timeframe(parsing: trimmed.uppercased())
                let end = period.interval(fiscalYearStart: fiscalYearStart, zone: zone).upperBound.adding(milliseconds: -1)
                self = .instant(end, label: "end of \(period) (\(zone.date(at: end)))")
                return
            } catch {
                throw TimeFormatError(text: text, problem: TimePoint.expected + " (\(error.problem))")
            }
        }
        let input: TimeInput
        do throws(TimeFormatError) { input = try TimeInput(parsing: trimmed, in: zone) } catch {
            throw TimeFormatError(text: text, problem: error.problem + "; " + TimePoint.expected)
        }
        if let date = input.dateOnly {
            self = .instant(zone.startOf(date.adding(days: 1)).adding(milliseconds: -1), label: "end of \(date)")
        } else {
            self = .instant(input.instant, label: trimmed)
        }
    }

    static let expected = "expected now, a date (2025-06-30), a date-time (2025-06-30T17:00), a period (2025, 2025-H1, 2025-Q2, 2025-06, FY26, FY26-Q2) or a log position (#120)"

    public var description: String {
        switch self {
        case .instant(_, let label): label
        case .seq(let seq): "#\(seq)"
        }
    }
}
