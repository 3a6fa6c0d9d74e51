import DecisionLog
import Foundation
import Testing
import DecisionLogTestSupport

/// The pages in a real headless Chromium, driven through the DevTools protocol by `Fixtures/browser-drive.py`:
/// a newcomer's clicks from the dashboard to a launch, its slip, the person who moved it and the quarter's diff,
/// and the as-of picker, whose page must say what the CLI says for the same point. No console errors allowed.
@Suite(.tags(.browser), .skippable(.browser)) struct ServeBrowserTests {
    static let driver = Paths.join(SpreadsheetTests.fixtures, "browser-drive.py")

    /// Runs `steps` in Chromium; returns the values read, the address after each step and the console's errors.
    static func drive(_ steps: [JSONValue], in folder: String) throws -> (values: JSONObject, urls: [String], console: [String]) {
        let chromium = try #require(ReportTests.chromium, "Chromium is needed: apt-get install chromium")
        let file = Paths.join(folder, "steps.json")
        try FileSystem.replaceFile(file, with: JSONValue.object(JSONObject(["chromium": .string(chromium), "steps": .array(steps)])).canonicalBytes, durable: false)
        let run = try Harness.launch(shell: "python3 '\(driver)' '\(file)'", in: folder)
        try #require(run.status == 0, "the browser run failed: \(run.stderr)")
        let answer = try JSONValue.parse(run.stdout).objectValue ?? [:]
        return (answer["values"]?.objectValue ?? [:], answer["urls"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                answer["console"]?.arrayValue?.map { $0.stringValue ?? "\($0)" } ?? [])
    }

    func step(_ members: [String: JSONValue]) -> JSONValue { .object(JSONObject(members)) }

    @Test(.enabled(if: ReportTests.chromium != nil || ProcessInfo.processInfo.environment["DECISIONLOG_REQUIRE_BROWSER"] != nil))
    func aNewcomerClicksFromTheDashboardToTheQuartersDiffAndTravelsInTime() throws {
        let workspace = try ServeTests.demo()
        let server = try ServeTests.Server(workspace)
        // DECISIONLOG_SCREENSHOTS=docs/screenshots refreshes the README's pictures.
        let shots = ProcessInfo.processInfo.environment["DECISIONLOG_SCREENSHOTS"].map { Paths.absolute($0, from: FileManager.default.currentDirectoryPath) } ?? workspace.path
        func shot(_ name: String) -> JSONValue {
            step(["screenshot": .string(Paths.join(shots, name)), "width": .number(1280), "height": .number(860), "full": .bool(false)])
        }
        func read(_ name: String, _ js: String) -> JSONValue { step(["read": .string(name), "js": .string(js)]) }
        let heading = "document.querySelector('h1').textContent.trim()"
        let rows = "Array.from(document.querySelectorAll('table.view.launches tbody tr')).map(r => Array.from(r.cells).map(c => c.textContent.trim()))"
        let steps: [JSONValue] = [
            step(["go": .string(server.url + "?as-of=2025-Q3")]), read("dashboard", heading), shot("dashboard.png"),
            step(["click": .string("#launches a[href='/subjects/launch/atlas']")]), read("launch", heading), shot("launch.png"),
            step(["clickText": .string("#26"), "within": .string("#history")]), read("event", heading),
            read("eventFields", "document.querySelector('#fields').textContent"),
            step(["clickText": .string("Lee Park"), "within": .string("#fields")]), read("person", heading),
            step(["clickText": .string("Diff"), "within": .string("header nav")]),
            step(["fill": .string("#f-from-quarter"), "value": .string("2025-Q2")]),
            step(["select": .string("#f-to-quarter"), "value": .string("2025-Q3")]), read("diffPhrase", "document.querySelector('p.phrase').textContent"),
            shot("diff.png"),
            step(["go": .string(server.url + "views/launches")]),
            step(["select": .string("#f-as-of-quarter"), "value": .string("2025-Q2")]), read("launches", rows),
        ]
        let run = try Self.drive(steps, in: workspace.path)
        #expect(run.console.isEmpty, "the pages logged: \(run.console)")
        #expect(run.values["dashboard"] == .string("Dashboard"))
        #expect(run.values["launch"] == .string("launch/atlas"))
        #expect(run.values["event"] == .string("Event #26: launch.slipped"))
        #expect(run.values["eventFields"]?.stringValue?.contains("security review") == true)
        #expect(run.values["person"] == .string("Lee Park"))
        #expect(run.urls.contains(server.url + "diff?from=2025-Q2&to=2025-Q3"))
        #expect(run.values["diffPhrase"]?.stringValue?.contains("end of 2025-Q2 (2025-06-30) to end of 2025-Q3 (2025-09-30)") == true)
        // The picker's page says what the CLI says for the same point.
        #expect(run.urls.last == server.url + "views/launches?as-of=2025-Q2")
        let cli = try JSONValue.parse(workspace.run(["show", "launches", "--as-of", "2025-Q2", "--format", "json", "--log", workspace.log]).stdout)
        let expected = (cli.objectValue?["rows"]?.arrayValue ?? []).map { row in
            [row.objectValue?["launch"]?.stringValue ?? "", row.objectValue?["current"]?.stringValue ?? "", row.objectValue?["status"]?.stringValue ?? ""]
        }
        let shown = (run.values["launches"]?.arrayValue ?? []).map { row in
            let cells = row.arrayValue?.compactMap(\.stringValue) ?? []
            return cells.count == 9 ? [cells[0], cells[3], cells[7]] : cells
        }
        #expect(!expected.isEmpty)
        try #require(shown.allSatisfy { $0.count == 3 }, "the launches table's rows are not the view's nine columns: \(shown)")
        #expect(shown.map { [$0[0], $0[1]] } == expected.map { [$0[0], $0[1]] })
        #expect(zip(shown, expected).allSatisfy { $0[2].hasPrefix($1[2]) })
    }
}
