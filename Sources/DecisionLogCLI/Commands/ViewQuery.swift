import DecisionLog

/// What `show <view>`, `blame`, `diff` and `history` share: reading points on both clocks, replaying the log
/// up to the known-at point, and fitting output to the terminal.
struct ViewQuery {
    let store: FileEventStore
    let context: CommandContext
    let spec: CommandSpec
    let now = Timestamp.now()

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
        do throws(TimeFormatError) {
            return try TimePoint(parsing: text, zone: store.configuration.timeZone, fiscalYearStart: store.configuration.fiscalYearStartMonth,
                                 naming: store.configuration.fiscalYearNaming, now: now)
        } catch {
            throw UsageError("The value '\(text.quotedForMessage)' is invalid for '\(option)': \(error.problem)", command: spec)
        }
    }

    /// Replays the log through `known` into `views`, remembering the effective times of seq points.
    func replay(_ views: [ViewKind], known: TimePoint?, asOf points: [TimePoint?]) throws -> Replay {
        var seqs: Set<Int> = []
        for case .seq(let seq)? in points { seqs.insert(seq) }
        let replay = try Replay(store, views: views, known: Cut.Known(known), remembering: seqs, checkpoints: context.checkpoints(of: store))
        context.warnIfSkipped(replay.skippedInterruptedWrite)
        UntilExit.keep(replay)
        if case .seq(let seq)? = known, seq > replay.lastSeq {
            throw CommandFailure("there is no event #\(seq) in the log (it ends at #\(replay.lastSeq)); give a seq from 'decisionlog log'", .invalidInput)
        }
        return replay
    }

    /// The moment `asOf` and `known` name, resolved against `replay`.
    func moment(_ replay: Replay, asOf: TimePoint?, known: TimePoint?) throws -> QueryMoment {
        let resolved: AsOf
        do throws(LogError) { resolved = try replay.asOf(asOf, now: now) } catch { throw CommandFailure(error.message + "; " + (error.hint ?? ""), .invalidInput) }
        return QueryMoment(asOf: resolved, asOfLabel: asOf?.description ?? "now", known: Cut.Known(known), knownLabel: known?.description)
    }

    /// The view named by the first argument, as of `--as-of`, known at `--known-at`, filtered by `--subject`.
    func table(_ args: ParsedArguments) throws -> (table: ViewTable, moment: QueryMoment) {
        let view = try view(args.positionals[0])
        let asOf = try point(args, ViewQuery.asOf)
        let known = try point(args, ViewQuery.knownAt)
        let replay = try replay([view], known: known, asOf: [asOf])
        let moment = try moment(replay, asOf: asOf, known: known)
        let table = filtered(replay.table(view, asOf: moment.asOf), try args.value(ViewQuery.subject))
        UntilExit.keep(table)
        return (table, moment)
    }

    /// Each of `views` as of `from` and as of `to`, both known at `known`, compared; the KPI actuals compared
    /// when `views` has the kpis view. With `onlyFieldsWithRows`, the fields view is left out when it is empty
    /// at both moments (the team types' view joins a default set only where the log has such events).
    /// The replay also folds `alsoFolding`, for a caller that reads more from it (the report).
    func diff(_ views: [ViewKind], from: TimePoint?, to: TimePoint?, known: TimePoint?, subject: String?, onlyFieldsWithRows: Bool,
              alsoFolding: [ViewKind] = []) throws
        -> (diffs: [ViewDiff], kpis: [KPIChange]?, before: QueryMoment, after: QueryMoment, replay: Replay)
    {
        let folded = views + alsoFolding.filter { extra in !views.contains { $0.name == extra.name } }
        let replay = try replay(folded, known: known, asOf: [from, to])
        let before = try moment(replay, asOf: from, known: known)
        let after = try moment(replay, asOf: to, known: known)
        var diffs: [ViewDiff] = []
        var kpis: [KPIChange]? = nil
        for view in views {
            let old = filtered(replay.table(view, asOf: before.asOf), subject)
            let new = filtered(replay.table(view, asOf: after.asOf), subject)
            if onlyFieldsWithRows, view.name == FieldsProjection.name, old.rows.isEmpty, new.rows.isEmpty { continue }
            if view.name == KPIsProjection.name { kpis = KPIChange.table(before: old, after: new) }
            diffs.append(ViewDiff(view, before: old, after: new))
            UntilExit.keep((old, new))
        }
        return (diffs, kpis, before, after, replay)
    }

    /// `table` with only the rows whose subject starts with `prefix`.
    func filtered(_ table: ViewTable, _ prefix: String?) -> ViewTable {
        guard let prefix else { return table }
        return ViewTable(name: table.name, columns: table.columns, rows: table.rows.filter { $0.subject?.text.hasPrefix(prefix) ?? false })
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
