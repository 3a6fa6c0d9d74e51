import DecisionLog

/// What `show <view>`, `blame`, `diff` and `history` share: reading points on both clocks, replaying the log
/// up to the known-at point, and fitting output to the terminal.
struct ViewQuery {
    let store: any EventStore
    let context: CommandContext
    let spec: CommandSpec
    /// The questions of this log, at one `now`, answered from checkpoints when they are on.
    let questions: LogQuestions

    /// Queries of `store` for the command `spec`; reads the checkpoint key once.
    init(store: any EventStore, context: CommandContext, spec: CommandSpec) {
        self.store = store
        self.context = context
        self.spec = spec
        questions = LogQuestions(store: store, checkpoints: context.checkpoints(of: store))
    }

    static let asOf = Option("as-of", "<point>", help: "The plan at this moment (effective time): now, 2025-06-30, 2025-06-30T17:00, 2025-Q2, 2025-H1, 2025, 2025-06 or #120 (default: now).")
    static let knownAt = Option("known-at", "<point>", help: "Only what the log knew at this moment (recorded time): same forms; #120 is the log through event 120 (default: everything).")
    static let subject = Option("subject", "<prefix>", help: "Only rows about subjects starting with this, e.g. launch/ or feature/sso.")
    static let format = Option("format", "<format>", help: "table, json, csv or markdown (default: the 'format' setting, else table).")

    /// Reads `option` (`--format`) as an output format.
    func format(_ args: ParsedArguments, _ option: Option<String> = ViewQuery.format) throws(UsageError) -> OutputFormat {
        let formats = OutputFormat.allCases.map(\.rawValue)
        return OutputFormat(rawValue: try args.choice(option, formats, default: context.defaultFormat(store, supported: formats)))!
    }

    /// Reads the point given to `option`, or nil when it was not given.
    func point(_ args: ParsedArguments, _ option: Option<String>) throws(UsageError) -> TimePoint? {
        try point(args.value(option), option: "--" + option.declaration.name)
    }

    /// Reads a point given to `option`, or nil when it was not given.
    func point(_ text: String?, option: String) throws(UsageError) -> TimePoint? {
        guard let text else { return nil }
        do throws(TimeFormatError) { return try questions.point(text) } catch {
            throw UsageError("The value '\(text.quotedForMessage)' is invalid for '\(option)': \(error.problem)", command: spec)
        }
    }

    /// Runs `question` against this log (a seq the log does not hold is invalid input; other question errors
    /// are the caller's to word), warning when the read skipped an interrupted write and keeping what
    /// it answers until the process exits (freeing a large replay costs more than the exit).
    func answer<Answer>(_ question: (LogQuestions) throws -> Answer, replay: (Answer) -> Replay) throws -> Answer {
        let answer: Answer
        do { answer = try question(questions) } catch QuestionError.noSuchEvent(let seq, let last) {
            throw CommandFailure(QuestionError.noSuchEvent(seq, lastSeq: last).problem + "; give a seq from 'decisionlog log'", .invalidInput)
        }
        context.warnIfSkipped(replay(answer).skippedInterruptedWrite)
        UntilExit.keep(answer)
        return answer
    }

    /// The view named by the first argument, as of `--as-of`, known at `--known-at`, filtered by `--subject`.
    func table(_ args: ParsedArguments) throws -> (table: ViewTable, moment: QueryMoment) {
        let view = try view(args.positionals[0])
        let asOf = try point(args, ViewQuery.asOf)
        let known = try point(args, ViewQuery.knownAt)
        let subject = try args.value(ViewQuery.subject)
        let answer = try answer({ try $0.table(view, asOf: asOf, known: known, subject: subject) }, replay: \.replay)
        return (answer.table, answer.moment)
    }

    /// `LogQuestions.diff`, for this log.
    func diff(_ views: [ViewKind], from: TimePoint?, to: TimePoint?, known: TimePoint?, subject: String?, onlyFieldsWithRows: Bool,
              alsoFolding: [ViewKind] = []) throws -> LogDiff
    {
        try answer({ try $0.diff(views, from: from, to: to, known: known, subject: subject, onlyFieldsWithRows: onlyFieldsWithRows,
                                 alsoFolding: alsoFolding) }, replay: \.replay)
    }

    /// The renderer, fitted to the terminal (or `$COLUMNS`) when there is one.
    var rendering: QueryRendering {
        QueryRendering(timeZone: store.configuration.timeZone,
                       width: context.console.columns ?? context.environment["COLUMNS"].flatMap(Int.init))
    }

    /// The view called `name`, or a usage error suggesting the nearest.
    func view(_ name: String) throws(UsageError) -> ViewKind {
        guard let view = Views.named(name) else {
            let hint = NearestName.suggestion(for: name, among: Views.names + [AttentionList.name]).map { ". Did you mean '\($0)'?" }
                ?? "; the views are \(Views.names.joined(separator: ", ")), and attention"
            throw UsageError("Unknown view '\(name.quotedForMessage)'\(hint)", command: spec)
        }
        return view
    }
}
