/// A KPI's move from one value to another in words — the one rule every diff, report and page states changes
/// by (docs/rules.md): the relative change in percent ("+80%"), whole from 1% up, to a tenth below, and
/// "<0.1%" below that, so rounding never turns a real change into 0% or hides its sign; for a percent
/// metric, also the change in percentage points ("+2.0 pp").
public struct MetricChange: Sendable, Equatable {
    /// The value before.
    public let before: Double
    /// The value after.
    public let after: Double
    /// The metric's unit, when known.
    public let unit: MeasureUnit?

    /// A change; see the properties.
    public init(from before: Double, to after: Double, unit: MeasureUnit?) {
        self.before = before
        self.after = after
        self.unit = unit
    }

    /// (after − before) ÷ |before| × 100; nil when before is 0.
    public var percent: Double? { before == 0 ? nil : (after - before) / abs(before) * 100 }

    /// The change in percentage points, for a percent metric.
    public var points: Double? { unit == .percent ? after - before : nil }

    /// "+80%", "−33%", "+0.4%", "+<0.1%", "0%"; nil when before is 0.
    public var percentText: String? { percent.map { MetricChange.signed($0, suffix: "%", wholeFrom: 1) } }

    /// "+2.0 pp", for a percent metric.
    public var pointsText: String? { points.map { MetricChange.signed($0, suffix: " pp", wholeFrom: .infinity) } }

    /// The change as the KPI tables state it: "+2.0 pp, +80%", "+23%", or "" when it has no meaning.
    public var text: String { [pointsText, percentText].compactMap { $0 }.joined(separator: ", ") }

    /// `value` with its sign, whole from `wholeFrom` up, else to a tenth, and "<0.1" for a change smaller
    /// than a tenth; exactly zero is "0" (with no sign) and nothing else is.
    static func signed(_ value: Double, suffix: String, wholeFrom: Double) -> String {
        if value == 0 { return (wholeFrom.isFinite ? "0" : "0.0") + suffix }
        let sign = value > 0 ? "+" : "−"
        let size = abs(value)
        if size >= wholeFrom { return sign + NumberText.format(size.rounded()) + suffix }
        let tenths = (size * 10).rounded() / 10
        if tenths >= wholeFrom { return sign + NumberText.format(tenths.rounded()) + suffix }
        if tenths == 0 { return sign + "<0.1" + suffix }
        let text = NumberText.format(tenths)
        return sign + (text.contains(".") ? text : text + ".0") + suffix
    }
}
