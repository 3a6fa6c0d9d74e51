/// A view the tool knows, with its projection's type erased, so views can be listed and run together.
public struct ViewKind: Sendable {
    /// The view's name.
    public let name: String
    /// One line for help.
    public let summary: String
    /// The columns.
    public let columns: [ViewColumn]
    let makeRunner: @Sendable () -> ProjectionRunner
    let describe: @Sendable (ViewColumn, Cell, Cell) -> String?
    /// The projection's `describeAddition`.
    let describeAddition: @Sendable (ViewRow) -> String?
    /// The projection's `describeRowChange`.
    let describeRowChange: @Sendable (RowChange) -> [String]?

    /// The version of the view's state in checkpoints, or nil for a view that is not checkpointed.
    let checkpointVersion: UInt32?
    /// The built-in types the view's fold reads (with team types always), or nil when it reads every event.
    let reads: Set<EventType>?

    init<P: Projection>(_ projection: P.Type) {
        self.init(P.self, runner: { ProjectionRunner(P.self) }, checkpointVersion: nil)
    }

    init<P: CheckpointedProjection>(_ projection: P.Type) {
        self.init(P.self, runner: { ProjectionRunner(P.self) }, checkpointVersion: P.checkpointVersion)
    }

    private init<P: Projection>(_ projection: P.Type, runner: @escaping @Sendable () -> ProjectionRunner, checkpointVersion: UInt32?) {
        name = P.name
        summary = P.summary
        columns = P.columns
        makeRunner = runner
        describe = { P.describeChange($0, from: $1, to: $2) }
        describeAddition = { P.describeAddition($0) }
        describeRowChange = { P.describeRowChange($0) }
        self.checkpointVersion = checkpointVersion
        reads = P.reads.map { Set($0.map { $0.type }) }
    }

    /// A change of one cell in the view's words: its own phrasing, else "title: before → after".
    public func describeChange(_ column: ViewColumn, from before: Cell, to after: Cell) -> String {
        if let text = describe(column, before, after) { return text }
        let from = before.text.isEmpty ? "(none)" : before.text
        let to = after.text.isEmpty ? "(none)" : after.text
        return "\(column.title.lowercased()) \(from) → \(to)"
    }
}

extension DecodedTypes {
    /// The events any of `views` reads.
    public init(readBy views: [ViewKind]) {
        var types: Set<EventType>? = []
        for view in views {
            guard let reads = view.reads else { types = nil; break }
            types?.formUnion(reads)
        }
        self.init(decoding: types)
    }
}
