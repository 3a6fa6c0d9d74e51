import DecisionLog
import Foundation
import Testing
import DecisionLogTestSupport

/// The retrospective report: Markdown for pasting, and one self-contained HTML page that a real headless
/// Chromium loads and draws with the marks the log calls for.
@Suite(.tags(.browser), .skippable(.browser))
struct ReportTests {
    /// Debian's Chromium (installed by .ci/run, which sets DECISIONLOG_REQUIRE_BROWSER so that the browser tests
    /// fail rather than skip when it is missing).
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs headless Chromium on `page` with `options`; returns its standard output and error.
    static func chromium(_ options: [String], page: String) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(chromium, "Chromium is needed: apt-get install chromium"))
        let profile = try FileSystem.makeTemporaryDirectory(prefix: "chromium-profile-", environment: ProcessInfo.processInfo.environment)
        defer { try? FileSystem.removeTree(profile) }
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--user-data-dir=\(profile)",
                             "--enable-logging=stderr", "--v=0"] + options + ["file://\(page)"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile(), stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    /// How many elements of the DOM Chromium built carry all of `classes` (e.g. "mark slip").
    static func count(_ classes: String, in dom: String) -> Int {
        dom.components(separatedBy: "class=\"\(classes)\"").count - 1
    }

    /// Loads `page` in Chromium, checks it loaded without a console error or a failed request, and returns the
    /// DOM Chromium built from it; saves a screenshot of it to `screenshot` when given.
    static func load(_ page: String, screenshot: String? = nil) throws -> String {
        let html = String(decoding: try FileSystem.readFile(page), as: UTF8.self)
        // Self-contained: nothing to fetch, nothing to run.
        for outside in ["<script", "src=", "href=", "url(", "@import", "http://", "https://"] {
            #expect(!html.contains(outside), "the page refers to something outside it: \(outside)")
        }
        let dump = try chromium(["--dump-dom"], page: page)
        #expect(dump.status == 0)
        for problem in ["CONSOLE", "Uncaught", "net::ERR", "Failed to load"] {
            #expect(!dump.stderr.contains(problem), "Chromium reported a problem loading the page: \(dump.stderr)")
        }
        #expect(dump.stdout.contains("<h1>Retrospective</h1>"))
        if let screenshot {
            let shot = try chromium(["--window-size=1200,3400", "--screenshot=\(screenshot)"], page: page)
            #expect(shot.status == 0)
            let png = try FileSystem.readFile(screenshot)
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 50_000, "the screenshot is not a drawn page")
        }
        return dump.stdout
    }

    @Test(.enabled(if: chromium != nil || ProcessInfo.processInfo.environment["DECISIONLOG_REQUIRE_BROWSER"] != nil))
    func theImportedSpreadsheetsReportDrawsEveryMoveTargetActualAndChange() throws {
        let workspace = Workspace()
        #expect(workspace.run(["init", "--time-zone", "Europe/Berlin", "--fiscal-year-start", "january"]).status == 0)
        #expect(workspace.run(["import", Paths.join(SpreadsheetTests.fixtures, "team-decisions-fixed.csv")] + SpreadsheetTests.mappings).status == 0)
        let result = workspace.run(["report", "--from", "2024", "--to", "2025", "-o", "retro.html"])
        #expect(result.status == 0)
        #expect(result.stderr == "Wrote the retrospective of end of 2024 (2024-12-31) to end of 2025 (2025-12-31) to retro.html: 6 launches, 5 KPIs, 16 priorities, 11 decisions, 2 retractions\n")

        // What the charts should hold, counted from the log's own events (the period covers all of them).
        var events: [JSONObject] = []
        for line in workspace.run(["export"]).stdout.split(separator: "\n") { events.append(try JSONValue.parse(Array(line.utf8)).objectValue!) }
        let retracted = Set(events.filter { $0["type"] == .string("event.retracted") }.compactMap { $0["payload"]?.objectValue?["event"]?.stringValue })
        let live = events.filter { !retracted.contains($0["id"]!.stringValue!) }
        func ofType(_ type: String) -> [JSONObject] { live.filter { $0["type"] == .string(type) } }
        var plan: [String: String] = [:], slips = 0, pullIns = 0
        for event in live.sorted(by: { ($0["effectiveAt"]!.stringValue!, $0["seq"]!.numberValue!) < ($1["effectiveAt"]!.stringValue!, $1["seq"]!.numberValue!) }) {
            guard let type = event["type"]?.stringValue, type == "launch.scheduled" || type == "launch.slipped" else { continue }
            let subject = event["subject"]!.stringValue!, date = event["payload"]!.objectValue!["date"]!.stringValue!
            if type == "launch.slipped", let before = plan[subject] { if date > before { slips += 1 } else if date < before { pullIns += 1 } }
            plan[subject] = date
        }
        let targets = Set(ofType("metric.target.set").map { "\($0["subject"]!) \($0["payload"]!.objectValue!["timeframe"]!)" }).count
        let items = Set(ofType("priority.changed").map { "\($0["subject"]!) \($0["payload"]!.objectValue!["framework"]!)" }).count

        let dom = try ReportTests.load(Paths.join(workspace.path, "retro.html"), screenshot: Paths.join(workspace.path, "retro.png"))
        #expect(ReportTests.count("mark scheduled", in: dom) == ofType("launch.scheduled").count)
        #expect(ReportTests.count("mark slip", in: dom) == slips && slips == 9)
        #expect(ReportTests.count("mark pull-in", in: dom) == pullIns && pullIns == 1)
        #expect(ReportTests.count("mark shipped", in: dom) == ofType("launch.shipped").count)
        #expect(ReportTests.count("mark cancelled", in: dom) == ofType("launch.cancelled").count)
        #expect(ReportTests.count("mark actual", in: dom) == ofType("metric.recorded").count)
        #expect(ReportTests.count("point-label", in: dom) == ofType("metric.recorded").count)
        #expect(ReportTests.count("mark target", in: dom) == targets)
        #expect(ReportTests.count("chart kpi", in: dom) == ofType("metric.defined").count)
        #expect(ReportTests.count("mark churn", in: dom) == min(20, items))
        #expect(dom.components(separatedBy: "<tr>").count - 1 >= ofType("decision.recorded").count)
        #expect(dom.contains("Dashboard double-counted reactivated accounts"))
    }

    @Test(.enabled(if: chromium != nil || ProcessInfo.processInfo.environment["DECISIONLOG_REQUIRE_BROWSER"] != nil))
    func theDemosQuarterRendersInChromium() throws {
        let workspace = Workspace()
        #expect(workspace.run(["demo", "--log", workspace.log]).status == 0)
        #expect(workspace.run(["report", "--from", "2025-Q2", "--to", "2025-Q3", "-o", "demo.html"]).status == 0)
        let dom = try ReportTests.load(Paths.join(workspace.path, "demo.html"))
        // The demo's Q3: Atlas slips twice more after the alignment moved it, is pulled in once, and ships.
        let history = workspace.run(["log", "--subject", "launch/atlas", "--since", "2025-07-01", "--until", "2025-09-30", "--format", "jsonl"]).stdout
        #expect(ReportTests.count("mark shipped", in: dom) == history.components(separatedBy: "\"launch.shipped\"").count - 1)
        #expect(ReportTests.count("mark pull-in", in: dom) == 1)
        #expect(ReportTests.count("mark slip", in: dom) >= 2)
        #expect(dom.contains("Conversion rate"))
    }

    /// Each KPI actual sits at the period it measures, labelled with it — not on the next month's gridline — and
    /// the legend draws the chart's own marks.
    @Test func kpiActualsSitAtThePeriodTheyMeasure() {
        let workspace = Workspace()
        #expect(workspace.run(["demo", "--log", workspace.log]).status == 0)
        let html = workspace.run(["report", "--from", "2025-Q2", "--to", "2025-Q3"]).stdout
        let start = html.range(of: "aria-label=\"Conversion rate: targets and actuals\"")!.lowerBound
        let chart = String(html[start..<html[start...].range(of: "</figure>")!.upperBound])
        // The chart spans 07-01 (x 64) to 09-30 (x 466): Q3's actual measures the whole quarter, so it sits
        // in its middle, x 265; the July figure measures one day, 07-31: 64 + 402 × 30 / 91 = 196.5.
        #expect(chart.contains(#"<circle class="mark actual" cx="265" cy="#), "\(chart)")
        #expect(chart.contains(#"<title>2025-Q3: 4.5% (#38)</title>"#))
        #expect(chart.contains(#">2025-Q3</text>"#) && chart.contains(#">2025-07-31</text>"#))
        #expect(chart.contains(#"<circle class="mark actual" cx="196.5" cy="#))
        // The legend's marks are drawn with the chart's classes: a dashed target line and an actual's dot.
        #expect(chart.contains(#"<svg class="key-mark" viewBox="0 0 24 10" width="24" height="10" aria-hidden="true"><line class="target""#))
        #expect(chart.contains(#"<circle class="actual" cx="12" cy="5" r="3.5"/>"#))
    }

    @Test func markdownHasEverySectionAndNamesWhoMovedWhat() {
        let workspace = Workspace().seeded()
        #expect(workspace.run(["add", "decision.recorded", "--subject", "decision/pricing", "--title", "Price per seat", "--status", "accepted",
                               "--deciders", "Dana Reyes; Lee Park", "--consulted", "Marco Silva", "--effective", "2025-08-01"]).status == 0)
        let text = workspace.run(["report", "--from", "2025-06-30", "--to", "2025-09-30", "--format", "markdown"]).stdout
        #expect(text.hasPrefix("# Retrospective\n\nend of 2025-06-30 to end of 2025-09-30\n"))
        #expect(text.contains("| Atlas GA (launch/atlas) | — | scheduled for 2025-09-01 — #1 2025-07-01 Dana Reyes (CMO)<br>slip 2025-09-01 → 2025-09-22 (+21 days) — #2 2025-08-11 Lee Park (CPO): Security review | +21 |"))
        #expect(text.contains("| 2025-08-01 | Price per seat (decision/pricing) | accepted | — | Dana Reyes, Lee Park | Marco Silva | — | #4 Dana Reyes (CMO) |"))
        // The goal due on the window's last day is judged as the goals view judges it then.
        #expect(text.contains("| Grow pipeline (goal/q3-pipeline) | 2025-Q3 | 4.5% | — | — | open | — |"), "\(text)")
        for section in ["## Launches", "## KPIs", "## Priority churn", "## Goals: how they ended", "## Decisions taken", "## Agreements", "## Syncs", "## Retractions", "## What changed"] {
            #expect(text.contains(section))
        }
    }

    @Test(arguments: [
        (["report"], 64, "Missing expected option '--from <point>'"),
        (["report", "--from", "2025-Q3", "--to", "2025-Q2"], 64, "The period is empty"),
        (["report", "--from", "2025-Q5"], 64, "The value '2025-Q5' is invalid for '--from'"),
        (["report", "--from", "2025-Q2", "--format", "pdf"], 64, "The value 'pdf' is invalid for '--format'"),
        (["report", "--from", "2025-Q2", "-o", "/nonexistent/retro.html"], 74, "cannot write /nonexistent/retro.html"),
    ])
    func badReportRequestsAreOneClearErrorAndChangeNothing(arguments: [String], status: Int32, message: String) {
        Workspace().seeded().expectRefused(arguments, status: status, message: message)
    }
}
