/// Writing SVG and HTML by hand: escaped text, compact coordinates, and a day axis shared by the report's charts.
enum Markup {
    /// `text` safe inside an element or a quoted attribute.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A coordinate with at most one decimal: `12`, `12.5`.
    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

/// A horizontal scale from calendar days to x coordinates, with month ticks.
struct DayAxis {
    /// The first and last days shown.
    let first: CalendarDate, last: CalendarDate
    /// The x coordinates of the first and last days.
    let left: Double, right: Double

    /// The x of `day`.
    func x(_ day: CalendarDate) -> Double {
        let span = Double(max(1, first.days(until: last)))
        return left + (right - left) * Double(first.days(until: day)) / span
    }

    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The first day of each month in range, with a label ("Jan 2025" in January, and on the first tick when
    /// there is room, else "Feb"); every third month only when the range is long.
    var monthTicks: [(day: CalendarDate, label: String)] {
        var (year, month, _) = first.parts
        var ticks: [(CalendarDate, String)] = []
        let step = first.days(until: last) > 550 ? 3 : 1
        let roomy = (right - left) * 30 * Double(step) / Double(max(1, first.days(until: last))) >= 70
        while true {
            month += 1
            if month > 12 { month = 1; year += 1 }
            guard let day = CalendarDate(year: year, month: month, day: 1), day <= last else { break }
            if (month - 1) % step != 0 { continue }
            let label = (ticks.isEmpty && roomy) || month == 1 ? "\(DayAxis.monthNames[month - 1]) \(year)" : DayAxis.monthNames[month - 1]
            ticks.append((day, label))
        }
        return ticks
    }

    /// Vertical grid lines and month labels between `top` and `bottom`, labels below.
    func grid(top: Double, bottom: Double) -> String {
        monthTicks.map { tick in
            let x = Markup.number(self.x(tick.day))
            return "<line class=\"grid\" x1=\"\(x)\" y1=\"\(Markup.number(top))\" x2=\"\(x)\" y2=\"\(Markup.number(bottom))\"/>"
                + "<text class=\"tick\" x=\"\(x)\" y=\"\(Markup.number(bottom + 14))\" text-anchor=\"middle\">\(tick.label)</text>"
        }.joined()
    }
}

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
