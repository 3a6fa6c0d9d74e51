import DecisionLog
import DecisionLogTestSupport
import Testing

/// A metric's book finds a period's actuals by binary search over its order; it must find exactly those a
/// scan of every actual finds, in the same order, so every period's value is the same.
struct MetricBookTests {
    struct Source: Provenance, Equatable {
        let seq: Int
        let effectiveAt: Timestamp
    }

    static let calendar = PeriodCalendar(zone: .utc, fiscalYearStart: 4)

    /// The periods and days of 2024–2026 to ask for.
    static var spans: [MeasuredSpan] {
        var names = ["2024", "2025", "2026"]
        for year in 2024...2026 {
            names += ["\(year)-H1", "\(year)-H2"] + (1...4).map { "\(year)-Q\($0)" } + (1...12).map { "\(year)-" + ($0 < 10 ? "0" : "") + String($0) }
        }
        var spans = names.map { try! calendar.span(Timeframe(parsing: $0)) }
        let start = try! CalendarDate(parsing: "2024-01-01")
        spans += stride(from: 0, to: 3 * 366, by: 5).map { calendar.span(MetricRecorded(value: 0, date: start.adding(days: $0))) }
        return spans
    }

    @Test(arguments: [MeasureUnit.count, .percent], [UInt64(1), 2, 3])
    func aPeriodsValueIsWhatAScanOfEveryActualGives(unit: MeasureUnit, seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let spans = Self.spans
        let actuals = (1...600).map { seq -> (value: MetricRecorded, source: Source) in
            let span = spans.randomElement(using: &random)!
            let value = MetricRecorded(value: Double(Int.random(in: 0...500, using: &random)), period: span.timeframe, date: span.timeframe == nil ? span.first : nil)
            return (value, Source(seq: seq, effectiveAt: Timestamp(milliseconds: Int64.random(in: 0...1_000_000, using: &random))))
        }
        let book = MetricBook(unit: unit, direction: nil, targets: [], actuals: actuals, calendar: Self.calendar)
        for span in spans {
            let found = book.value(for: span), expected = Self.scanned(book, span)
            #expect(found?.value == expected?.value, "\(span)")
            #expect(found?.sources.map(\.seq) == expected?.sources.map(\.seq), "\(span)")
            #expect(found?.coveredThrough == expected?.coveredThrough && found?.coveredDays == expected?.coveredDays, "\(span)")
            #expect(found?.partial == expected?.partial && found?.complete == expected?.complete, "\(span)")
        }
    }

    /// The period's value by the rules of `MetricBook`, from a scan of every actual (as the book once did).
    static func scanned(_ book: MetricBook<Source>, _ span: MeasuredSpan) -> (value: Double, sources: [Source], coveredThrough: CalendarDate, coveredDays: Int, partial: Bool, complete: Bool)? {
        if let own = book.actuals.last(where: { $0.span == span }) { return (own.value, [own.source], own.span.last, span.length, false, true) }
        let parts = book.actuals.filter { span.contains($0.span) }
        if book.isAmount {
            var taken: [MetricBook<Source>.Actual] = []
            for part in parts.filter({ $0.span.timeframe != nil }).sorted(by: { $0.span.length > $1.span.length }) {
                if !taken.contains(where: { $0.span.first <= part.span.last && part.span.first <= $0.span.last }) { taken.append(part) }
            }
            if !taken.isEmpty {
                let sorted = taken.sorted { $0.span.last > $1.span.last }
                let days = taken.reduce(0) { $0 + $1.span.length }
                return (taken.reduce(0) { $0 + $1.value }, sorted.map(\.source), sorted[0].span.last, days, true, days >= span.length)
            }
            guard let day = parts.filter({ $0.span.timeframe == nil }).max(by: { ($0.span.last, $0.source.seq) < ($1.span.last, $1.source.seq) }) else { return nil }
            return (day.value, [day.source], day.span.last, span.first.days(until: day.span.last) + 1, true, true)
        }
        guard let last = parts.max(by: { ($0.span.last, $1.span.length, $0.source.seq) < ($1.span.last, $0.span.length, $1.source.seq) }) else { return nil }
        return (last.value, [last.source], last.span.last, span.first.days(until: last.span.last) + 1, false, last.span.timeframe == nil || last.span.last >= span.last)
    }
}
