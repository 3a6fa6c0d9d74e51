import DecisionLog

/// A file of drafts, as `import` and `schema check` read it — JSON Lines, or a spreadsheet's CSV with a header
/// row naming the fields — from a path (read a part at a time) or standard input, checked by the store's import
/// (`EventStore.importDrafts`; a dry run for `schema check`), with drafts that name no decider given the default
/// one.
struct DraftFile {
    /// How the file is named in messages (its path as given, or "standard input").
    let name: String
    /// The import of the file, ready for the store.
    var request: ImportRequest

    static let actor = Option("actor", "<name>", help: "The decider for drafts that name none (default: $DECISIONLOG_ACTOR, else your own settings).")
    static let role = Option("role", "<role>", help: "That decider's role, e.g. CMO.")
    static let format = Option("format", "<format>", help: "jsonl or csv (default: from the file's extension, .csv or .tsv for csv; else from its first character, { for jsonl).")
    static let map = Option<(column: String, field: String)>(
        CommandSpec.Option(name: "map", value: "<column>=<field>", help: "CSV: read the column headed <column> as <field> (e.g. --map 'Launch date=date'); an empty <field> ignores the column (repeatable).", repeatable: true),
        expected: "<column>=<field>, e.g. 'Launch date=date'") { text in
            guard let equals = text.lastIndex(of: "="), equals != text.startIndex else { return nil }
            return (column: String(text[..<equals]).trimmingWhitespace, field: String(text[text.index(after: equals)...]).trimmingWhitespace)
        }

    /// The options both commands take besides `--log`.
    static let options = [actor.declaration, role.declaration, format.declaration, map.declaration]

    /// The file argument both commands take.
    static let argument = CommandSpec.Argument(
        name: "<file>", help: "A JSON Lines file, one draft a line ({\"type\":…,\"subject\":…,\"payload\":{…}}), or a CSV file whose header names the fields (type,subject,effective,actor,role,reason,<payload fields>…); '-' reads standard input.")

    /// The import of `path` into `store` with the options in `args`; throws a failure when the options do
    /// not fit the file or the log's schemas cannot be read.
    init(_ path: String, store: any EventStore, args: ParsedArguments, context: CommandContext) throws {
        let named = try args.choice(DraftFile.format, ["jsonl", "csv"], default: DraftFile.format(of: path))
        let mappings = try args.values(DraftFile.map)
        name = path == "-" ? "standard input" : path
        // A file is read a part at a time, twice; standard input, a pipe or process substitution (`<(…)`), which
        // can be read only once, is read whole.
        let absolute = Paths.absolute(path, from: context.currentDirectory)
        let regular = path != "-" && (try? FileSystem.status(absolute))??.isRegularFile != false
        let input: DraftStream.Input = regular ? .file(absolute) : .bytes(try context.readInputFile(path).bytes)
        let stream = DraftStream(input, format: named == "csv" ? .csv : named == "jsonl" ? .jsonLines : nil, mappings: mappings, partBytes: 1 << 20)
        if !mappings.isEmpty, (try? stream.isCSV()) == false {
            throw UsageError("'--map' is for CSV files; \(name) is read as JSON Lines (pass --format csv if it is CSV)", command: args.spec)
        }
        let actor = try context.decider((try args.value(DraftFile.actor), try args.value(DraftFile.role)), draftNamesOne: false, config: store.configuration, explaining: false)
        request = ImportRequest(drafts: stream, context: DraftContext(now: .now(), config: store.configuration), schemas: try context.schemas(in: store),
                                defaultActor: actor, recordedBy: context.recordedBy)
    }

    /// The format a file's extension says ("" when it says none: the first character decides).
    private static func format(of path: String) -> String {
        let lowered = path.lowercased()
        if lowered.hasSuffix(".csv") || lowered.hasSuffix(".tsv") { return "csv" }
        if lowered.hasSuffix(".jsonl") || lowered.hasSuffix(".ndjson") || lowered.hasSuffix(".json") { return "jsonl" }
        return ""
    }

    /// Runs the import in `store`; a refused file, or one that cannot be read as drafts, fails with every
    /// problem, one line per bad draft (`line 3: payload.target: expected a number, got "fast"`), `suffix`
    /// ending the first line. With `listing`, the bad drafts' lines go to it instead, and the failure is the
    /// first line alone.
    func run(in store: any EventStore, suffix: String, listing: ((String) -> Void)? = nil) throws -> ImportReceipt {
        do {
            return try store.importDrafts(request)
        } catch let refusal as ImportRefusal {
            let more = refusal.refused - refusal.lines.count
            let lines = problemLines(refusal) + (more > 0 ? ["… and \(more) more line\(more == 1 ? "" : "s") (the first \(refusal.lines.count) are listed)"] : [])
            lines.forEach { listing?($0) }
            throw CommandFailure(lines: ["\(name): \(DraftFile.count(invalid: refusal.refused, of: refusal.drafts))\(suffix)"] + (listing == nil ? lines.map { "  " + $0 } : []),
                                 refusal.isConflict ? .conflict : .invalidInput)
        } catch let error as DraftStreamError {
            throw failure(error)
        } catch let error as LogError {
            throw CommandFailure(error)
        }
    }

    /// One line per refused draft: `line 3: payload.target: expected a number, got "fast"`.
    private func problemLines(_ refusal: ImportRefusal) -> [String] {
        refusal.lines.map { number, issues in
            "line \(number)\(issues.count == 1 ? "" : " (\(issues.count) problems)"): " + issues.map(\.description).joined(separator: "; ")
        }
    }

    /// "3 of 7 drafts are invalid".
    static func count(invalid: Int, of total: Int) -> String {
        "\(invalid) of \(total) draft\(total == 1 ? "" : "s") \(invalid == 1 ? "is" : "are") invalid"
    }

    /// The failure for a file that cannot be read as drafts.
    private func failure(_ error: DraftStreamError) -> CommandFailure {
        switch error {
        case .unreadable(let error):
            CommandFailure("cannot read \(name): \(error.reason); check the path", error.isNotFound ? .invalidInput : .ioError)
        case .notCSV(let error):
            CommandFailure("\(name) is not readable as CSV: \(error); nothing was read from it", .invalidInput)
        case .badHeader(let error):
            CommandFailure(lines: ["\(name): the header row \(error.problems.count == 1 ? "has a problem" : "has \(error.problems.count) problems"); nothing was read from it"]
                               + error.problems.map { "  " + $0 }, .invalidInput)
        case .empty(let csv):
            CommandFailure(csv ? "\(name) holds no rows below its header; add one row per decision" : "\(name) holds no drafts; write one JSON object a line", .invalidInput)
        case .overlong(let start):
            CommandFailure("\(name) has a record longer than \(DraftStream.longestLine >> 20) MiB, starting at byte \(start); a draft takes at most 1 MiB (an unclosed quote makes the rest of the file one record); nothing was read from it", .invalidInput)
        case .changed:
            CommandFailure("\(name) changed while it was imported; nothing was imported — import it again once it is written", .ioError)
        }
    }
}
