/// The questions the command line and the web pages ask of one log — a view, the attention list or a
/// diff, as of a moment and known at another — answered the same way for both: points read with the log's
/// calendar, one replay from checkpoints, moments resolved against it, rows filtered by subject.
public struct LogQuestions {
    /// The log asked.
    public let store: any EventStore
    /// Where views start from, or nil to fold from the first event.
    public let checkpoints: CheckpointStore?
    /// The instant `now` names, fixed for every answer of these questions.
    public let now: Timestamp

    /// Questions of `store` at `now`, replayed from `checkpoints` when given.
    public init(store: any EventStore, checkpoints: CheckpointStore?, now: Timestamp = .now()) {
        self.store = store
        self.checkpoints = checkpoints
        self.now = now
    }

    /// Reads a point in the log's time zone and fiscal year; throws naming what is wrong with `text`.
    public func point(_ text: String) throws(TimeFormatError) -> TimePoint {
        let config = store.configuration
        return try TimePoint(parsing: text, zone: config.timeZone, fiscalYearStart: config.fiscalYearStartMonth,
                             naming: config.fiscalYearNaming, now: now)
    }

    /// Replays the log through `known` into `views`, remembering the effective times of the seq points among
    /// `asOf`. Throws `QuestionError.noSuchEvent` when `known` is a seq past the log's end, and `LogError`
    /// for a log that cannot be read.
    public func replay(_ views: [ViewKind], known: TimePoint?, asOf points: [TimePoint?]) throws -> Replay {
        var seqs: Set<Int> = []
        for case .seq(let seq)? in points { seqs.insert(seq) }
        let replay = try Replay(store, views: views, known: Cut.Known(known), remembering: seqs, checkpoints: checkpoints)
        if case .seq(let seq)? = known, seq > replay.lastSeq { throw QuestionError.noSuchEvent(seq, lastSeq: replay.lastSeq) }
        return replay
    }

    /// The moment `asOf` and `known` name, resolved against `replay`; throws `QuestionError.noSuchEvent` for an
    /// `asOf` seq the log does not hold.
    public func moment(_ replay: Replay, asOf: TimePoint?, known: TimePoint?) throws(QuestionError) -> QueryMoment {
        let resolved: AsOf
        do throws(LogError) { resolved = try replay.asOf(asOf, now: now) } catch {
            guard case .seq(let seq)? = asOf else { preconditionFailure("only a seq point can be missing from the log") }
            throw QuestionError.noSuchEvent(seq, lastSeq: replay.lastSeq)
        }
        return QueryMoment(asOf: resolved, asOfLabel: asOf?.description ?? "now", known: Cut.Known(known), knownLabel: known?.description)
    }

    /// `view` as of `asOf`, known at `known`, with only the rows about subjects starting with `subject`.
    public func table(_ view: ViewKind, asOf: TimePoint?, known: TimePoint?, subject: String?) throws
        -> (table: ViewTable, moment: QueryMoment, replay: Replay)
    {
        let replay = try replay([view], known: known, asOf: [asOf])
        let moment = try moment(replay, asOf: asOf, known: known)
        return (LogQuestions.filtered(replay.table(view, asOf: moment.asOf), subject), moment, replay)
    }

    /// The attention list as of `asOf`, known at `known`: launches count as moved after `since` (default: a
    /// week before `asOf`).
    public func attention(asOf: TimePoint?, known: TimePoint?, since: TimePoint?, subject: String?) throws
        -> (table: ViewTable, moment: QueryMoment, replay: Replay)
    {
        let replay = try replay(AttentionList.views, known: known, asOf: [asOf, since])
        let moment = try moment(replay, asOf: asOf, known: known)
        let sinceAsOf = try since.map { try self.moment(replay, asOf: $0, known: known).asOf }
            ?? AsOf(moment.asOf.instant.adding(milliseconds: -7 * 86_400_000))
        return (LogQuestions.filtered(AttentionList.table(replay, asOf: moment.asOf, since: sinceAsOf), subject), moment, replay)
    }

    /// Each of `views` as of `from` and as of `to`, both known at `known`, compared; the KPI actuals compared
    /// when `views` has the kpis view. With `onlyFieldsWithRows`, the fields view is left out when it is empty
    /// at both moments (the team types' view joins a default set only where the log has such events).
    /// The replay also folds `alsoFolding`, for a caller that reads more from it (the report).
    public func diff(_ views: [ViewKind], from: TimePoint?, to: TimePoint?, known: TimePoint?, subject: String?, onlyFieldsWithRows: Bool,
                     alsoFolding: [ViewKind] = []) throws -> LogDiff
    {
        let folded = views + alsoFolding.filter { extra in !views.contains { $0.name == extra.name } }
        let replay = try replay(folded, known: known, asOf: [from, to])
        let before = try moment(replay, asOf: from, known: known)
        let after = try moment(replay, asOf: to, known: known)
        // Each view is built at both moments and compared on its own, on every core; only the comparison is kept.
        let builders = views.map(replay.tableBuilder)
        let (from, to) = (before.asOf, after.asOf)
        let compared = ParallelMapping.map(count: views.count, minimum: 2) {
            { index -> (diff: ViewDiff?, kpis: [KPIChange]?) in
                let view = views[index]
                let old = LogQuestions.filtered(builders[index](from), subject), new = LogQuestions.filtered(builders[index](to), subject)
                if onlyFieldsWithRows, view.name == FieldsProjection.name, old.rows.isEmpty, new.rows.isEmpty { return (nil, nil) }
                return (ViewDiff(view, before: old, after: new), view.name == KPIsProjection.name ? KPIChange.table(before: old, after: new) : nil)
            }
        }
        return LogDiff(diffs: compared.compactMap(\.diff), kpis: compared.lazy.compactMap(\.kpis).first, before: before, after: after, replay: replay)
    }

    /// The retrospective of the period after `from` through `to` (now for nil), known at `known`: every view
    /// but the timeline compared, and the report's own folds. Throws `QuestionError.emptyPeriod` when `from`
    /// is not before `to`.
    public func report(from: TimePoint?, to: TimePoint?, known: TimePoint?) throws -> (document: ReportDocument, replay: Replay) {
        let views = Views.all.filter { $0.name != TimelineProjection.name }
        let diff = try diff(views, from: from, to: to, known: known, subject: nil, onlyFieldsWithRows: true, alsoFolding: Retrospective.views)
        guard diff.before.asOf < diff.after.asOf else {
            throw QuestionError.emptyPeriod(from: diff.before.asOfLabel, to: diff.after.asOfLabel)
        }
        let retrospective = Retrospective(replay: diff.replay, from: diff.before.asOf, to: diff.after.asOf)
        let document = ReportDocument(retrospective: retrospective, diffs: diff.diffs, kpis: diff.kpis ?? [], from: diff.before, to: diff.after,
                                      head: retrospective.head, timeZone: store.configuration.timeZone)
        return (document, diff.replay)
    }

    /// `table` with only the rows whose subject starts with `prefix` (every row for nil).
    public static func filtered(_ table: ViewTable, _ prefix: String?) -> ViewTable {
        guard let prefix else { return table }
        return ViewTable(name: table.name, columns: table.columns, rows: table.rows.filter { $0.subject?.text.hasPrefix(prefix) ?? false })
    }
}
