/// The unit a metric or target is measured in.
public enum MeasureUnit: String, PayloadChoice {
    case percent, count, currency, days, weeks, months
    /// A ratio, such as LTV:CAC, written 6.3×.
    case ratio
}
