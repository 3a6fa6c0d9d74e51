import DecisionLogCLI
import Testing

/// Help, version and usage errors follow swift-argument-parser's layout and exit codes.
struct HelpAndUsageTests {
    let workspace = Workspace()

    @Test func rootHelpListsSubcommandsAndExitCodes() {
        let result = workspace.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.hasPrefix("OVERVIEW: "))
        for section in ["USAGE: decisionlog <subcommand>", "OPTIONS:", "SUBCOMMANDS:", "EXIT CODES:"] {
            #expect(result.stdout.contains(section))
        }
        for command in ["init", "add", "log", "show", "verify", "repair", "demo", "help"] {
            #expect(result.stdout.contains("\n  \(command) "))
        }
        for code in ["  0 ", "  2 ", "  64 ", "  65 ", "  66 "] { #expect(result.stdout.contains(code)) }
        #expect(workspace.run([]).stdout == result.stdout)
        #expect(workspace.run(["help"]).stdout == result.stdout)
    }

    /// Every command of the tool's own table (help itself aside), so a new command cannot miss its help.
    @Test(arguments: CommandLineTool.commandNames.filter { $0 != "help" })
    func everyCommandHasTheSameHelpThreeWays(command: String) {
        let long = workspace.run([command, "--help"])
        #expect(long.status == 0)
        #expect(long.stdout.hasPrefix("OVERVIEW: "))
        #expect(long.stdout.contains("USAGE: decisionlog \(command)"))
        #expect(long.stdout.contains("  -h, --help              Show help information."))
        #expect(workspace.run([command, "-h"]).stdout == long.stdout)
        #expect(workspace.run(["help", command]).stdout == long.stdout)
    }

    @Test func addHelpForATypeListsItsFields() {
        let result = workspace.run(["add", "decision.recorded", "--help"])
        #expect(result.stdout.contains("DECISION.RECORDED OPTIONS:"))
        #expect(result.stdout.contains("--review-by <date>"))
        #expect(result.stdout.contains("--title <text>          (required)"))
        #expect(result.stdout.contains("USAGE: decisionlog add decision.recorded --subject <subject> --title <text> --status <proposed|accepted|rejected> [<options>]"))
    }

    @Test func helpTypesListsTheVocabulary() {
        let result = workspace.run(["help", "types"])
        #expect(result.status == 0)
        for type in ["goal.set", "goal.closed", "metric.defined", "metric.target.set", "metric.recorded", "priority.changed",
                     "launch.scheduled", "launch.slipped", "launch.shipped", "launch.cancelled", "owner.assigned",
                     "decision.recorded", "decision.superseded", "agreement.recorded", "sync.held", "event.retracted"] {
            #expect(result.stdout.contains("\n\(type)  "))
        }
    }

    @Test func helpTopicsExplainTimeFormatsAndExitCodes() {
        let time = workspace.run(["help", "time"])
        #expect(time.status == 0)
        for text in ["effectiveAt", "recordedAt", "--as-of asks the effective clock", "--known-at asks", "2025-09-22T14:30+02:00", "#120", "2025-Q3 2025-H2 2025"] {
            #expect(time.stdout.contains(text))
        }
        let formats = workspace.run(["help", "formats"])
        for text in ["IN (import, schema check):", "--map 'Launch date=date'", "OUT:", "markdown", "html", "so an export imports"] {
            #expect(formats.stdout.contains(text))
        }
        #expect(workspace.run(["help", "exit-codes"]).stdout.contains("65  "))
        let typo = workspace.run(["help", "tiem"])
        #expect(typo.status == 64)
        #expect(typo.stderr.hasPrefix("Error: Unknown subcommand or topic 'tiem'. Did you mean 'time'?"))
        #expect(workspace.run(["--help"]).stdout.contains("'help formats'"))
    }

    @Test func versionIsPrinted() {
        let result = workspace.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout == CommandLineTool.version + "\n")
    }

    @Test func typosGetTheNearestSuggestion() {
        let command = workspace.run(["lgo"])
        #expect(command.status == 64)
        #expect(command.stderrLines == ["Error: Unknown subcommand 'lgo'. Did you mean 'log'?", "Usage: decisionlog <subcommand>",
                                        "  See 'decisionlog --help' for more information."])
        let option = workspace.run(["log", "--revrse"])
        #expect(option.status == 64)
        #expect(option.stderrLines == ["Error: Unknown option '--revrse'. Did you mean '--reverse'?", "Usage: decisionlog log [<options>]",
                                       "  See 'decisionlog log --help' for more information."])
        #expect(workspace.run(["help", "tpyes"]).stderr.contains("Did you mean 'types'?"))
    }
}
