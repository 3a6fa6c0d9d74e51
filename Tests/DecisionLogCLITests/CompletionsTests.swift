import DecisionLog
import Foundation
import Testing
import DecisionLogCLI

/// The completion scripts, loaded into a real bash and asked to complete; zsh and fish check theirs parse.
struct CompletionsTests {
    /// What bash offers for `words` (the last one being completed), with the built tool on the PATH.
    private func complete(_ words: [String], in workspace: Workspace) throws -> [String] {
        let script = Paths.join(workspace.path, "completion.bash")
        try FileSystem.replaceFile(script, with: Array(workspace.run(["completions", "bash"]).stdout.utf8), durable: false)
        let quoted = words.map { "'\($0)'" }.joined(separator: " ")
        try workspace.write("driver.bash", "source \(script)\nCOMP_WORDS=(\(quoted))\nCOMP_CWORD=\(words.count - 1)\n_decisionlog\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n")
        let result = try Harness.launch(shell: "bash driver.bash", in: workspace.path,
                                        environment: ["PATH": Paths.parent(of: Harness.executable) + ":/usr/bin:/bin"])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    @Test func bashCompletesCommandsOptionsTypesViewsAndTheLogsSubjects() throws {
        let workspace = Workspace().seeded()
        let before = workspace.logBytes()
        #expect(try complete(["decisionlog", "sh"], in: workspace) == ["show"])
        #expect(try complete(["decisionlog", "show", "l"], in: workspace) == ["launches"])
        #expect(try complete(["decisionlog", "log", "--subject", "launch/"], in: workspace) == ["launch/atlas"])
        #expect(try complete(["decisionlog", "log", "--subject", ""], in: workspace) == ["goal/q3-pipeline", "launch/atlas"])
        #expect(try complete(["decisionlog", "add", "launch.s"], in: workspace) == ["launch.scheduled", "launch.slipped", "launch.shipped"])
        #expect(try complete(["decisionlog", "add", "launch.slipped", "--ca"], in: workspace) == ["--cause"])
        #expect(try complete(["decisionlog", "log", "--type", "goal."], in: workspace) == ["goal.set", "goal.closed"])
        #expect(try complete(["decisionlog", "report", "--fo"], in: workspace) == ["--format"])
        #expect(try complete(["decisionlog", "diff", "--view", "pri"], in: workspace) == ["priorities"])
        #expect(try complete(["decisionlog", "help", "ti"], in: workspace) == ["time"])
        #expect(try complete(["decisionlog", "config", "s"], in: workspace) == ["set"])
        #expect(workspace.logBytes() == before)
    }

    @Test func aTeamTypeAndItsFieldsAreCompletedFromTheLog() throws {
        let workspace = Workspace().seeded()
        try workspace.write("pricing.json", #"{"$id":"urn:decisionlog:type:pricing.changed:1","type":"object","properties":{"price":{"type":"number"},"currency":{"type":"string"}},"required":["price"]}"#)
        #expect(workspace.run(["schema", "add", "pricing.json"]).status == 0)
        #expect(try complete(["decisionlog", "add", "pri"], in: workspace) == ["priority.changed", "pricing.changed"])
        #expect(try complete(["decisionlog", "add", "pricing.changed", "--pr"], in: workspace) == ["--price"])
    }

    /// Beyond the integrity issue's list: bash's `compgen -W` runs `$(…)` in the words it is given, and a team
    /// type's field names come from the log. `schema add` refuses such a name; one written into the log by
    /// hand is not offered, and pressing TAB runs nothing.
    @Test func aFieldNameFromTheLogRunsNothingWhenCompleted() throws {
        let workspace = Workspace().seeded()
        try workspace.write("evil.json", #"{"type":"object","properties":{"$(touch pwned)":{"type":"string"},"price":{"type":"number"}}}"#)
        let refused = workspace.run(["schema", "add", "evil.json", "--type", "evil.thing"])
        #expect(refused.status == 65 && refused.stderr.contains("a field name is an ASCII letter followed by letters, digits, _ or -"), "\(refused.stderr)")
        try workspace.write("forge.py", HostileTeammateTests.forge)
        let registration = #"{"id":"0199a0b0-0000-7000-8000-0000000000bb","type":"schema.registered","actor":{"name":"Mallory","role":"PM"},"subject":"schema/evil.thing","payload":{"schema":{"properties":{"$(touch pwned)":{"type":"string"},"price":{"type":"number"}},"type":"object"},"type":"evil.thing","version":1}}"#
        #expect(try Harness.launch(shell: "python3 forge.py append .decisionlog/events.jsonl '\(registration)'", in: workspace.path).status == 0)
        #expect(try complete(["decisionlog", "add", "evil.thing", "--"], in: workspace).contains("--price"))
        #expect(!FileSystem.exists(Paths.join(workspace.path, "pwned")))
    }

    /// The installed shell, or nil.
    static func shell(_ name: String) -> String? {
        ["/usr/bin/\(name)", "/bin/\(name)"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Every command of the tool's own table is completed from its first letters, and offers every option its
    /// help page lists (commands made of subcommands list theirs on the subcommands' pages).
    @Test(arguments: CommandLineTool.commandNames)
    func bashCompletesEveryCommandAndEveryOptionOfIt(command: String) throws {
        let workspace = Workspace().seeded()
        #expect(try complete(["decisionlog", String(command.prefix(2))], in: workspace).contains(command))
        let help = workspace.run([command, "--help"]).stdout
        guard !help.contains("SUBCOMMANDS:"), help.contains("OPTIONS:"), let options = help.components(separatedBy: "OPTIONS:").last else { return }
        // An option's row starts "  -" ("  --subject <subject>", "  -h, --help"); wrapped help lines are indented further.
        let rows = options.split(separator: "\n").filter { $0.hasPrefix("  -") }
        let listed = Set(rows.compactMap { row in row.split(separator: " ").first { $0.hasPrefix("--") }.map { String($0) } })
        #expect(!listed.isEmpty)
        let offered = Set(try complete(["decisionlog", command, "--"], in: workspace))
        #expect(listed.subtracting(offered).isEmpty, "\(command): not offered \(listed.subtracting(offered).sorted())")
    }

    @Test func theOtherShellsScriptsAreWritten() {
        let workspace = Workspace()
        for shell in ["zsh", "fish"] {
            let script = workspace.run(["completions", shell])
            #expect(script.status == 0 && script.stdout.contains("decisionlog completions --list subjects"))
        }
    }

    // Skipped, and reported as skipped, where the shell is not installed (.ci/run installs both).
    @Test(.enabled(if: CompletionsTests.shell("zsh") != nil, "zsh is not installed here")) func theZshScriptParses() throws { try parses("zsh") }
    @Test(.enabled(if: CompletionsTests.shell("fish") != nil, "fish is not installed here")) func theFishScriptParses() throws { try parses("fish") }

    private func parses(_ shell: String) throws {
        let path = try #require(Self.shell(shell))
        let workspace = Workspace()
        let script = workspace.run(["completions", shell])
        try workspace.write("completion", script.stdout)
        let result = try Harness.launch(shell: "\(path) -n completion", in: workspace.path)
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func badRequestsAreUsageErrors() {
        let workspace = Workspace()
        #expect(workspace.run(["completions"]).stderr.hasPrefix("Error: Missing expected argument '<shell>'"))
        let typo = workspace.run(["completions", "bsh"])
        #expect(typo.status == 64 && typo.stderr.hasPrefix("Error: Unknown shell 'bsh'. Did you mean 'bash'?"))
        #expect(workspace.run(["completions", "--list", "everything"]).status == 64)
        #expect(workspace.run(["completions", "--list", "subjects"]) .stdout == "")
    }
}
