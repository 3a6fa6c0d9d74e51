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
