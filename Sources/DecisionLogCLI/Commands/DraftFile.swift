import DecisionLog

/// A file of drafts, as `import` and `schema check` read it — JSON Lines, or a spreadsheet's CSV with a header
/// row naming the fields — from a path or standard input, validated line by line against the log's schemas,
/// with drafts that name no decider given the default one.
struct DraftFile {
    /// How the file is named in messages (its path as given, or "standard input").
    let name: String
    /// The validated lines.
    let batch: DraftBatch

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

    /// Reads `path` and validates it against `store`'s schemas; throws a failure when the file cannot be read,
    /// is not CSV or JSON Lines, has a CSV header that does not name the fields, or holds no draft.
    init(_ path: String, store: any EventStore, args: ParsedArguments, context: CommandContext,
         progress: DraftBatch.Progress? = nil) throws {
        let format = try args.choice(DraftFile.format, ["jsonl", "csv"], default: DraftFile.format(of: path))
        let mappings = try args.values(DraftFile.map)
        let (name, bytes) = try context.readInputFile(path)
        self.name = name
        let actor = try context.decider((try args.value(DraftFile.actor), try args.value(DraftFile.role)), draftNamesOne: false, config: store.configuration, explaining: false)
        let draftContext = DraftContext(now: .now(), config: store.configuration)
        let schemas = try context.schemas(in: store)
        // Without a format named, the first character decides: "{" starts JSON Lines; an empty file is read as one.
        let first = bytes.first { $0 > 0x20 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }
        let isCSV = format == "csv" || (format.isEmpty && first != nil && first != UInt8(ascii: "{"))
        if isCSV {
            let table: CSVTable
            do throws(CSVSyntaxError) { table = try CSVTable(parsing: bytes) } catch {
                throw CommandFailure("\(name) is not readable as CSV: \(error); nothing was read from it", .invalidInput)
            }
            let drafts: CSVDrafts
            do throws(CSVHeaderError) { drafts = try CSVDrafts(table, mappings: mappings, schemas: schemas) } catch {
                let count = error.problems.count
                throw CommandFailure(lines: ["\(name): the header row \(count == 1 ? "has a problem" : "has \(count) problems"); nothing was read from it"]
                                         + error.problems.map { "  " + $0 }, .invalidInput)
            }
            batch = DraftBatch(drafts, context: draftContext, schemas: schemas, defaultActor: actor, progress: progress)
        } else {
            if !mappings.isEmpty { throw UsageError("'--map' is for CSV files; \(name) is read as JSON Lines (pass --format csv if it is CSV)", command: args.spec) }
            batch = DraftBatch(bytes, context: draftContext, schemas: schemas, defaultActor: actor, progress: progress)
        }
        if batch.lines.isEmpty {
            throw CommandFailure(isCSV ? "\(name) holds no rows below its header; add one row per decision" : "\(name) holds no drafts; write one JSON object a line", .invalidInput)
        }
    }

    /// The format a file's extension says ("" when it says none: the first character decides).
    private static func format(of path: String) -> String {
        let lowered = path.lowercased()
        if lowered.hasSuffix(".csv") || lowered.hasSuffix(".tsv") { return "csv" }
        if lowered.hasSuffix(".jsonl") || lowered.hasSuffix(".ndjson") || lowered.hasSuffix(".json") { return "jsonl" }
        return ""
    }

    /// Every problem with the file, one line per bad draft: the drafts' own, then what the log would refuse
    /// of the valid ones (references, schema versions, ids present with other content), found by a dry-run
    /// append that writes nothing. The status is `.conflict` when an id is in the log with other content,
    /// else `.invalidInput`.
    func problems(_ store: any EventStore, recordedBy: String) throws -> (lines: [String], status: ExitCode) {
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
    private func logRefusals(_ store: any EventStore, recordedBy: String) throws -> ([DraftRejection], LogError.Code?) {
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
