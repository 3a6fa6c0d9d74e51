import DecisionLog

/// `decisionlog site`: the server's pages as a static site, for chosen moments.
enum SiteCommand: Command {
    static let spec = CommandSpec(
        name: "site", abstract: "Write the log's pages as a static site: dashboards, views, diffs, histories, people, events, reports.",
        discussion: """
        The site holds the pages 'decisionlog serve' shows, for each point given (default: the end of every quarter since the log's first event, then now), and every page they link to: each view, person, subject and event, and the diff and retrospective between consecutive points. Links are relative and nothing is loaded from anywhere else, so the folder can be put on any web server or opened from disk. The forms of the server become links to the points the site holds; search and live updates need the server.
        The folder must be new or empty, or a site written before: it is then replaced whole once the new one is complete.
        """,
        options: [output.declaration, points.declaration, CommandSpec.logOption])

    static let output = Option("output", short: "o", "<folder>", help: "The folder to write the site to (required).")
    static let points = Option("points", "<points>", help: "The moments to show, comma-separated: now, quarters (2025-Q3), days, #seq in the order the pages list them (repeatable; default: each quarter end, then now).",
                               repeatable: true)

    static func run(_ arguments: SplitArguments, in context: CommandContext) throws {
        let args = try ArgumentParser.parse(arguments, for: spec)
        guard let folder = try args.value(output), !folder.isEmpty else {
            throw UsageError("Missing expected option '--output <folder>'", command: spec)
        }
        let store = try context.openLog(args)
        let questions = LogQuestions(store: store, checkpoints: context.checkpoints(of: store))
        let given = try args.values(points).flatMap { $0.split(separator: ",").map { String($0).trimmingWhitespace } }.filter { !$0.isEmpty }
        var chosen: [String?] = []
        for point in given.map({ $0 == "now" ? nil : $0 }) where !chosen.contains(point) { chosen.append(point) }
        let path = Paths.absolute(folder, from: context.currentDirectory)
        let summary: WebSite.Summary
        do {
            if chosen.isEmpty { chosen = try WebSite.defaultPoints(questions) }
            summary = try WebSite.write(questions, points: chosen, to: path)
        } catch let failure as WebFailure {
            throw CommandFailure(failure.message, .invalidInput)
        } catch let error as LogError {
            throw CommandFailure(error)
        } catch let error as SystemError {
            throw CommandFailure("cannot write the site to \(path): \(error)", .ioError)
        }
        let named = chosen.map { $0 ?? "now" }
        context.console.out("Wrote \(summary.pages) pages (\(summary.bytes / 1024) KiB) for \(named.joined(separator: ", ")) to \(path); open \(Paths.join(path, "index.html"))")
    }
}
