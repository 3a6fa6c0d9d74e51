/// The report's charts, drawn over one window of days: each launch's moves on a timeline, and a KPI's
/// targets and actuals. The web pages draw the same charts, with the same marks.
///
/// Every chart mark carries a class naming what it is (`mark slip`, `mark pull-in`, `mark actual`, `mark target`…)
/// and a `<title>` saying which event it comes from, so a reader can hover for the source and a test can count them.
struct ReportCharts {
    /// The window's first and last days; marks outside it are clipped to it.
    let firstDay: CalendarDate, lastDay: CalendarDate

    /// One lane a launch: the plan at the start, each move drawn as an arc from the old date to the new one.
    func launchTimeline(_ lanes: [Retrospective.LaunchLane]) -> String {
        let laneHeight = 44.0, top = 30.0, labelWidth = 190.0, width = 1000.0
        var days = [firstDay, lastDay]
        for lane in lanes {
            days += lane.plannedAtStart.map { [$0] } ?? []
            for move in lane.moves { days += [move.date, move.mark.day] + (move.before.map { [$0] } ?? []) }
        }
        let axis = DayAxis(first: days.min()!.adding(days: -7), last: days.max()!.adding(days: 7), left: labelWidth, right: width - 20)
        let bottom = top + laneHeight * Double(lanes.count)
        let height = bottom + 30
        var svg = "<svg class=\"chart timeline\" viewBox=\"0 0 \(Markup.number(width)) \(Markup.number(height))\" role=\"img\" aria-label=\"Launch timeline\">"
        let (windowLeft, windowRight) = (axis.x(firstDay), axis.x(lastDay))
        svg += "<rect class=\"window\" x=\"\(Markup.number(windowLeft))\" y=\"\(Markup.number(top - 8))\" width=\"\(Markup.number(windowRight - windowLeft))\" height=\"\(Markup.number(bottom - top + 8))\"><title>The period of the report</title></rect>"
        svg += axis.grid(top: top - 8, bottom: bottom)
        for (index, lane) in lanes.enumerated() {
            let y = top + laneHeight * (Double(index) + 0.6)
            svg += "<g class=\"lane\">"
            svg += "<text class=\"lane-name\" x=\"8\" y=\"\(Markup.number(y - 3))\">\(Markup.escape(lane.name))</text>"
            svg += "<text class=\"lane-subject\" x=\"8\" y=\"\(Markup.number(y + 11))\">\(Markup.escape(lane.subject.text))</text>"
            let planned = (lane.plannedAtStart.map { [$0] } ?? []) + lane.moves.map(\.date)
            if let low = planned.min(), let high = planned.max(), low < high {
                svg += "<line class=\"span\" x1=\"\(Markup.number(axis.x(low)))\" y1=\"\(Markup.number(y))\" x2=\"\(Markup.number(axis.x(high)))\" y2=\"\(Markup.number(y))\"/>"
            }
            if let start = lane.plannedAtStart {
                svg += "<circle class=\"mark planned\" cx=\"\(Markup.number(axis.x(start)))\" cy=\"\(Markup.number(y))\" r=\"5\"><title>Planned for \(start) when the period began</title></circle>"
            }
            for move in lane.moves {
                let x = axis.x(move.date)
                let title = "<title>\(Markup.escape(ReportDocument.byline(move.mark) + ": " + ReportDocument.moveText(move) + (move.mark.reason.map { " — " + $0 } ?? "")))</title>"
                let (cx, cy) = (Markup.number(x), Markup.number(y))
                switch move.kind {
                case .scheduled, .restated:
                    svg += "<circle class=\"mark \(move.kind.rawValue)\" cx=\"\(cx)\" cy=\"\(cy)\" r=\"5\">\(title)</circle>"
                case .slip, .pullIn:
                    let from = axis.x(move.before!)
                    let lift = min(laneHeight * 0.45, 8 + abs(x - from) / 6)
                    svg += "<path class=\"move \(move.kind.rawValue)\" d=\"M\(Markup.number(from)) \(cy) Q\(Markup.number((from + x) / 2)) \(Markup.number(y - lift * 2)) \(cx) \(cy)\"/>"
                    svg += "<circle class=\"mark \(move.kind.rawValue)\" cx=\"\(cx)\" cy=\"\(cy)\" r=\"5.5\">\(title)</circle>"
                case .shipped:
                    svg += "<polygon class=\"mark shipped\" points=\"\(cx),\(Markup.number(y - 8)) \(Markup.number(x + 8)),\(cy) \(cx),\(Markup.number(y + 8)) \(Markup.number(x - 8)),\(cy)\">\(title)</polygon>"
                case .cancelled:
                    svg += "<path class=\"mark cancelled\" d=\"M\(Markup.number(x - 6)) \(Markup.number(y - 6)) L\(Markup.number(x + 6)) \(Markup.number(y + 6)) M\(Markup.number(x - 6)) \(Markup.number(y + 6)) L\(Markup.number(x + 6)) \(Markup.number(y - 6))\">\(title)</path>"
                }
            }
            svg += "</g>"
        }
        svg += "</svg>\n"
        let legend = "<p class=\"legend\"><span class=\"key planned\"></span>planned at the start <span class=\"key scheduled\"></span>scheduled <span class=\"key slip\"></span>slip (later) <span class=\"key pull-in\"></span>pull-in (earlier) <span class=\"key shipped\"></span>shipped <span class=\"key cancelled\"></span>cancelled · the shaded band is the period; hover a mark for who moved it and why</p>\n"
        return "<figure>" + svg + legend + "</figure>\n"
    }

    /// A line chart of one KPI: its targets as dashed steps over their timeframes, its actuals as a line of dots.
    func kpiChart(_ series: Retrospective.MetricSeries) -> String {
        let width = 480.0, height = 230.0, left = 64.0, right = width - 14, top = 16.0, bottom = height - 34
        let values = series.actuals.map(\.value) + series.targets.map(\.value)
        let y = ValueAxis(covering: values, bottom: bottom, top: top)
        let axis = DayAxis(first: firstDay, last: lastDay, left: left, right: right)
        var svg = "<svg class=\"chart kpi\" viewBox=\"0 0 \(Markup.number(width)) \(Markup.number(height))\" role=\"img\" aria-label=\"\(Markup.escape(series.name)): targets and actuals\">"
        svg += axis.grid(top: top, bottom: bottom)
        for tick in y.ticks {
            let ty = Markup.number(y.y(tick))
            svg += "<line class=\"grid\" x1=\"\(Markup.number(left))\" y1=\"\(ty)\" x2=\"\(Markup.number(right))\" y2=\"\(ty)\"/>"
            svg += "<text class=\"tick\" x=\"\(Markup.number(left - 6))\" y=\"\(Markup.number(y.y(tick) + 4))\" text-anchor=\"end\">\(Markup.escape(ReportDocument.valueText(tick, series)))</text>"
        }
        for target in series.targets {
            let x1 = axis.x(max(target.start, firstDay)), x2 = axis.x(min(target.end, lastDay))
            let ty = Markup.number(y.y(target.value))
            svg += "<line class=\"mark target\" x1=\"\(Markup.number(x1))\" y1=\"\(ty)\" x2=\"\(Markup.number(max(x2, x1 + 2)))\" y2=\"\(ty)\"><title>Target for \(target.timeframe): \(Markup.escape(ReportDocument.valueText(target.value, series))) (#\(target.seq))</title></line>"
        }
        // Each actual sits in the middle of what it measures (inside the window), labelled with its period.
        let place = { (span: MeasuredSpan) -> Double in
            let first = max(span.first, self.firstDay), last = min(span.last, self.lastDay)
            return (axis.x(first) + axis.x(last)) / 2
        }
        if series.actuals.count > 1 {
            svg += "<polyline class=\"actual-line\" points=\"" + series.actuals.map { "\(Markup.number(place($0.span))),\(Markup.number(y.y($0.value)))" }.joined(separator: " ") + "\"/>"
        }
        for actual in series.actuals {
            let (cx, cy) = (place(actual.span), y.y(actual.value))
            svg += "<circle class=\"mark actual\" cx=\"\(Markup.number(cx))\" cy=\"\(Markup.number(cy))\" r=\"3.5\"><title>\(actual.span): \(Markup.escape(ReportDocument.valueText(actual.value, series))) (#\(actual.seq))</title></circle>"
            svg += "<text class=\"point-label\" x=\"\(Markup.number(cx))\" y=\"\(Markup.number(cy - 7))\" text-anchor=\"middle\">\(actual.span)</text>"
        }
        svg += "</svg>"
        let direction = series.direction.map { $0 == .higher ? "higher is better" : "lower is better" }
        let latest = series.actuals.last.map { "latest \(ReportDocument.valueText($0.value, series)) for \($0.span)" }
        let caption = [direction, latest].compactMap { $0 }.joined(separator: " · ")
        return "<figure class=\"kpi-chart\"><figcaption><strong>\(Markup.escape(series.name))</strong> <span class=\"subject\">\(Markup.escape(series.subject.text))</span><br><span class=\"note\">\(Markup.escape(caption))</span></figcaption>\(svg)<p class=\"legend\"><svg class=\"key-mark\" viewBox=\"0 0 24 10\" width=\"24\" height=\"10\" aria-hidden=\"true\"><line class=\"target\" x1=\"1\" y1=\"5\" x2=\"23\" y2=\"5\"/></svg> target for its timeframe <svg class=\"key-mark\" viewBox=\"0 0 24 10\" width=\"24\" height=\"10\" aria-hidden=\"true\"><circle class=\"actual\" cx=\"12\" cy=\"5\" r=\"3.5\"/></svg> actual, at the period it measures</p></figure>\n"
    }
}
