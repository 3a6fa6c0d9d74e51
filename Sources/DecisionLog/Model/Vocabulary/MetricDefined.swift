/// `metric.defined`: a KPI is defined — its name, unit and which direction is better. The subject names it.
public struct MetricDefined: EventPayload {
    public static let type: EventType = "metric.defined"
    public static let schemaVersion = 2
    public static let summary = "Define a KPI (the subject names it, e.g. metric/conversion-rate): name, unit, direction."
    public static let fields: [PayloadField] = [
        .required("name", String.self, "The metric's name for people, e.g. \"Conversion rate\"."),
        .required("unit", MeasureUnit.self, "What it is measured in."),
        .required("direction", MetricDirection.self, "Whether higher or lower values are better."),
        .optional("currency", String.self, "For a currency metric, the ISO 4217 code, e.g. EUR."),
    ]

    public let name: String
    public let unit: MeasureUnit
    public let direction: MetricDirection
    public let currency: String?

    /// A metric definition; see `fields`.
    public init(name: String, unit: MeasureUnit, direction: MetricDirection, currency: String? = nil) {
        self.name = name
        self.unit = unit
        self.direction = direction
        self.currency = currency
    }

    public init(reading r: PayloadReader) {
        name = r.required("name")
        unit = r.required("unit")
        direction = r.required("direction")
        currency = r.optional("currency")
        if let currency {
            if unit != .currency && r.has("unit") { r.problem("currency", "only a metric with unit currency has a currency code") }
            if currency.utf8.count != 3 || !currency.utf8.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) {
                r.problem("currency", "expected a three-letter ISO 4217 code such as EUR or USD, got \"\(currency)\"")
            }
        }
    }

    public func write(to w: inout PayloadWriter) {
        w.set("name", name)
        w.set("unit", unit)
        w.set("direction", direction)
        w.set("currency", currency)
    }
}
