/// Which way a metric should move.
public enum MetricDirection: String, PayloadChoice {
    /// Higher values are better (conversion rate, retention).
    case higher
    /// Lower values are better (time-to-value, churn).
    case lower
}
