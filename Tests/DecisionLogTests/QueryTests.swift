import DecisionLog
import Testing

/// Points on both clocks, diffs in domain terms, and subject histories.
struct QueryTests {
    func point(_ text: String, fiscalStart: Int = 1) throws -> TimePoint {
        try TimePoint(parsing: text, zone: .utc, fiscalYearStart: fiscalStart, now: Fixtures.instant("2026-01-01T12:00"))
    }

    @Test(arguments: [
        ("2025-Q2", 1, "2025-06-30T23:59:59.999Z"),
        ("2025-q3", 1, "2025-09-30T23:59:59.999Z"),
        ("2025-Q1", 4, "2025-06-30T23:59:59.999Z"),
        ("2025-Q4", 4, "2026-03-31T23:59:59.999Z"),
        ("2025-H1", 1, "2025-06-30T23:59:59.999Z"),
        ("2025", 7, "2026-06-30T23:59:59.999Z"),
        ("2025-02", 4, "2025-02-28T23:59:59.999Z"),
        ("2025-06-30", 1, "2025-06-30T23:59:59.999Z"),
        ("2025-06-30T17:00", 1, "2025-06-30T17:00:00.000Z"),
        ("now", 1, "2026-01-01T12:00:00.000Z"),
    ])
    func pointsNameTheirLastMoment(text: String, fiscalStart: Int, expected: String) throws {
        guard case .instant(let instant, _) = try point(text, fiscalStart: fiscalStart) else { Issue.record("not an instant"); return }
        #expect(instant.iso8601 == expected)
    }

    @Test func seqPointsAndBadPoints() throws {
        #expect(try point("#120") == .seq(120))
        for bad in ["#x", "2025-Q5", "Q3", "2025-13-01", "yesterday"] {
            #expect(throws: TimeFormatError.self) { try point(bad) }
        }
    }

    func diff(_ view: String, _ log: LogBuilder, from: String, to: String) -> ViewDiff {
        let kind = Views.named(view)!
        let replay = Replay(events: log.events, configuration: log.configuration, views: [kind])
        return ViewDiff(kind, before: replay.table(kind, asOf: AsOf(log.point(from))), after: replay.table(kind, asOf: AsOf(log.point(to))))
    }

    @Test func diffsSpeakTheDomain() {
        var log = LogBuilder()
        log.add(.priorityChanged(PriorityChanged(priority: .moscow(.must))), "feature/sso", effective: "2025-06-01")
        log.add(.priorityChanged(PriorityChanged(priority: .moscow(.should))), "feature/sso", effective: "2025-08-01")
        log.add(.ownerAssigned(OwnerAssigned(owner: "Dana Reyes")), "launch/atlas", effective: "2025-06-01")
        log.add(.ownerAssigned(OwnerAssigned(owner: "Lee Park")), "launch/atlas", effective: "2025-08-01")
        log.add(.launchScheduled(LaunchScheduled(name: "Atlas", date: Fixtures.date("2025-09-01"))), "launch/atlas", effective: "2025-06-01")
        log.add(.launchSlipped(LaunchSlipped(date: Fixtures.date("2025-09-22"))), "launch/atlas", effective: "2025-08-11")
        log.add(.launchScheduled(LaunchScheduled(name: "Beacon", date: Fixtures.date("2025-11-15"))), "launch/beacon", effective: "2025-08-20")
        #expect(diff("priorities", log, from: "2025-Q2", to: "2025-Q3").changed.map { $0.changes.map(\.text) } == [["Must → Should"]])
        #expect(diff("owners", log, from: "2025-Q2", to: "2025-Q3").changed.map { $0.changes.map(\.text) } == [["owner Dana Reyes → Lee Park"]])
        let launches = diff("launches", log, from: "2025-Q2", to: "2025-Q3")
        #expect(launches.changed.map { $0.changes.map(\.text) } == [["launch 2025-09-01 → 2025-09-22 (+21 days)", "slips 0 → 1"]])
        #expect(launches.added.map(\.key) == ["launch/beacon"])
        #expect(launches.removed.isEmpty)
        #expect(diff("launches", log, from: "2025-Q3", to: "2025-Q2").removed.map(\.key) == ["launch/beacon"])
    }

    @Test(arguments: [(2.5, 4.5, "+80%"), (65.0, 80.0, "+23%"), (6.0, 4.0, "−33%"), (3.0, 3.0, "0%"),
                      (1000.0, 1004.0, "+0.4%"), (1000.0, 996.0, "−0.4%"), (100_000.0, 100_001.0, "+<0.1%"), (100_000.0, 99_999.0, "−<0.1%"),
                      (200.0, 201.0, "+0.5%"), (40.0, 39.6, "−1%")])
    func kpiChangesAreRelativeAndNeverRoundToNothing(before: Double, after: Double, expected: String) {
        #expect(MetricChange(from: before, to: after, unit: .count).percentText == expected)
    }

    @Test(arguments: [(2.5, 4.5, "+2.0 pp, +80%"), (4.5, 4.47, "−<0.1 pp, −0.7%"), (12.0, 12.0, "0.0 pp, 0%"), (0.0, 3.0, "+3.0 pp")])
    func percentMetricsAlsoChangeInPoints(before: Double, after: Double, expected: String) {
        #expect(MetricChange(from: before, to: after, unit: .percent).text == expected)
    }

    @Test func theKPITableHasBeforeAfterAndChange() {
        var log = LogBuilder()
        log.add(.metricDefined(MetricDefined(name: "Conversion rate", unit: .percent, direction: .higher)), "metric/cr", effective: "2025-06-01")
        log.add(.metricRecorded(MetricRecorded(value: 2.5, period: try! Timeframe(parsing: "2025-Q2"))), "metric/cr", effective: "2025-06-30")
        log.add(.metricRecorded(MetricRecorded(value: 4.5, period: try! Timeframe(parsing: "2025-Q3"))), "metric/cr", effective: "2025-09-30")
        let kind = Views.named("kpis")!
        let replay = Replay(events: log.events, configuration: log.configuration, views: [kind])
        let table = KPIChange.table(before: replay.table(kind, asOf: AsOf(log.point("2025-Q2"))), after: replay.table(kind, asOf: AsOf(log.point("2025-Q3"))))
        #expect(table.count == 1)
        #expect(table[0].name == "Conversion rate")
        #expect(table[0].before.text == "2.5%")
        #expect(table[0].after.text == "4.5%")
        #expect(table[0].changeText == "+2.0 pp, +80%")
    }

    @Test func aSubjectsHistoryShowsEveryChangeWithWhoWhenAndWhy() {
        var log = LogBuilder()
        log.add(.launchScheduled(LaunchScheduled(name: "Atlas", date: Fixtures.date("2025-09-01"))), "launch/atlas", effective: "2025-07-01")
        let late = log.add(.launchSlipped(LaunchSlipped(date: Fixtures.date("2025-09-22"))), "launch/atlas", by: Fixtures.lee,
                           effective: "2025-08-11", recorded: "2025-08-13", reason: "Security review")
        let wrong = log.add(.launchSlipped(LaunchSlipped(date: Fixtures.date("2025-12-01"))), "launch/atlas", effective: "2025-08-20")
        log.retract(wrong, effective: "2025-08-21")
        log.add(.launchSlipped(LaunchSlipped(date: Fixtures.date("2025-09-29"))), "launch/atlas", effective: "2025-09-08")
        let history = SubjectHistory(subject: Subject("launch/atlas")!, events: log.events, configuration: log.configuration)
        #expect(history.entries.map(\.event.seq) == [1, 2, 3, 4, 5])
        #expect(history.entries[1].changes == ["launch 2025-09-01 → 2025-09-22 (+21 days)", "slips 0 → 1"])
        #expect(history.entries[1].notes == ["recorded 2 days later"])
        #expect(history.entries[1].event.actor == late.actor)
        #expect(history.entries[2].changes == ["launch 2025-09-22 → 2025-12-01 (+70 days)", "slips 1 → 2"])
        #expect(history.entries[2].notes == ["retracted by #4"])
        #expect(history.entries[3].changes == ["retracts #3"])
        // The retracted move never counted: the next one starts from September 22.
        #expect(history.entries[4].changes == ["launch 2025-09-22 → 2025-09-29 (+7 days)", "slips 1 → 2"])
    }
}
