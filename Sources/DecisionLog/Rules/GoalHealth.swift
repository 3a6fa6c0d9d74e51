/// How a goal stands on a day — the one rule the goals view, the attention list and the report judge goals by
/// (docs/rules.md, "Goals"):
///
/// - A goal is due on the last day of its timeframe.
/// - A closed goal is achieved, missed or dropped, as its closing says.
/// - Past its due day, an open goal is past due, whatever its numbers (they are shown, to close it by).
/// - While it runs, its actual is its metric's value for the goal's timeframe (`MetricBook`), judged against
///   the goal's own target in the metric's direction, by pace for an amount summed so far.
/// - It is at risk when that judgement is off track, when its owner's confidence is under 50%, or when the
///   confidence fell by 20 points or more since it was last stated; a running goal's fall of 10 points or
///   more is flagged even when it is on track.
/// - Else it is on track when an actual or a confidence says so, and open when nothing does yet.
/// - Progress is actual ÷ target (target ÷ actual when lower is better), in percent.
public struct GoalHealth<Source: Provenance>: Sendable {
    /// The state.
    public let state: GoalState
    /// The goal's due day.
    public let due: CalendarDate
    /// The metric's value for the timeframe, when there is one.
    public let actual: MetricBook<Source>.PeriodValue?
    /// Progress toward the target, in percent.
    public let progress: Double?
    /// The confidence before the latest, when the latest is 10 points or more lower.
    public let confidenceDrop: (from: Double, to: Double)?
    /// Why the state is what it is, in short phrases ("confidence 50% → 30%", "actual 3.1% short of 4.5%").
    public let reasons: [String]

    /// The health of a goal over `timeframe` with `target` (nil: none), measured by `book` (nil: no metric),
    /// with its owner's confidences in effective order, closed with `outcome` (nil: open), on `today`. `text`
    /// writes a value in the goal's unit.
    public init(timeframe: MeasuredSpan, target: Double?, book: MetricBook<Source>?, confidences: [Double],
                outcome: GoalOutcome?, today: CalendarDate, text: (Double) -> String) {
        due = timeframe.last
        let value = book?.value(for: timeframe)
        actual = value
        let direction = book?.direction
        if let target, let value, target != 0, value.value != 0 {
            progress = direction == .lower ? target / value.value * 100 : value.value / target * 100
        } else {
            progress = nil
        }
        var reasons: [String] = []
        let latest = confidences.last
        if confidences.count >= 2, let latest, confidences[confidences.count - 2] - latest >= 10 {
            confidenceDrop = (confidences[confidences.count - 2], latest)
        } else {
            confidenceDrop = nil
        }
        let judged: MetricBook<Source>.Judged? = {
            guard let book, let target, let source = value?.sources.first else { return nil }
            return book.judge(MetricBook<Source>.Target(span: timeframe, value: target, source: source), on: min(today, timeframe.last))
        }()
        if let outcome {
            state = switch outcome {
            case .achieved: .achieved
            case .missed: .missed
            case .dropped: .dropped
            }
        } else if today > timeframe.last {
            state = .pastDue
            if let value, !value.complete {
                reasons.append("its actual covers only through \(value.coveredThrough): record the rest, then close it")
            } else if let value, let target {
                let met = book?.meets(value.value, target) ?? (value.value >= target)
                reasons.append("\(text(value.value)) \(met ? "reached" : "short of") the \(text(target)) target: close it as \(met ? "achieved" : "missed")")
            } else {
                reasons.append("its timeframe ended \(timeframe.last): close it")
            }
        } else {
            var risks: [String] = []
            if let judged, judged.judgement == .offTrack, let value, let target {
                risks.append(judged.goal == target ? "\(text(value.value)) behind the \(text(target)) target"
                             : "\(text(value.value)) so far, behind the \(text(judged.goal)) pace toward \(text(target))")
            }
            if let latest, latest < 50 { risks.append("confidence \(NumberText.format(latest))%") }
            if let drop = confidenceDrop, drop.from - drop.to >= 20 { risks.append("confidence fell \(NumberText.format(drop.from))% → \(NumberText.format(drop.to))%") }
            reasons += risks
            if !risks.isEmpty {
                state = .atRisk
            } else if judged?.judgement == .onTrack || latest != nil {
                state = .onTrack
            } else {
                state = .open
            }
        }
        if let drop = confidenceDrop, [.onTrack, .open].contains(state) {
            reasons.append("confidence fell \(NumberText.format(drop.from))% → \(NumberText.format(drop.to))%")
        }
        self.reasons = reasons
    }
}
