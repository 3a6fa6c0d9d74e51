import DecisionLog

/// A JSON Lines file of drafts, as `import` and `schema check` read it: from a path or standard input,
/// validated line by line against the log's schemas, with drafts that name no decider given the default one.
struct DraftFile {
    /// How the file is named in messages (its path as given, or "standard input").
    let name: String
    /// The validated lines.
    let batch: DraftBatch

    /// The options both commands take besides `--log`.
    static let options: [CommandSpec.Option] = [
        .init(name: "actor", value: "<name>", help: "The decider for drafts that name none (default: $DECISIONLOG_ACTOR, else the log's)."),
        .init(name: "role", value: "<role>", help: "That decider's role, e.g. CMO."),
    ]

    /// The file argument both commands take.
    static let argument = CommandSpec.Argument(
        name: "<file>", help: "A JSON Lines file: one draft a line ({\"type\":…,\"subject\":…,\"payload\":{…}}); '-' reads standard input.")

    /// Reads `path` and validates it against `store`'s schemas; throws a failure when the file cannot be read or
    /// holds no draft.
    init(_ path: String, store: FileEventStore, args: ParsedArguments, context: CommandContext) throws {
        let (name, bytes) = try context.readInputFile(path)
        self.name = name
        let actor = try AddCommand.decider(args, draft: EventDraft(), environment: context.environment, config: store.configuration)
        let context = DraftContext(now: .now(), timeZone: store.configuration.timeZone)
        batch = DraftBatch(bytes, context: context, schemas: try AddCommand.schemas(in: store),
                           defaultActor: actor.map { Actor(name: $0.name, role: $0.role) })
        if batch.lines.isEmpty { throw CommandFailure("\(name) holds no drafts; write one JSON object a line", .invalidInput) }
    }

    /// Every problem with the file, one line per bad draft: the drafts' own, then what the log would refuse
    /// of the valid ones (references, schema versions, ids present with other content), found by a dry-run
    /// append that writes nothing. The status is `.conflict` when an id is in the log with other content,
    /// else `.invalidInput`.
    func problems(_ store: FileEventStore, recordedBy: String) throws -> (lines: [String], status: ExitCode) {
        let (rejections, code) = try logRefusals(store, recordedBy: recordedBy)
        return (problemLines(adding: rejections), code == .conflict ? .conflict : .invalidInput)
    }

    /// "3 of 7 drafts are invalid".
    func count(invalid: Int) -> String {
        "\(invalid) of \(batch.lines.count) draft\(batch.lines.count == 1 ? "" : "s") \(invalid == 1 ? "is" : "are") invalid"
    }

    /// One line per bad draft: `line 3: payload.target: expected a number, got "fast"`; the log's refusals (of
    /// the valid drafts, by position) are added to their lines.
    func problemLines(adding rejections: [DraftRejection] = []) -> [String] {
        var byLine: [Int: [String]] = [:]
        for (number, failure) in batch.failures { byLine[number, default: []] += failure.issues.map(\.description) }
        let valid = batch.lines.filter { (try? $0.result.get()) != nil }
        for rejection in rejections where rejection.position < valid.count {
            byLine[valid[rejection.position].number, default: []].append(rejection.issue.description)
        }
        return byLine.keys.sorted().map { number in
            let problems = byLine[number]!
            return "line \(number)\(problems.count == 1 ? "" : " (\(problems.count) problems)"): " + problems.joined(separator: "; ")
        }
    }

    /// Runs every check the log makes on an append of the valid drafts, writing nothing; returns the
    /// refusals (none when the log would take them). Throws for anything but a refusal.
    private func logRefusals(_ store: FileEventStore, recordedBy: String) throws -> ([DraftRejection], LogError.Code?) {
        guard !batch.drafts.isEmpty else { return ([], nil) }
        do throws(LogError) {
            _ = try store.append(AppendRequest(drafts: batch.drafts, recordedBy: recordedBy, dryRun: true))
            return ([], nil)
        } catch where !error.rejections.isEmpty {
            return (error.rejections, error.code)
        } catch {
            throw CommandFailure(error)
        }
    }
}
