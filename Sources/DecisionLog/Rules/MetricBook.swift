/// One metric's targets and actuals as of a moment, and the rules that match them (docs/rules.md):
///
/// - A target belongs to its timeframe; a later target for the same timeframe replaces it.
/// - An actual measures its period, or its date; a later actual for the same period or date replaces it.
/// - The actual for a period is the one recorded for that period. Failing that, it comes from the actuals
///   measuring parts of it: for a level (percent, ratio, days, weeks, months) the one measuring the latest
///   day; for an amount (count, currency) the sum of the largest periods recorded inside it that do not
///   overlap (a quarter's total, then the months of quarters without one), else the latest dated value.
/// - An actual is judged against the target of the shortest timeframe that contains what it measures — the
///   target "for that same period"; the current target is the one of the shortest timeframe containing today.
/// - While a period runs, a level on the right side of its target is on track; an amount summed from parts is
///   on track when it is at least the target's share for the days its parts cover. Once the period is over,
///   the value met or missed the target — once it covers the period: a value built from months that stop
///   before the period's last day is incomplete, and judged only when the rest is recorded.
public struct MetricBook<Source: Provenance>: Sendable {
    /// A target: its timeframe's days, value and event.
    public struct Target: Sendable {
        public let span: MeasuredSpan
        public let value: Double
        public let source: Source
    }

    /// An actual: what it measures, its value and event.
    public struct Actual: Sendable {
        public let span: MeasuredSpan
        public let value: Double
        public let source: Source
    }

    /// A period's value: the actual for it, or what its parts add up to.
    public struct PeriodValue: Sendable {
        /// The value.
        public let value: Double
        /// The actuals it comes from, the latest first.
        public let sources: [Source]
        /// The last day the value covers.
        public let coveredThrough: CalendarDate
        /// How many of the period's days the value covers (for an amount's pace).
        public let coveredDays: Int
        /// Whether it is a sum of parts of the period (judged by pace while the period runs).
        public let partial: Bool
        /// Whether it covers the whole period: its own actual, a dated value, or parts through its last day.
        public let complete: Bool
    }

    /// How a period's value compares with its target, and with what it was compared: the target, or its share
    /// for the days an amount summed so far covers.
    public struct Judged: Sendable {
        public let judgement: MetricJudgement
        public let value: PeriodValue?
        public let goal: Double
    }

    /// Whether higher values are better (nil: not defined; treated as higher).
    public let direction: MetricDirection?
    /// Whether values add up over time (count, currency) rather than being levels.
    public let isAmount: Bool
    /// The targets, one per timeframe, by span.
    public let targets: [Target]
    /// The actuals, one per period or date, by span.
    public let actuals: [Actual]

    /// The book of a metric with `unit` and `direction` from its targets and actuals (each in effective
    /// order, as of the moment the book is for).
    public init(unit: MeasureUnit?, direction: MetricDirection?, targets: some Sequence<(value: MetricTargetSet, source: Source)>,
                actuals: some Sequence<(value: MetricRecorded, source: Source)>, calendar: PeriodCalendar) {
        self.direction = direction
        isAmount = unit?.isAmount ?? false
        var byTimeframe: [Timeframe: Target] = [:]
        for (target, source) in targets { byTimeframe[target.timeframe] = Target(span: calendar.span(target.timeframe), value: target.target, source: source) }
        self.targets = byTimeframe.values.sorted { $0.span < $1.span }
        var bySpan: [MeasuredSpan: Actual] = [:]
        bySpan.reserveCapacity(actuals.underestimatedCount)
        for (actual, source) in actuals {
            let span = calendar.span(actual)
            bySpan[span] = Actual(span: span, value: actual.value, source: source)
        }
        self.actuals = bySpan.values.sorted { ($0.span, $0.source.effectiveAt, $0.source.seq) < ($1.span, $1.source.effectiveAt, $1.source.seq) }
    }

    /// The same book with each target's and actual's source replaced (a change's place by its stamp, once the
    /// book has kept only the targets and actuals in force).
    public func withSources<Other: Provenance>(targets target: (Source) -> Other, actuals actual: (Source) -> Other) -> MetricBook<Other> {
        MetricBook<Other>(direction: direction, isAmount: isAmount,
                          targets: targets.map { .init(span: $0.span, value: $0.value, source: target($0.source)) },
                          actuals: actuals.map { .init(span: $0.span, value: $0.value, source: actual($0.source)) })
    }

    private init(direction: MetricDirection?, isAmount: Bool, targets: [Target], actuals: [Actual]) {
        self.direction = direction
        self.isAmount = isAmount
        self.targets = targets
        self.actuals = actuals
    }

    /// The actual measuring the latest day (then the one that took effect last).
    public var latest: Actual? {
        actuals.max { a, b in a.span.last != b.span.last ? a.span.last < b.span.last : (a.source.effectiveAt, a.source.seq) < (b.source.effectiveAt, b.source.seq) }
    }

    /// The target of the shortest timeframe containing `span`.
    public func target(for span: MeasuredSpan) -> Target? {
        targets.filter { $0.span.contains(span) }.min { $0.span.length < $1.span.length }
    }

    /// The target for the period containing `day`.
    public func target(on day: CalendarDate) -> Target? {
        targets.filter { $0.span.contains(day) }.min { $0.span.length < $1.span.length }
    }

    /// The value for the period `span`: its own actual, else its parts' (see the type's rules).
    public func value(for span: MeasuredSpan) -> PeriodValue? {
        let candidates = actuals(endingIn: span)
        if let own = candidates.last(where: { $0.span == span }) {
            return PeriodValue(value: own.value, sources: [own.source], coveredThrough: own.span.last, coveredDays: span.length, partial: false, complete: true)
        }
        let parts = candidates.filter { span.contains($0.span) }
        if isAmount {
            // The largest periods recorded inside it that do not overlap: a quarter's own total, then the months
            // of the quarters that have none.
            var taken: [Actual] = []
            for part in parts.filter({ $0.span.timeframe != nil }).sorted(by: { $0.span.length > $1.span.length }) {
                if !taken.contains(where: { $0.span.first <= part.span.last && part.span.first <= $0.span.last }) { taken.append(part) }
            }
            if !taken.isEmpty {
                let sorted = taken.sorted { $0.span.last > $1.span.last }
                let days = taken.reduce(0) { $0 + $1.span.length }
                return PeriodValue(value: taken.reduce(0) { $0 + $1.value }, sources: sorted.map(\.source), coveredThrough: sorted[0].span.last,
                                   coveredDays: days, partial: true, complete: days >= span.length)
            }
            guard let day = parts.filter({ $0.span.timeframe == nil }).max(by: { ($0.span.last, $0.source.seq) < ($1.span.last, $1.source.seq) }) else { return nil }
            return PeriodValue(value: day.value, sources: [day.source], coveredThrough: day.span.last,
                               coveredDays: span.first.days(until: day.span.last) + 1, partial: true, complete: true)
        }
        guard let last = parts.max(by: { ($0.span.last, $1.span.length, $0.source.seq) < ($1.span.last, $0.span.length, $1.source.seq) }) else { return nil }
        return PeriodValue(value: last.value, sources: [last.source], coveredThrough: last.span.last,
                           coveredDays: span.first.days(until: last.span.last) + 1, partial: false,
                           complete: last.span.timeframe == nil || last.span.last >= span.last)
    }

    /// The actuals whose last day is in `span`, in the book's order: every actual measuring days inside it is
    /// among them. The book is ordered by last day, so they are one run of it, found by binary search.
    private func actuals(endingIn span: MeasuredSpan) -> ArraySlice<Actual> {
        func firstIndex(endingAfter day: CalendarDate) -> Int {
            var (low, high) = (0, actuals.count)
            while low < high {
                let middle = (low + high) / 2
                if actuals[middle].span.last <= day { low = middle + 1 } else { high = middle }
            }
            return low
        }
        let start = firstIndex(endingAfter: span.first.adding(days: -1))
        return actuals[start..<max(start, firstIndex(endingAfter: span.last))]
    }

    /// Whether `value` is on the right side of `goal`.
    public func meets(_ value: Double, _ goal: Double) -> Bool { direction == .lower ? value <= goal : value >= goal }

    /// How the period of `target` stands on `today`: over (met or missed) once `today` is past its last day,
    /// else running (on or off track; an amount summed from parts against the share of the target for the
    /// days they cover).
    public func judge(_ target: Target, on today: CalendarDate) -> Judged {
        guard let value = value(for: target.span) else { return Judged(judgement: .noActual, value: nil, goal: target.value) }
        if today > target.span.last {
            guard value.complete else { return Judged(judgement: .incomplete, value: value, goal: target.value) }
            return Judged(judgement: meets(value.value, target.value) ? .met : .missed, value: value, goal: target.value)
        }
        var goal = target.value
        if value.partial && isAmount {
            goal = target.value * Double(min(value.coveredDays, target.span.length)) / Double(target.span.length)
        }
        return Judged(judgement: meets(value.value, goal) ? .onTrack : .offTrack, value: value, goal: goal)
    }

    /// The targets of periods over by `today`, the latest first, each with how it ended.
    public func closedPeriods(on today: CalendarDate) -> [(target: Target, judgement: MetricJudgement, value: PeriodValue?)] {
        targets.filter { $0.span.last < today }.reversed().map { target in
            let judged = judge(target, on: today)
            return (target, judged.judgement, judged.value)
        }
    }
}

extension MeasureUnit {
    /// Whether values in this unit add up over time (a count, money) rather than being levels (a rate, a
    /// duration, a ratio).
    public var isAmount: Bool { self == .count || self == .currency }
}
