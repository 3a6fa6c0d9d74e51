/// The unit a metric or target is measured in.
public enum MeasureUnit: String, PayloadChoice {
    case percent, count, currency, days, weeks, months
    /// A ratio, such as LTV:CAC, written 6.3×.
    case ratio
}

/// Which way a metric should move.
public enum MetricDirection: String, PayloadChoice {
    /// Higher values are better (conversion rate, retention).
    case higher
    /// Lower values are better (time-to-value, churn).
    case lower
}
