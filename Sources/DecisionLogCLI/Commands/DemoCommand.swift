import DecisionLog

/// `decisionlog demo`: writes the built-in scenario to a log and prints it.
enum DemoCommand: Command {
    static let spec = CommandSpec(
        name: "demo", abstract: "Write a demo log from a product-launch scenario and print it.",
        discussion: "A CMO, a CPO, a product manager, sales and customer success align on Q3 2025 goals and KPIs, prioritise the Atlas launch, record a pricing decision, slip the launch twice and pull it in once, retract a mistyped metric, ship, and close the quarter. The log goes to a new temporary folder unless --log names one.",
        options: [.init(name: "log", value: "<path>", help: "Where to write the demo log (must not exist yet; default: a new temporary folder).")])

    static func run(_ arguments: ArraySlice<String>, in context: CommandContext) throws {
        let args = try ArgumentParser.parse(arguments, for: spec)
        let path: String
        if let named = args.value("log") {
            path = named
        } else {
            do throws(SystemError) {
                path = Paths.join(try FileSystem.makeTemporaryDirectory(prefix: "decisionlog-demo-", environment: context.environment), ".decisionlog")
            } catch {
                throw CommandFailure(LogError.system(error, doing: "create a temporary folder for the demo"))
            }
        }
        let folder = LogFolder(path: path, currentDirectory: context.currentDirectory)
        do throws(LogError) { try DemoScenario.write(to: folder) } catch { throw CommandFailure(error) }
        let store = try context.openLog(ParsedArguments(values: ["log": [folder.path]]))
        var events: [Event] = []
        _ = try store.forEachEvent { event, _ in events.append(event); return true }
        let head: LogHead
        do throws(LogError) { head = try store.verify(progress: nil) } catch { throw CommandFailure(error) }
        let rendering = EventRendering(timeZone: store.configuration.timeZone)
        let seqs = Dictionary(uniqueKeysWithValues: events.map { ($0.id, $0.seq) })
        context.console.writeOut(rendering.table(events, width: context.console.columns, seqs: seqs))
        context.console.out("")
        context.console.out("Wrote \(events.count) events to \(folder.path); verified, head \(head.seq):\(head.hash.short)….")
        context.console.out("Explore it:")
        context.console.out("  export DECISIONLOG_DIR=\(folder.path)")
        if context.programPath.contains("/") {
            // Run through `swift run` or a path: the shell does not know `decisionlog` yet.
            context.console.out("  alias decisionlog=\(Paths.absolute(context.programPath, from: context.currentDirectory))")
        }
        context.console.out("  decisionlog log --subject launch/atlas")
        context.console.out("  decisionlog log --type priority --actor \"Lee Park\"")
        context.console.out("  decisionlog show 23      # a slip decided on Monday, recorded on Wednesday")
        context.console.out("  decisionlog verify")
    }
}
