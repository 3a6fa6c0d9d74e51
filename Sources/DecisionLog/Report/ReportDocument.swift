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
            ("Goals", String(r.goals.count), r.goals.isEmpty ? "due or closed in the period" : GoalState.allCases.compactMap { state in
                let count = r.goals.filter { $0.state == state.rawValue }.count
                return count == 0 ? nil : "\(count) \(state.rawValue)"
            }.joined(separator: ", ")),
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
        NumberText.format(value, unit: series.unit, currency: series.currency)
    }

    /// The goals' outcomes as a table of plain texts: headers, then a row per goal.
    var goalTable: (headers: [String], rows: [[String]]) {
        (["Goal", "Timeframe", "Target", "Actual", "Progress", "Outcome", "Note"], retrospective.goals.map { goal in
            ["\(goal.title) (\(goal.subject.text))", goal.timeframe, dash(goal.target), dash(goal.actual), dash(goal.progress), goal.state, dash(goal.note)]
        })
    }

    /// The agreements as a table of plain texts.
    var agreementTable: (headers: [String], rows: [[String]]) {
        (["Date", "Agreement", "Parties", "Objectives", "Timeline", "Resources"], retrospective.agreements.map { meeting in
            let a = meeting.payload
            return [meeting.mark.day.description, meeting.subject.text, ReportDocument.people(a.parties), a.objectives.joined(separator: "; "),
                    dash(a.timeline ?? ""), dash(a.resources.joined(separator: "; "))]
        })
    }

    /// The syncs as a table of plain texts.
    var syncTable: (headers: [String], rows: [[String]]) {
        (["Date", "Sync", "Kind", "Attendees", "Outcomes", "Decisions"], retrospective.syncs.map { meeting in
            let s = meeting.payload
            return [meeting.mark.day.description, meeting.subject.text, s.kind.rawValue, ReportDocument.people(s.attendees),
                    dash(s.outcomes.joined(separator: "; ")), dash(s.decisions.map(\.text).joined(separator: ", "))]
        })
    }

    /// The text, or "—" when it is empty.
    func dash(_ text: String) -> String { text.isEmpty ? "—" : text }

    /// "Dana Reyes, Lee Park".
    static func people(_ names: [String]) -> String { names.joined(separator: ", ") }
}
