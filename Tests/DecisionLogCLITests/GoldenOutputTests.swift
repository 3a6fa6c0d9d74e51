import DecisionLog
import Foundation
import Testing

/// The demo log's views, diff, history and blame, rendered at 80 columns as tables and Markdown, compared
/// with the files in Golden/ byte for byte. Run with DECISIONLOG_UPDATE_GOLDEN=1 to rewrite them (then read
/// the diff: each file is an answer a person should be able to check by hand).
@Suite(.serialized)
struct GoldenOutputTests {
    static let cases: [(file: String, arguments: [String])] = [
        ("goals.txt", ["show", "goals", "--as-of", "2025-10-31"]),
        ("kpis.txt", ["show", "kpis", "--as-of", "2025-10-31"]),
        ("priorities.txt", ["show", "priorities", "--as-of", "2025-10-31"]),
        ("priorities-end-of-q2.txt", ["show", "priorities", "--as-of", "2025-Q2"]),
        ("launches.txt", ["show", "launches", "--as-of", "2025-10-31"]),
        ("launches-believed-on-aug-12.txt", ["show", "launches", "--as-of", "2025-08-12", "--known-at", "2025-08-12"]),
        ("owners.txt", ["show", "owners", "--as-of", "2025-10-31"]),
        ("decisions.txt", ["show", "decisions", "--as-of", "2025-10-31"]),
        ("timeline-early-july.txt", ["show", "timeline", "--as-of", "2025-07-02"]),
        ("diff-q2-q3.txt", ["diff", "2025-Q2", "2025-Q3"]),
        ("history-atlas.txt", ["history", "launch/atlas"]),
        ("history-retention.txt", ["history", "metric/retention"]),
        ("blame-launches.txt", ["blame", "launches", "--as-of", "2025-10-31"]),
        ("launches.md", ["show", "launches", "--as-of", "2025-10-31", "--format", "markdown"]),
        ("decisions.md", ["show", "decisions", "--as-of", "2025-10-31", "--format", "markdown"]),
        ("diff-q2-q3.md", ["diff", "2025-Q2", "2025-Q3", "--format", "markdown"]),
        ("history-atlas.md", ["history", "launch/atlas", "--format", "markdown"]),
    ]

    static let folder = Paths.join(Paths.parent(of: #filePath), "Golden")

    @Test(arguments: cases.map(\.file))
    func rendersAsRecorded(file: String) throws {
        let arguments = Self.cases.first { $0.file == file }!.arguments
        let workspace = Workspace()
        #expect(Harness.run(["demo", "--log", ".decisionlog"], in: workspace.path).status == 0)
        let result = workspace.run(arguments, environment: ["COLUMNS": "80"])
        #expect(result.status == 0, "\(result.stderr)")
        let path = Paths.join(Self.folder, file)
        if ProcessInfo.processInfo.environment["DECISIONLOG_UPDATE_GOLDEN"] == "1" {
            try FileSystem.replaceFile(path, with: Array(result.stdout.utf8), durable: false)
        }
        let expected = String(decoding: try FileSystem.readFile(path), as: UTF8.self)
        #expect(result.stdout == expected, "\(file) differs; rerun with DECISIONLOG_UPDATE_GOLDEN=1 and review the change")
        if file.hasSuffix(".txt") {
            for line in result.stdout.split(separator: "\n") where !line.hasPrefix("(") {
                #expect(line.count <= 80, "\(file): a line of \(line.count) characters: \(line)")
            }
        }
    }
}
