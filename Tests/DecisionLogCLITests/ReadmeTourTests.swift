import DecisionLog
import Foundation
import Testing

/// The README's tour cannot drift: every console block between its tour markers runs here, command by command
/// and in order, in a fresh folder, and each output must read as the README shows it. In the README, "…"
/// stands for any text within a line, and a line of "…" alone for any number of lines (ids, hashes, times,
/// paths, and output the tour leaves out).
struct ReadmeTourTests {
    /// One command of the tour and the output shown under it.
    struct Step {
        let command: String
        let expected: [String]
    }

    /// The tour's steps, from README.md.
    static func steps() throws -> [Step] {
        let readme = Paths.join(Paths.parent(of: Paths.parent(of: Paths.parent(of: #filePath))), "README.md")
        let text = String(decoding: try FileSystem.readFile(readme), as: UTF8.self)
        guard let start = text.range(of: "<!-- tour:"), let end = text.range(of: "<!-- tour: end -->") else { return [] }
        var steps: [Step] = []
        var inBlock = false
        var command: String? = nil
        var expected: [String] = []
        var continuing = false
        func finish() {
            if let command { steps.append(Step(command: command, expected: expected)) }
            command = nil
            expected = []
        }
        for line in text[start.upperBound..<end.lowerBound].split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("```") {
                if inBlock { finish() }
                inBlock = !inBlock && line == "```console"
                continue
            }
            guard inBlock else { continue }
            if continuing, let current = command {
                command = current + " " + line.trimmingCharacters(in: .whitespaces)
            } else if line.hasPrefix("$ ") {
                finish()
                command = String(line.dropFirst(2))
            } else {
                expected.append(line)
                continue
            }
            continuing = command!.hasSuffix("\\")
            if continuing { command = String(command!.dropLast()).trimmingCharacters(in: .whitespaces) }
        }
        return steps
    }

    /// Whether `lines` read as `pattern`: each pattern line matches one line, "…" within it any text, and a
    /// pattern line of "…" alone any number of lines.
    static func matches(_ lines: ArraySlice<String>, _ pattern: ArraySlice<String>) -> Bool {
        guard let first = pattern.first else { return lines.isEmpty }
        if first == "…" {
            return (lines.startIndex...lines.endIndex).contains { matches(lines[$0...], pattern.dropFirst()) }
        }
        guard let line = lines.first, matches(line, first) else { return false }
        return matches(lines.dropFirst(), pattern.dropFirst())
    }

    /// Whether `line` reads as `pattern`, "…" standing for any text.
    static func matches(_ line: String, _ pattern: String) -> Bool {
        let parts = pattern.components(separatedBy: "…")
        guard parts.count > 1 else { return line == pattern }
        guard line.hasPrefix(parts[0]), line.hasSuffix(parts.last!), line.count >= parts[0].count + parts.last!.count else { return false }
        var rest = Substring(line.dropFirst(parts[0].count).dropLast(parts.last!.count))
        for part in parts.dropFirst().dropLast() where !part.isEmpty {
            guard let found = rest.range(of: part) else { return false }
            rest = rest[found.upperBound...]
        }
        return true
    }

    @Test func theToursCommandsGiveTheOutputItShows() throws {
        let steps = try Self.steps()
        #expect(steps.count >= 20, "the README's tour markers are missing or the tour lost its commands")
        let workspace = Workspace()
        var environment = ["PATH": Paths.parent(of: Harness.executable) + ":/usr/bin:/bin", "XDG_STATE_HOME": workspace.stateHome,
                           "DECISIONLOG_IDENTITY": "dana@laptop", "COLUMNS": "100", "HOME": workspace.path]
        for step in steps {
            if step.command.hasPrefix("export ") {
                let assignment = step.command.dropFirst("export ".count).split(separator: "=", maxSplits: 1).map(String.init)
                environment[assignment[0]] = assignment[1]
                continue
            }
            let result = try Harness.launch(shell: step.command, in: workspace.path, environment: environment)
            var output = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if output.last == "" { output.removeLast() }
            var errors = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if errors.last == "" { errors.removeLast() }
            let shown = output + errors
            #expect(Self.matches(shown[...], step.expected[...]),
                    "$ \(step.command)\n--- README shows:\n\(step.expected.joined(separator: "\n"))\n--- the tool wrote:\n\(shown.joined(separator: "\n"))")
        }
    }

    @Test func theMatcherTakesEllipsesAsAnyText() {
        #expect(Self.matches("Recorded #7 on x, effective 2026-01-01 (id 1234)", "Recorded #7 on x, effective … (id …)"))
        #expect(!Self.matches("Recorded #8 on x", "Recorded #7 …"))
        #expect(Self.matches(["a", "b", "c", "d"][...], ["a", "…", "d"][...]))
        #expect(Self.matches(["a", "d"][...], ["a", "…", "d"][...]))
        #expect(!Self.matches(["a", "b"][...], ["a", "…", "d"][...]))
    }
}
