import DecisionLog

/// `decisionlog demo`: writes the built-in scenario to a log and prints it.
enum DemoCommand: Command {
    static let spec = CommandSpec(
        name: "demo", abstract: "Write a demo log from a product-launch scenario, print it and what changed over Q3.",
        discussion: "A CMO, a CPO, a product manager, sales and customer success: Atlas is committed in Q2; at the Q3 alignment they agree shared KPIs and goals and make SSO a Must, moving the launch; they record a pricing decision, slip the launch twice more and pull it in once, retract a mistyped metric, ship, and close the quarter. The log goes to a new temporary folder unless --log names one.",
        options: [.init(name: "log", value: "<path>", help: "Where to write the demo log (must not exist yet; default: a new temporary folder).")])

    static func run(_ arguments: SplitArguments, in context: CommandContext) throws {
        let args = try ArgumentParser.parse(arguments, for: spec)
        let path: String
        if let named = args.log {
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
        let store = try context.openLog(explicitPath: folder.path)
        var events: [Event] = []
        _ = try store.forEachEvent { event, _ in events.append(event); return true }
        let head: LogHead
        do throws(LogError) { head = try store.verify(progress: nil) } catch { throw CommandFailure(error) }
        let width = context.console.columns ?? context.environment["COLUMNS"].flatMap(Int.init)
        let seqs = Dictionary(uniqueKeysWithValues: events.map { ($0.id, $0.seq) })
        context.console.out("Wrote \(events.count) events to \(folder.path); verified, head \(head.seq):\(head.hash.short)….\n")
        context.console.writeOut(EventRendering(timeZone: store.configuration.timeZone).table(events, width: width, seqs: seqs))

        // The headline: what changed over the quarter, in the team's words.
        let views = ["kpis", "priorities", "launches"].compactMap(Views.named)
        let replay = Replay(events: events, configuration: store.configuration, views: views)
        let zone = store.configuration.timeZone
        func moment(_ period: String) -> QueryMoment {
            let point = try! TimePoint(parsing: period, zone: zone, fiscalYearStart: store.configuration.fiscalYearStartMonth, now: .now())
            guard case .instant(let instant, let label) = point else { preconditionFailure("a period is an instant") }
            return QueryMoment(asOf: AsOf(instant), asOfLabel: label)
        }
        let (q2, q3) = (moment("2025-Q2"), moment("2025-Q3"))
        let diffs = views.map { ViewDiff($0, before: replay.table($0, asOf: q2.asOf), after: replay.table($0, asOf: q3.asOf)) }
        let kpis = KPIChange.table(before: replay.table(views[0], asOf: q2.asOf), after: replay.table(views[0], asOf: q3.asOf))
        context.console.out("")
        context.console.writeOut(QueryRendering(timeZone: zone, width: width).diff(diffs, kpis: kpis, from: q2, to: q3, format: .table))

        let backDated = events.first { $0.type == LaunchSlipped.type && $0.recordedAt.milliseconds - $0.effectiveAt.milliseconds >= 86_400_000 }
        context.console.out("")
        context.console.out("Explore it:")
        context.console.out("  export DECISIONLOG_DIR=\(folder.path)")
        if context.programPath.contains("/") {
            // Run through `swift run` or a path: the shell does not know `decisionlog` yet.
            context.console.out("  alias decisionlog=\(Paths.absolute(context.programPath, from: context.currentDirectory))")
        }
        func hint(_ command: String, _ comment: String) {
            let padding = String(repeating: " ", count: max(1, 50 - command.count))
            context.console.out("  decisionlog \(command)\(padding)# \(comment)")
        }
        hint("show launches", "the plan now")
        hint("show priorities --as-of 2025-Q2", "the plan at the end of Q2")
        hint("show launches --as-of 2025-08-12 --known-at 2025-08-12", "what we believed then")
        hint("diff 2025-Q2 2025-Q3", "what changed over the quarter")
        hint("history launch/atlas", "who moved the launch, and why")
        if let backDated { hint("show \(backDated.seq)", "a slip decided on Monday, recorded on Wednesday") }
        hint("blame launches", "the event behind each value")
        hint("report --from 2025-Q2 --to 2025-Q3 -o q3.html", "the quarter's retrospective, with charts")
        context.console.out("  decisionlog verify")
    }
}
