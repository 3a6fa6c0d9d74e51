/// A KPI's actual at two moments, the target in force at the second, and the change: the seeds' "Metric |
/// Before | After | Change", stated by `MetricChange`.
public struct KPIChange: Sendable, Equatable {
    /// The metric's subject.
    public let metric: String
    /// The metric's name.
    public let name: String
    /// The latest actual at each moment.
    public let before: Cell
    public let after: Cell
    /// The target for the period current at the second moment.
    public let target: Cell
    /// The change, when both actuals are there.
    public let change: MetricChange?

    /// The KPI rows of two tables of the kpis view, for every metric with an actual at either moment.
    public static func table(before: ViewTable, after: ViewTable) -> [KPIChange] {
        let beforeRows = Dictionary(before.rows.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var keys = after.rows.map(\.key)
        keys += before.rows.map(\.key).filter { !keys.contains($0) }
        let afterRows = Dictionary(after.rows.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        return keys.compactMap { key in
            let old = beforeRows[key]?["actual"] ?? Cell(.null), new = afterRows[key]?["actual"] ?? Cell(.null)
            guard old.value != .null || new.value != .null else { return nil }
            let row = afterRows[key] ?? beforeRows[key]
            let name = row?["name"].text ?? key
            let unit = row?["unit"].value.stringValue.flatMap(MeasureUnit.init(rawValue:))
            var change: MetricChange? = nil
            if let a = old.value.numberValue, let b = new.value.numberValue { change = MetricChange(from: a, to: b, unit: unit) }
            return KPIChange(metric: key, name: name, before: old, after: new, target: afterRows[key]?["target"] ?? Cell(.null), change: change)
        }
    }

    /// "+2.0 pp, +80%", "−33%", or "" when there is no change to give.
    public var changeText: String { change?.text ?? "" }
}
