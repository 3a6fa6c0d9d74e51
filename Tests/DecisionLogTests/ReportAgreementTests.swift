import DecisionLog
import Foundation
import Testing

/// One rule, one place: every total the retrospective report shows — slips, pull-ins, days moved, priority
/// moves, retractions — equals what the views say at the window's two ends, on the demo, the team's
/// spreadsheet and a generated log (which breaks the domain rules here and there, as an older log may).
struct ReportAgreementTests {
    /// The report's totals and the views' differences over each window, compared.
    private func expectTotalsAgree(_ store: FileEventStore, windows: [(String, String)], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let views = Retrospective.views + [Views.named(LaunchesProjection.name)!]
        let replay = try Replay(store, views: views, known: .everything)
        let config = store.configuration
        func point(_ text: String) throws -> AsOf {
            guard case .instant(let instant, _) = try TimePoint(parsing: text, zone: config.timeZone, fiscalYearStart: config.fiscalYearStartMonth, now: .now()) else {
                fatalError("not an instant: \(text)")
            }
            return AsOf(instant)
        }
        func int(_ cell: Cell?) -> Int { Int(cell?.value.numberValue ?? 0) }
        var seen = (slips: 0, moves: 0, retractions: 0)
        defer { #expect(seen.slips > 0 && seen.moves > 0 && seen.retractions > 0, "the windows hold no slip, move or retraction: \(seen)", sourceLocation: sourceLocation) }
        for (fromText, toText) in windows {
            let (from, to) = (try point(fromText), try point(toText))
            let report = Retrospective(replay: replay, from: from, to: to)
            func rows(_ name: String, _ at: AsOf) -> [String: ViewRow] {
                Dictionary(replay.table(Views.named(name)!, asOf: at).rows.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
            }
            let (launchesBefore, launchesAfter) = (rows("launches", from), rows("launches", to))
            var slips = 0, pullIns = 0, days = 0
            for (key, row) in launchesAfter {
                slips += int(row["slips"]) - int(launchesBefore[key]?["slips"])
                pullIns += int(row["pullIns"]) - int(launchesBefore[key]?["pullIns"])
                days += int(row["daysSlipped"]) - int(launchesBefore[key]?["daysSlipped"])
            }
            let (prioritiesBefore, prioritiesAfter) = (rows("priorities", from), rows("priorities", to))
            let moves = prioritiesAfter.reduce(0) { $0 + int($1.value["moves"]) - int(prioritiesBefore[$1.key]?["moves"]) }
            let retractions = Set(rows("timeline", to).filter { $0.value["type"].text == "event.retracted" }.keys)
                .subtracting(rows("timeline", from).keys).count
            let window = "\(fromText)…\(toText)"
            seen = (seen.slips + slips, seen.moves + moves, seen.retractions + retractions)
            #expect(report.slipCount == slips, "slips \(window)", sourceLocation: sourceLocation)
            #expect(report.pullInCount == pullIns, "pull-ins \(window)", sourceLocation: sourceLocation)
            #expect(report.launches.reduce(0) { $0 + $1.daysMoved } == days, "days moved \(window)", sourceLocation: sourceLocation)
            #expect(report.priorityChangeCount == moves, "priority moves \(window)", sourceLocation: sourceLocation)
            #expect(report.retractions.count == retractions, "retractions \(window)", sourceLocation: sourceLocation)
        }
    }

    @Test func onTheDemo() throws {
        let folder = TemporaryFolder()
        try DemoScenario.write(to: folder.logFolder)
        let store = try FileEventStore(opening: folder.logFolder)
        try expectTotalsAgree(store, windows: [("2025-Q1", "2025-Q2"), ("2025-Q2", "2025-Q3"), ("2025-06-30", "2025-08-15"), ("2025-08-15", "2025-12-31"), ("2024", "2026")])
    }

    @Test func onTheTeamsSpreadsheet() throws {
        let folder = TemporaryFolder()
        let config = LogConfig(logID: EventID.generate(at: .now()), createdAt: Fixtures.instant("2025-01-01"), timeZone: TimeZoneRules(named: "Europe/Berlin")!)
        let store = try FileEventStore.create(in: folder.logFolder, configuration: config)
        let path = Paths.join(Paths.parent(of: #filePath), "../DecisionLogCLITests/Fixtures/team-decisions-fixed.csv")
        let mappings = [("Date", "effective"), ("Decision type", "type"), ("Decided by", "actor"), ("Launch date", "date"), ("Priority", "to"),
                        ("Superseded by", "by"), ("Retracts", "event"), ("Why", "reason"), ("Ref", "id"), ("Notes", "")].map { (column: $0.0, field: $0.1) }
        let schemas = SchemaRegistry()
        let csv = try CSVDrafts(CSVTable(parsing: try FileSystem.readFile(path)), mappings: mappings, schemas: schemas)
        let batch = DraftBatch(csv, context: DraftContext(now: .now(), timeZone: config.timeZone), schemas: schemas)
        #expect(batch.failures.isEmpty, "\(batch.failures.map(\.failure.description))")
        _ = try store.append(AppendRequest(drafts: batch.drafts, recordedBy: "test"))
        try expectTotalsAgree(store, windows: [("2024", "2025-Q1"), ("2025-Q1", "2025-Q2"), ("2025-Q2", "2025-Q3"), ("2025-Q3", "2025-Q4"), ("2025-02-15", "2025-10-10")])
    }

    @Test(arguments: [21, 22] as [UInt64])
    func onAGeneratedLog(seed: UInt64) throws {
        var random = RandomLog(seed: seed)
        let folder = TemporaryFolder()
        let store = try CheckpointTests.newLog(in: folder, batches: 6, random: &random)
        try expectTotalsAgree(store, windows: [("2023", "2024-Q1"), ("2024-Q1", "2024-Q3"), ("2024-06-15", "2025-03-01"), ("2024", "2026"), ("2025-Q1", "2030")])
    }
}
