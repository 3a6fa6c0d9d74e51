/// The KPIs view: for each metric, its target against its latest actual, and whether it is on track given
/// which direction is better. The latest actual is the one measuring the latest day (a date, or the last day
/// of a period); the target is the one set last.
public enum KPIsProjection: Projection {
    public static let name = "kpis"
    public static let summary = "Target vs latest actual per metric, on track or not."
    public static let columns: [ViewColumn] = [
        ViewColumn("metric"), ViewColumn("name", priority: 2), ViewColumn("target"), ViewColumn("targetFor", title: "FOR", priority: 2),
        ViewColumn("actual"), ViewColumn("measured", compared: false, priority: 2), ViewColumn("status"),
    ]

    /// One metric's histories.
    public struct Record: Sendable {
        var definition = History<MetricDefined>()
        var targets = History<MetricTargetSet>()
        var actuals = History<MetricRecorded>()

        mutating func retract(_ id: EventID) {
            definition.retract(id)
            targets.retract(id)
            actuals.retract(id)
        }
    }

    public static func initialState() -> [Subject: Record] { [:] }

    public static func fold(_ state: inout [Subject: Record], _ event: Event, _ stamp: Stamp) {
        switch event.payload {
        case .metricDefined(let p): state[event.subject, default: Record()].definition.record(p, stamp)
        case .metricTargetSet(let p): state[event.subject, default: Record()].targets.record(p, stamp)
        case .metricRecorded(let p): state[event.subject, default: Record()].actuals.record(p, stamp)
        case .eventRetracted(let r): state[event.subject]?.retract(r.event)
        default: break
        }
    }

    /// The last day a measurement covers: its date, or the last day of its period.
    static func measuredDay(_ actual: MetricRecorded, _ context: ViewContext) -> CalendarDate {
        if let date = actual.date { return date }
        let end = actual.period!.interval(fiscalYearStart: context.fiscalYearStart, zone: context.timeZone).upperBound
        return context.timeZone.date(at: end.adding(milliseconds: -1))
    }

    /// The latest actual in force by `context.asOf`: the one measuring the latest day, then the last recorded.
    static func latestActual(_ record: Record, _ context: ViewContext) -> Change<MetricRecorded>? {
        record.actuals.through(context.asOf).max { a, b in
            let (dayA, dayB) = (measuredDay(a.value, context), measuredDay(b.value, context))
            return dayA != dayB ? dayA < dayB : (a.stamp.effectiveAt, a.stamp.seq) < (b.stamp.effectiveAt, b.stamp.seq)
        }
    }

    public static func rows(_ state: [Subject: Record], _ context: ViewContext) -> [ViewRow] {
        state.keys.sorted().compactMap { subject -> ViewRow? in
            let record = state[subject]!
            let definition = record.definition.latest(context.asOf)
            let target = record.targets.latest(context.asOf)
            let actual = latestActual(record, context)
            guard definition != nil || target != nil || actual != nil else { return nil }
            let unit = definition?.value.unit
            let currency = definition?.value.currency
            func measure(_ value: Double?, _ stamp: Stamp?) -> Cell {
                guard let value else { return .text(nil) }
                return Cell(.number(value), text: NumberText.format(value, unit: unit, currency: currency), source: stamp)
            }
            let measured = actual.map { $0.value.period?.description ?? $0.value.date!.description }
            let status: String = switch (target?.value.target, actual?.value.value, definition?.value.direction) {
            case (nil, _, _): "no target"
            case (_, nil, _): "no actual"
            case (let goal?, let value?, .lower?): value <= goal ? "on track" : "off track"
            case (let goal?, let value?, _): value >= goal ? "on track" : "off track"
            }
            return ViewRow(key: subject.text, subject: subject, cells: [
                "metric": .text(subject.text),
                "name": .text(definition?.value.name ?? subject.text, source: definition?.stamp),
                "target": measure(target?.value.target, target?.stamp),
                "targetFor": .text(target?.value.timeframe.description, source: target?.stamp),
                "actual": measure(actual?.value.value, actual?.stamp),
                "measured": .text(measured, source: actual?.stamp),
                "status": .text(status, source: actual?.stamp ?? target?.stamp),
            ])
        }
    }

    /// The relative change from `before` to `after` in whole percent, or nil when it has no meaning.
    public static func percentChange(from before: Double, to after: Double) -> Int? {
        guard before != 0 else { return nil }
        return Int(((after - before) / abs(before) * 100).rounded())
    }

    /// "+80%", "−33%", "0%".
    public static func percentText(_ percent: Int) -> String {
        percent > 0 ? "+\(percent)%" : percent < 0 ? "−\(-percent)%" : "0%"
    }

    public static func describeChange(_ column: ViewColumn, from before: Cell, to after: Cell) -> String? {
        guard column.key == "actual" || column.key == "target" else { return nil }
        var text = "\(column.key) \(before.text.isEmpty ? "(none)" : before.text) → \(after.text.isEmpty ? "(none)" : after.text)"
        if let from = before.value.numberValue, let to = after.value.numberValue, let percent = percentChange(from: from, to: to) {
            text += " (\(percentText(percent)))"
        }
        return text
    }
}
