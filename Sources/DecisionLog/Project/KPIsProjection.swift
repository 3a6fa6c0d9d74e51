/// The KPIs view: for each metric, the target of the current period, the latest actual and the period it
/// measures, its status against the target for that same period, and how every closed period ended — as
/// `MetricBook`'s rules match targets and actuals.
public enum KPIsProjection: Projection {
    public static let name = "kpis"
    public static let summary = "Per metric: this period's target, the latest actual, its status for its period, closed periods met or missed."
    public static let columns: [ViewColumn] = [
        ViewColumn("metric"), ViewColumn("name", priority: 2), ViewColumn("target"), ViewColumn("targetFor", title: "FOR", priority: 2),
        ViewColumn("actual"), ViewColumn("measured", compared: false, priority: 2), ViewColumn("status"),
        ViewColumn("closed", title: "CLOSED PERIODS", compared: false, priority: 3, wraps: true),
        ViewColumn("unit", compared: false, priority: 5), ViewColumn("judged", title: "JUDGED AGAINST", compared: false, priority: 4),
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

    /// The events the fold reads.
    public static let reads: [any EventPayload.Type]? = [MetricDefined.self, MetricTargetSet.self, MetricRecorded.self, EventRetracted.self]

    public static func fold(_ state: inout [Subject: Record], _ event: Event, _ stamp: Stamp) {
        switch event.payload {
        case .metricDefined(let p): state[event.subject, default: Record()].definition.record(p, stamp)
        case .metricTargetSet(let p): state[event.subject, default: Record()].targets.record(p, stamp)
        case .metricRecorded(let p): state[event.subject, default: Record()].actuals.record(p, stamp)
        case .eventRetracted(let r): state[event.subject]?.retract(r.event)
        default: break
        }
    }

    /// The metric's book as of `context.asOf`. It reads every target and actual in force, but makes the stamps
    /// of only those the book keeps (a later actual for the same day replaces the one before).
    static func book(_ record: Record, _ context: ViewContext) -> MetricBook<Stamp> {
        placedBook(record, context).withSources(targets: record.targets.stamp(at:), actuals: record.actuals.stamp(at:))
    }

    /// The book of `record` as of the context's moment, each target and actual known by its place in the
    /// record's histories: a view that shows few of them makes stamps of those alone (`record.actuals.stamp(at:)`).
    static func placedBook(_ record: Record, _ context: ViewContext) -> MetricBook<ChangePlace> {
        let definition = record.definition.latest(context.asOf)?.value
        return MetricBook(unit: definition?.unit, direction: definition?.direction,
                          targets: record.targets.placedValues(through: context.asOf), actuals: record.actuals.placedValues(through: context.asOf),
                          calendar: context.calendar)
    }

    public static func rows(_ state: [Subject: Record], _ context: ViewContext) -> [ViewRow] {
        let today = context.asOfDate
        // A metric's book reads its whole history: each is built on its own, on every core.
        return state.mapInSubjectOrder(minimum: 2) { subject, record -> ViewRow? in
            let definition = record.definition.latest(context.asOf)
            let book = book(record, context)
            guard definition != nil || !book.targets.isEmpty || !book.actuals.isEmpty else { return nil }
            let unit = definition?.value.unit
            let currency = definition?.value.currency
            func measure(_ value: Double?, _ stamp: Stamp?) -> Cell {
                guard let value else { return .text(nil) }
                return Cell(.number(value), text: NumberText.format(value, unit: unit, currency: currency), source: stamp)
            }
            let current = book.target(on: today)
            let latest = book.latest
            var status: Cell
            var judgedAgainst = Cell.text(nil)
            if let latest {
                if let target = book.target(for: latest.span) {
                    let judged = book.judge(target, on: today)
                    let (judgement, value) = (judged.judgement, judged.value)
                    let period = target.span.description == current?.span.description ? "" : " \(target.span)"
                    // An amount summed from its parts is judged by the sum, which the actual column does not show.
                    let sum = value.flatMap { $0.partial && book.isAmount && ($0.sources.count > 1 || $0.sources.first != latest.source) ? $0.value : nil }
                    var text = judgement.rawValue + period
                    if judgement == .incomplete, let value {
                        text += " (measured through \(value.coveredThrough))"
                    } else if let sum {
                        text += ": \(measure(sum, nil).text) \(judgement == .onTrack || judgement == .offTrack ? "so far" : "in total")"
                    }
                    status = .text(text, source: value?.sources.first ?? target.source)
                    judgedAgainst = Cell(.object(["period": .string(target.span.description), "target": .number(target.value), "result": .string(judgement.rawValue)]),
                                         text: "\(measure(target.value, nil).text) for \(target.span)", source: target.source)
                } else {
                    status = .text("no target for \(latest.span)", source: latest.source)
                }
            } else {
                status = .text(current == nil ? "no target" : "no actual", source: current?.source)
            }
            let closed = book.closedPeriods(on: today)
            let closedCell = Cell(.array(closed.map { entry in
                .object(["period": .string(entry.target.span.description), "target": .number(entry.target.value),
                         "actual": entry.value.map { .number($0.value) } ?? .null, "result": .string(entry.judgement.rawValue)])
            }), text: closed.map { "\($0.target.span) \($0.judgement.rawValue)" }.joined(separator: ", "), source: closed.first?.target.source)
            return ViewRow(key: subject.text, subject: subject, cells: [
                "metric": .text(subject.text),
                "name": .text(definition?.value.name ?? subject.text, source: definition?.stamp),
                "target": measure(current?.value, current?.source),
                "targetFor": .text(current?.span.description, source: current?.source),
                "actual": measure(latest?.value, latest?.source),
                "measured": .text(latest?.span.description, source: latest?.source),
                "status": status,
                "closed": closedCell,
                "unit": .text(unit?.rawValue, source: definition?.stamp),
                "judged": judgedAgainst,
            ])
        }.compactMap { $0 }
    }

    public static func describeChange(_ column: ViewColumn, from before: Cell, to after: Cell) -> String? {
        guard column.key == "actual" || column.key == "target" else { return nil }
        var text = "\(column.key) \(before.text.isEmpty ? "(none)" : before.text) → \(after.text.isEmpty ? "(none)" : after.text)"
        if let from = before.value.numberValue, let to = after.value.numberValue {
            let change = MetricChange(from: from, to: to, unit: after.text.hasSuffix("%") ? .percent : nil).text
            if !change.isEmpty { text += " (\(change))" }
        }
        return text
    }
}
