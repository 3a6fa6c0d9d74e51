/// A vertical scale from values to y coordinates, with round ticks.
struct ValueAxis {
    /// The lowest and highest values shown.
    let low: Double, high: Double
    /// The y coordinates of `low` and `high` (top is smaller).
    let bottom: Double, top: Double

    /// A scale covering `values` with round ends and some room around them.
    init(covering values: [Double], bottom: Double, top: Double) {
        var low = values.min() ?? 0, high = values.max() ?? 1
        if low == high { low -= max(1, abs(low) * 0.1); high += max(1, abs(high) * 0.1) }
        let step = ValueAxis.step(for: (high - low) / 4)
        self.low = (low / step).rounded(.down) * step
        self.high = (high / step).rounded(.up) * step
        self.bottom = bottom
        self.top = top
    }

    /// The y of `value`.
    func y(_ value: Double) -> Double { bottom - (bottom - top) * (value - low) / (high - low) }

    /// Round values from low to high.
    var ticks: [Double] {
        let step = ValueAxis.step(for: (high - low) / 4)
        return stride(from: low, through: high + step / 1000, by: step).map { ($0 / step).rounded() * step }
    }

    /// 1, 2 or 5 times a power of ten, near `raw`.
    private static func step(for raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        var power = 1.0
        while power * 10 <= raw { power *= 10 }
        while power > raw { power /= 10 }
        for factor in [1.0, 2, 5, 10] where power * factor >= raw { return power * factor }
        return power * 10
    }
}
