/// Everything a retrospective report shows: the fold of the window's events, the views' diff between its two
/// moments, and where the log stood when the report was made.
public struct ReportDocument: Sendable {
    /// The launches, KPIs, priorities, decisions and retractions of the window.
    public let retrospective: Retrospective
    /// Each view's changes between the two moments.
    public let diffs: [ViewDiff]
    /// The KPI actuals before and after.
    public let kpis: [KPIChange]
    /// The two moments, as the user named them.
    public let from: QueryMoment, to: QueryMoment
    /// The log's head when the report was made (`seq:hash`), so a reader can check the report against the log.
    public let head: String
    /// The zone the log's dates are in.
    public let timeZone: TimeZoneRules

    /// A report; see the properties.
    public init(retrospective: Retrospective, diffs: [ViewDiff], kpis: [KPIChange], from: QueryMoment, to: QueryMoment,
                head: String, timeZone: TimeZoneRules) {
        self.retrospective = retrospective
        self.diffs = diffs
        self.kpis = kpis
        self.from = from
        self.to = to
        self.head = head
        self.timeZone = timeZone
    }

    /// "end of 2025-Q2 (2025-06-30) to end of 2025-Q3 (2025-09-30)".
    public var periodText: String {
        func text(_ moment: QueryMoment, _ day: CalendarDate) -> String {
            moment.asOfLabel.contains(day.description) ? moment.asOfLabel : "\(moment.asOfLabel) (\(day))"
        }
        return "\(text(from, retrospective.firstDay.adding(days: -1))) to \(text(to, retrospective.lastDay))"
    }

    /// The headline figures, as (label, value, note) triples.
    var figures: [(label: String, value: String, note: String)] {
        let r = retrospective
        let days = r.launches.reduce(0) { $0 + $1.daysMoved }
        return [
            ("Events", String(r.eventCount), "recorded as effective in the period"),
            ("Decisions", String(r.decisions.count), "recorded with their deciders"),
            ("Launch slips", String(r.slipCount), "\(NumberText.signed(days)) days net across \(r.launches.count) launch\(r.launches.count == 1 ? "" : "es")"),
            ("Pull-ins", String(r.pullInCount), "dates moved earlier"),
            ("Priority moves", String(r.priorityChangeCount), "on \(r.priorities.count) item\(r.priorities.count == 1 ? "" : "s")"),
            ("Retractions", String(r.retractions.count), "events found wrong and withdrawn"),
        ]
    }

    /// "#26 2025-08-11 Lee Park (CPO)".
    static func byline(_ mark: Retrospective.Mark) -> String { "#\(mark.seq) \(mark.day) \(mark.actor.description)" }

    /// A launch move in words: "slip 2025-09-01 → 2025-09-22 (+21 days)", "shipped 2025-09-24 (+2 days)".
    static func moveText(_ move: Retrospective.LaunchMove) -> String {
        let days = move.days == 0 ? "" : " (\(NumberText.signed(move.days)) day\(abs(move.days) == 1 ? "" : "s"))"
        switch move.kind {
        case .scheduled: return "scheduled for \(move.date)"
        case .restated: return "restated \(move.date)"
        case .shipped: return "shipped \(move.date)" + days
        case .cancelled: return "cancelled \(move.date)"
        case .slip, .pullIn:
            return "\(move.kind == .slip ? "slip" : "pull-in") \(move.before!) → \(move.date)" + days
        }
    }

    /// A value in a metric's unit.
    static func valueText(_ value: Double, _ series: Retrospective.MetricSeries) -> String {
        NumberText.format(value, unit: series.unit)
    }

    /// "Dana Reyes, Lee Park".
    static func people(_ names: [String]) -> String { names.joined(separator: ", ") }
}
