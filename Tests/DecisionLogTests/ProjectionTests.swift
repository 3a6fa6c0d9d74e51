import DecisionLog
import Testing

/// Each projection's fold, checked against hand-worked histories.
struct ProjectionTests {
    func date(_ text: String) -> CalendarDate { Fixtures.date(text) }

    @Test func launchesCountSlipsAndPullInsAgainstTheFirstCommitment() {
        var log = LogBuilder()
        log.add(.launchScheduled(LaunchScheduled(name: "Atlas", date: date("2025-09-01"))), "launch/atlas", effective: "2025-07-01")
        log.add(.launchSlipped(LaunchSlipped(date: date("2025-09-22"))), "launch/atlas", effective: "2025-08-11")
        log.add(.launchSlipped(LaunchSlipped(date: date("2025-09-29"))), "launch/atlas", effective: "2025-09-08")
        log.add(.launchSlipped(LaunchSlipped(date: date("2025-09-24"))), "launch/atlas", effective: "2025-09-15")
        log.add(.launchShipped(LaunchShipped(date: date("2025-09-24"))), "launch/atlas", effective: "2025-09-24")
        let now = log.rows("launches", asOf: "2025-12-31")[0]
        #expect(now.text("first") == "2025-09-01")
        #expect(now.text("current") == "2025-09-24")
        #expect(now.text("slips") == "2")
        #expect(now.text("pullIns") == "1")
        #expect(now["daysSlipped"].value == 23)
        #expect(now["status"].value == "shipped")
        #expect(now.text("status") == "shipped 2025-09-24")
        #expect(now.text("statusDate") == "2025-09-24")
        let august = log.rows("launches", asOf: "2025-08-31")[0]
        #expect(august.text("current") == "2025-09-22")
        #expect(august.text("slips") == "1")
        #expect(august["status"].value == "scheduled")
        #expect(log.rows("launches", asOf: "2025-06-30").isEmpty)
    }

    @Test func aPullInBeforeTheFirstCommitmentIsNotASlip() {
        var log = LogBuilder()
        log.add(.launchScheduled(LaunchScheduled(name: "B", date: date("2025-11-15"))), "launch/b", effective: "2025-08-01")
        log.add(.launchSlipped(LaunchSlipped(date: date("2025-11-01"))), "launch/b", effective: "2025-09-01")
        log.add(.launchCancelled(LaunchCancelled()), "launch/b", effective: "2025-10-01", reason: "folded in")
        let row = log.rows("launches", asOf: "2025-12-31")[0]
        #expect(row.text("slips") == "0")
        #expect(row.text("pullIns") == "1")
        #expect(row["daysSlipped"].value == -14)
        #expect(row.text("daysSlipped") == "−14")
        #expect(row["status"].value == "cancelled")
        #expect(row.text("statusDate") == "2025-10-01")
    }

    @Test func aCancellationWithoutADateFallsOnItsDayInTheLogsZone() {
        var log = LogBuilder()
        log.configuration.timeZone = TimeZoneRules(named: "Europe/Berlin")!
        log.add(.launchScheduled(LaunchScheduled(name: "A", date: date("2025-10-01"))), "launch/a", effective: "2025-07-01")
        // Midnight in Berlin is still August 31 in UTC.
        log.add(.launchCancelled(LaunchCancelled()), "launch/a", effective: "2025-08-31T22:00Z", reason: "stop")
        #expect(log.rows("launches", asOf: "2025-12-31")[0].text("statusDate") == "2025-09-01")
    }

    @Test func anEventRecordedLateButEffectiveEarlierLandsInItsPlace() {
        var log = LogBuilder()
        log.add(.launchScheduled(LaunchScheduled(name: "A", date: date("2025-09-01"))), "launch/a", effective: "2025-07-01")
        log.add(.launchShipped(LaunchShipped(date: date("2025-09-30"))), "launch/a", effective: "2025-09-30")
        // Decided on August 11, written up on October 2, after the launch had shipped.
        let late = log.add(.launchSlipped(LaunchSlipped(date: date("2025-09-30"))), "launch/a", effective: "2025-08-11", recorded: "2025-10-02")
        #expect(late.seq == 3)
        #expect(log.rows("launches", asOf: "2025-08-31")[0].text("current") == "2025-09-30")
        #expect(log.rows("launches", asOf: "2025-08-10")[0].text("current") == "2025-09-01")
        // What the log knew before the write-up: no slip.
        #expect(log.rows("launches", asOf: "2025-08-31", knownThroughSeq: 2)[0].text("current") == "2025-09-01")
        #expect(log.rows("launches", asOf: "2025-12-31")[0].text("slips") == "1")
    }

    @Test func aRetractedEventStopsCounting() {
        var log = LogBuilder()
        log.add(.launchScheduled(LaunchScheduled(name: "A", date: date("2025-09-01"))), "launch/a", effective: "2025-07-01")
        let wrong = log.add(.launchSlipped(LaunchSlipped(date: date("2025-12-01"))), "launch/a", effective: "2025-08-01")
        #expect(log.rows("launches", asOf: "2025-12-31")[0].text("current") == "2025-12-01")
        log.retract(wrong, effective: "2025-08-02")
        let row = log.rows("launches", asOf: "2025-12-31")[0]
        #expect(row.text("current") == "2025-09-01")
        #expect(row.text("slips") == "0")
        // Before the retraction was recorded, the slip was believed — even as of a moment after it.
        #expect(log.rows("launches", asOf: "2025-12-31", knownThroughSeq: 2)[0].text("current") == "2025-12-01")
    }

    @Test func prioritiesCountOnlyRealMoves() {
        var log = LogBuilder()
        let sso = "feature/sso"
        log.add(.priorityChanged(PriorityChanged(priority: .moscow(.should))), sso, effective: "2025-05-20")
        log.add(.priorityChanged(PriorityChanged(priority: .moscow(.should))), sso, effective: "2025-06-01")  // restated
        log.add(.priorityChanged(PriorityChanged(priority: .moscow(.must))), sso, effective: "2025-07-02")
        let typo = log.add(.priorityChanged(PriorityChanged(priority: .moscow(.wont))), sso, effective: "2025-07-03")
        log.retract(typo, effective: "2025-07-04")
        log.add(.priorityChanged(PriorityChanged(priority: .rice(RICEScore(reach: 1800, impact: 2, confidence: 80, effort: 3)))), sso, effective: "2025-07-14")
        let rows = log.rows("priorities", asOf: "2025-12-31")
        #expect(rows.map(\.key) == ["feature/sso moscow", "feature/sso rice"])
        #expect(rows[0].text("priority") == "Must")
        #expect(rows[0]["priority"].value == "must")
        #expect(rows[0].text("moves") == "1")
        #expect(rows[0].text("changed") == "2025-07-02")  // the last real move, not a restatement
        #expect(rows[1]["priority"].value == 960)
        #expect(log.rows("priorities", asOf: "2025-06-30")[0].text("priority") == "Should")
    }

    @Test func kpisCompareTheLatestActualWithTheTargetInTheRightDirection() {
        var log = LogBuilder()
        log.add(.metricDefined(MetricDefined(name: "Time-to-value", unit: .weeks, direction: .lower)), "metric/ttv", effective: "2025-06-30")
        log.add(.metricTargetSet(MetricTargetSet(target: 4, timeframe: try! Timeframe(parsing: "2025-Q3"))), "metric/ttv", effective: "2025-07-01")
        log.add(.metricRecorded(MetricRecorded(value: 6, period: try! Timeframe(parsing: "2025-Q2"))), "metric/ttv", effective: "2025-06-30")
        log.add(.metricRecorded(MetricRecorded(value: 4, period: try! Timeframe(parsing: "2025-Q3"))), "metric/ttv", effective: "2025-09-30")
        // A back-filled July figure recorded in October is not the latest measurement.
        log.add(.metricRecorded(MetricRecorded(value: 5, date: date("2025-07-31"))), "metric/ttv", effective: "2025-10-02")
        // At the end of Q4 the latest actual measures Q3, whose target (4, lower is better) it met; Q4 has none.
        let row = log.rows("kpis", asOf: "2025-12-31")[0]
        #expect(row.text("actual") == "4 weeks")
        #expect(row.text("measured") == "2025-Q3")
        #expect(row.text("status") == "met 2025-Q3")
        #expect(row.text("target") == "")
        #expect(row.text("closed") == "2025-Q3 met")
        // In July the latest actual measures Q2, which had no target: Q3's target does not judge it.
        let july = log.rows("kpis", asOf: "2025-07-15")[0]
        #expect(july.text("actual") == "6 weeks")
        #expect(july.text("target") == "4 weeks")
        #expect(july.text("status") == "no target for 2025-Q2")
        // In mid-August, the back-filled July figure is Q3's so far: 5 weeks against 4 is off track.
        log.add(.metricRecorded(MetricRecorded(value: 5, period: try! Timeframe(parsing: "2025-07"))), "metric/ttv", effective: "2025-08-01")
        let august = log.rows("kpis", asOf: "2025-08-15")[0]
        #expect(august.text("measured") == "2025-07")
        #expect(august.text("status") == "off track")
    }

    @Test func goalsKeepWhatARestatementLeavesOutAndStayClosed() {
        var log = LogBuilder()
        let goal = "goal/q3"
        log.add(.goalSet(GoalSet(title: "Grow pipeline", timeframe: try! Timeframe(parsing: "2025-Q3"), owner: "Dana Reyes", target: 4.5, unit: .percent)), goal, effective: "2025-07-01")
        log.add(.goalSet(GoalSet(title: "Grow qualified pipeline", timeframe: try! Timeframe(parsing: "2025-Q3"))), goal, effective: "2025-07-15")
        log.add(.ownerAssigned(OwnerAssigned(owner: "Lee Park")), goal, effective: "2025-08-01")
        log.add(.goalClosed(GoalClosed(outcome: .missed, note: "4.1%")), goal, effective: "2025-10-01")
        var row = log.rows("goals", asOf: "2025-10-15")[0]
        #expect(row.text("title") == "Grow qualified pipeline")
        #expect(row.text("owner") == "Lee Park")
        #expect(row.text("target") == "4.5%")
        #expect(row.text("status") == "missed")
        #expect(row.text("note") == "4.1%")
        // Fixing a typo after the goal closed does not reopen it…
        log.add(.goalSet(GoalSet(title: "Grow qualified pipeline", timeframe: try! Timeframe(parsing: "2025-Q4"))), goal, effective: "2025-10-10")
        row = log.rows("goals", asOf: "2025-10-15")[0]
        #expect(row.text("status") == "missed")
        #expect(row.text("timeframe") == "2025-Q4")
        // …retracting the closing does.
        log.retract(log.events[3], effective: "2025-10-12")
        #expect(log.rows("goals", asOf: "2025-10-15")[0].text("status") == "open")
    }

    @Test func ownersShowTheRoleSet() {
        var log = LogBuilder()
        log.add(.ownerAssigned(OwnerAssigned(owner: "Priya Shah", framework: .raci, roles: ["responsible": ["Priya Shah"], "accountable": ["Lee Park"], "informed": ["Support"]])), "launch/atlas", effective: "2025-05-15")
        log.add(.ownerAssigned(OwnerAssigned(owner: "Lee Park")), "launch/atlas", effective: "2025-09-01")
        let before = log.rows("owners", asOf: "2025-06-30")[0], after = log.rows("owners", asOf: "2025-12-31")[0]
        #expect(before.text("owner") == "Priya Shah")
        #expect(before.text("roles") == "R: Priya Shah; A: Lee Park; I: Support")
        #expect(before.text("framework") == "RACI")
        // A new assignment replaces the whole assignment: no stale role set beside the new owner.
        #expect(after.text("owner") == "Lee Park")
        #expect(after.text("roles") == "")
        #expect(after.text("framework") == "")
    }

    @Test func aSupersededDecisionShowsItsSuccessorAndReviewsDueAreFlagged() {
        var log = LogBuilder()
        log.add(.decisionRecorded(DecisionRecorded(title: "Per seat", status: .accepted, deciders: ["Dana Reyes"], reviewBy: date("2025-10-15"))), "decision/p1", effective: "2025-07-21")
        log.add(.decisionRecorded(DecisionRecorded(title: "Usage add-on", status: .proposed, reviewBy: date("2025-09-01"))), "decision/p2", effective: "2025-08-01")
        log.add(.decisionRecorded(DecisionRecorded(title: "Usage add-on", status: .rejected, reviewBy: date("2025-09-01"))), "decision/p2", effective: "2025-08-15")
        log.add(.decisionRecorded(DecisionRecorded(title: "Usage add-on v2", status: .accepted)), "decision/p3", effective: "2025-10-06")
        log.add(.decisionSuperseded(DecisionSuperseded(by: Subject("decision/p3")!)), "decision/p1", effective: "2025-10-06")
        let october = log.rows("decisions", asOf: "2025-10-01")
        #expect(october[0].text("reviewBy") == "2025-10-15")
        let late = log.rows("decisions", asOf: "2025-10-20")
        #expect(late[0]["status"].value == "superseded")
        #expect(late[0].text("status") == "superseded by decision/p3")
        #expect(late[0].text("supersededBy") == "decision/p3")
        #expect(late[0].text("reviewBy") == "2025-10-15")  // superseded: no longer due
        #expect(late[1].text("status") == "rejected")
        #expect(late[1].text("reviewBy") == "2025-09-01")  // rejected: nothing to review
        let beforeSuccessor = log.rows("decisions", asOf: "2025-10-05")
        #expect(beforeSuccessor[0].text("status") == "accepted")
        var due = LogBuilder()
        due.add(.decisionRecorded(DecisionRecorded(title: "T", status: .accepted, reviewBy: date("2025-10-15"))), "decision/x", effective: "2025-07-01")
        #expect(due.rows("decisions", asOf: "2025-10-16")[0].text("reviewBy") == "2025-10-15 (overdue)")
        #expect(due.rows("decisions", asOf: "2025-10-16")[0]["reviewBy"].value == ["date": "2025-10-15", "overdue": true])
    }

    @Test func theTimelineRunsInEffectiveOrderAndMarksRetractions() {
        var log = LogBuilder()
        log.add(.launchScheduled(LaunchScheduled(name: "A", date: date("2025-09-01"))), "launch/a", effective: "2025-07-01")
        let late = log.add(.launchSlipped(LaunchSlipped(date: date("2025-09-20"))), "launch/a", effective: "2025-06-15", recorded: "2025-07-05")
        log.retract(late, effective: "2025-07-06")
        let rows = log.rows("timeline", asOf: "2025-12-31")
        #expect(rows.map(\.key) == ["#2", "#1", "#3"])
        #expect(rows[0].text("note") == "retracted by #3; recorded 20 days later")
        var night = LogBuilder()
        night.add(.launchShipped(LaunchShipped(date: date("2025-09-01"))), "launch/n", effective: "2025-09-01T23:00", recorded: "2025-09-02T09:00")
        #expect(night.rows("timeline", asOf: "2025-12-31")[0].text("note") == "recorded 1 day later")
        #expect(rows[2].text("what") == "retracts #2 — wrong")
    }

    @Test func replayingTheSameEventsGivesTheSameViews() {
        var log = LogBuilder()
        for n in 0..<60 { log.add(Fixtures.variedDraft(n).payload, Fixtures.variedDraft(n).subject.text, effective: "2025-07-\(10 + n % 20)") }
        for view in Views.all {
            #expect(log.rows(view.name, asOf: "2025-12-31") == log.rows(view.name, asOf: "2025-12-31"))
        }
    }
}
