import DecisionLog
import Foundation
import Testing

/// `show <view>`, `diff`, `history` and `blame` through the command line, on the demo log.
struct ViewCommandTests {
    let workspace: Workspace

    init() {
        workspace = Workspace()
        precondition(Harness.run(["demo", "--log", ".decisionlog"], in: workspace.path).status == 0)
    }

    func json(_ arguments: [String]) throws -> [String: Any] {
        let result = workspace.run(arguments + ["--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    func rows(_ object: [String: Any]) -> [[String: Any]] { object["rows"] as? [[String: Any]] ?? [] }

    @Test func bothClocksAnswerTheirOwnQuestion() throws {
        // The plan on August 12, as we know it now: the Monday slip counts.
        let now = rows(try json(["show", "launches", "--as-of", "2025-08-12"]))
        #expect(now.first?["current"] as? String == "2025-09-22")
        // What we believed on August 12: the slip was written up on the 13th.
        let then = try json(["show", "launches", "--as-of", "2025-08-12", "--known-at", "2025-08-12"])
        #expect(rows(then).first?["current"] as? String == "2025-09-01")
        #expect(then["knownAt"] as? String == "2025-08-12T23:59:59.999Z")
        // A seq point: the log as it stood after event 25.
        let prefix = try json(["show", "launches", "--as-of", "2025-08-12", "--known-at", "#25"])
        #expect(prefix["knownThroughSeq"] as? Int == 25)
        #expect(rows(prefix).first?["current"] as? String == "2025-09-01")
        // As of an event: the moment event #26 took effect.
        #expect(rows(try json(["show", "launches", "--as-of", "#26"])).first?["current"] as? String == "2025-09-22")
        // …even when the log is read only up to #25: the plan then, as known before #26 was recorded.
        #expect(rows(try json(["show", "launches", "--as-of", "#26", "--known-at", "#25"])).first?["current"] as? String == "2025-09-01")
    }

    @Test func theEndOfAQuarterIsItsLastMoment() throws {
        let q2 = rows(try json(["show", "priorities", "--as-of", "2025-Q2"]))
        #expect(q2.map { $0["item"] as? String } == ["feature/usage-analytics", "feature/sso", "feature/dark-mode"])
        #expect(q2.map { $0["priority"] as? String } == ["must", "should", "could"])
    }

    @Test func diffGivesTheKPITableAndDomainChanges() throws {
        let diff = try json(["diff", "2025-Q2", "2025-Q3"])
        let kpis = try #require(diff["kpis"] as? [[String: Any]])
        #expect(kpis.map { $0["name"] as? String } == ["Conversion rate", "Retention", "Time-to-value"])
        #expect(kpis.map { $0["changePercent"] as? Double } == [80, 23.1, -33.3])
        #expect(kpis.map { $0["changePoints"] as? Double } == [2, 15, nil])
        let views = try #require(diff["views"] as? [[String: Any]])
        let priorities = try #require(views.first { $0["view"] as? String == "priorities" })
        let texts = (priorities["changed"] as? [[String: Any]] ?? []).flatMap { ($0["changes"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String } }
        #expect(texts == ["Should → Must", "Must → Should", "Could → Won't"])
        let table = workspace.run(["diff", "2025-Q2", "2025-Q3", "--view", "launches"])
        #expect(table.stdout.contains("launch 2025-08-15 → 2025-09-24 (+40 days)"))
        #expect(!table.stdout.contains("KPI ACTUALS"))
    }

    @Test func historyNamesWhoMovedTheLaunchAndWhy() throws {
        let history = try json(["history", "launch/atlas"])
        let entries = try #require(history["entries"] as? [[String: Any]])
        let slip = try #require(entries.first { $0["seq"] as? Int == 26 })
        #expect((slip["actor"] as? [String: Any])?["name"] as? String == "Lee Park")
        #expect(slip["reason"] as? String == "SSO needs an external penetration test before GA")
        #expect(slip["changes"] as? [String] == ["launch 2025-09-01 → 2025-09-22 (+21 days)", "slips 1 → 2"])
        #expect(slip["notes"] as? [String] == ["recorded 2 days later"])
        #expect(slip["effectiveAt"] as? String == "2025-08-11T00:00:00.000Z")
        #expect(slip["recordedAt"] as? String == "2025-08-13T10:00:00.000Z")
        // Known at August 12, the slip is not there yet.
        let before = try json(["history", "launch/atlas", "--known-at", "2025-08-12"])
        #expect((before["entries"] as? [[String: Any]])?.map { $0["seq"] as? Int } == [1, 2, 18])
    }

    @Test func blameNamesTheEventBehindEachValue() {
        let csv = workspace.run(["blame", "launches", "--as-of", "2025-10-31", "--subject", "launch/atlas", "--format", "csv"])
        #expect(csv.status == 0)
        let lines = csv.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "key,field,value,seq,actor,role,effectiveAt,reason")
        // A cell holding a semicolon is quoted: spreadsheets in some locales split on it.
        #expect(lines.contains(#"launch/atlas,current,2025-09-24,35,Priya Shah,PM,2025-09-15T00:00:00.000Z,"Findings fixed early; the retest passed""#))
        #expect(!csv.stdout.contains("launch/beacon"))
    }

    @Test func everyViewRendersInEveryFormat() throws {
        for view in Views.names {
            for format in ["table", "json", "csv", "markdown"] {
                let result = workspace.run(["show", view, "--as-of", "2025-10-31", "--format", format])
                #expect(result.status == 0, "\(view) \(format): \(result.stderr)")
                #expect(!result.stdout.isEmpty)
                if format == "json" { #expect(throws: Never.self) { try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) } }
            }
        }
        let csv = workspace.run(["show", "decisions", "--as-of", "2025-10-31", "--format", "csv"]).stdout.split(separator: "\n")
        #expect(csv.first == "decision,title,status,chosen,deciders,consulted,informed,reviewBy,supersededBy")
        #expect(csv[1] == #"decision/atlas-pricing,Price Atlas per seat with a free tier,superseded,Per seat with a free tier,"Dana Reyes; Lee Park","Marco Silva; Ana Costa",Support team,2025-10-15,decision/atlas-pricing-v2"#)
    }

    @Test func longSubjectsStillFitEightyColumns() {
        let long = "launch/enterprise-single-sign-on-general-availability"
        let env = ["DECISIONLOG_ACTOR": "Ana Costa", "DECISIONLOG_ROLE": "CS"]
        #expect(workspace.run(["add", "launch.scheduled", "--subject", long, "--name", "Enterprise SSO GA", "--date", "2025-12-01",
                               "--effective", "2025-10-01"], environment: env).status == 0)
        #expect(workspace.run(["add", "owner.assigned", "--subject", long, "--owner", "Hieronymus Featherstonehaugh",
                               "--framework", "raci", "--accountable", "Hieronymus Featherstonehaugh", "--effective", "2025-10-01"], environment: env).status == 0)
        for arguments in [["show", "launches"], ["show", "owners"], ["show", "timeline", "--subject", "launch/"], ["blame", "launches"],
                          ["history", long], ["diff", "2025-Q3", "2025-Q4"]] {
            let result = workspace.run(arguments + ["--as-of", "2025-12-31"].filter { _ in arguments[0] == "show" || arguments[0] == "blame" },
                                       environment: ["COLUMNS": "80"])
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            for line in result.stdout.split(separator: "\n") {
                #expect(line.count <= 80, "\(arguments): \(line)")
            }
        }
    }

    @Test func theRealExecutableAnswersTheQuestions() throws {
        let env = ["DECISIONLOG_DIR": workspace.log, "COLUMNS": "100"]
        let plan = try Harness.launch(["show", "launches"], in: "/", environment: env)
        #expect(plan.status == 0)
        #expect(plan.stdout.contains("launch/atlas") && plan.stdout.contains("shipped"))
        let diff = try Harness.launch(["diff", "2025-Q2", "2025-Q3", "--view", "kpis"], in: "/", environment: env)
        #expect(diff.stdout.contains("Time-to-value    6 weeks  4 weeks  −33%"))
        let history = try Harness.launch(["history", "launch/atlas"], in: "/", environment: env)
        #expect(history.status == 0)
        #expect(history.stdout.contains("recorded 2"))
    }

    @Test func checkpointsAnswerAsAReplayAndADamagedOneIsIgnored() throws {
        let views = ["goals", "kpis", "priorities", "launches", "owners", "decisions", "agreements", "syncs"]
        let points = [["--as-of", "2025-Q2"], ["--as-of", "2025-08-12", "--known-at", "2025-08-12"], []]
        func answers(_ environment: [String: String]) -> [String] {
            views.flatMap { view in points.map { workspace.run(["show", view] + $0, environment: environment).stdout } }
        }
        let replayed = answers(["DECISIONLOG_CHECKPOINT_EVERY": "0"])
        let saved = workspace.run(["checkpoint"])
        #expect(saved.status == 0, "\(saved.stderr)")
        #expect(saved.stdout.hasPrefix("Checkpoints of goals, kpis, priorities, launches, owners, decisions, agreements, syncs, fields at #47 ("))
        let goals = Paths.join(workspace.log, "cache/checkpoints/goals/47.ckpt")
        #expect(FileSystem.exists(goals))
        #expect(answers([:]) == replayed)
        // A flipped byte in the body: the MAC fails, the checkpoint is removed, the answer is the same.
        var bytes = try FileSystem.readFile(goals)
        bytes[bytes.count - 3] ^= 0x20
        try FileSystem.replaceFile(goals, with: bytes, durable: false)
        #expect(answers([:]) == replayed)
        #expect(workspace.run(["checkpoint", "--rebuild"]).status == 0)
        #expect(try FileSystem.readFile(goals) != bytes)
        #expect(answers([:]) == replayed)
        // An event after the checkpoint, back-dated into Q2, still changes the Q2 answer.
        #expect(workspace.run(["add", "goal.set", "--subject", "goal/late", "--title", "Late goal", "--timeframe", "2025-Q2", "--target", "1",
                               "--unit", "percent", "--effective", "2025-05-01", "--actor", "Dana Reyes", "--role", "CMO"]).status == 0)
        #expect(workspace.run(["show", "goals", "--as-of", "2025-Q2"]).stdout.contains("goal/late"))
        #expect(answers([:]) == answers(["DECISIONLOG_CHECKPOINT_EVERY": "0"]))
    }
}
