/// A view of the log as a pure fold: events go in, one at a time and in seq order, and the state they build
/// answers the view at any effective time. A projection reads no clock and no disk; replaying the same events
/// gives the same views.
///
/// To add a view, write one type conforming to `Projection` in one file and list it in `Views.all`.
public protocol Projection: SendableMetatype {
    /// What the fold builds.
    associatedtype State
    /// The view's name on the command line, e.g. `launches`.
    static var name: String { get }
    /// One line for help.
    static var summary: String { get }
    /// The view's columns, in display order.
    static var columns: [ViewColumn] { get }
    /// The state before any event.
    static func initialState() -> State
    /// Takes in the next event (in seq order) and its provenance, one `stamp` shared by every view. Must
    /// ignore events the view is not about.
    static func fold(_ state: inout State, _ event: Event, _ stamp: Stamp)
    /// The view's rows as of `context.asOf`.
    static func rows(_ state: State, _ context: ViewContext) -> [ViewRow]
    /// A change of one cell in the view's own words ("Must → Should"); nil uses "title: before → after".
    static func describeChange(_ column: ViewColumn, from before: Cell, to after: Cell) -> String?
    /// How a subject's history says an event added `row` to the view; nil says what the event says.
    static func describeAddition(_ row: ViewRow) -> String?
    /// How a subject's history says an event changed a row; nil lists the cell changes as they are.
    static func describeRowChange(_ change: RowChange) -> [String]?
}

extension Projection {
    public static func describeChange(_ column: ViewColumn, from before: Cell, to after: Cell) -> String? { nil }
    public static func describeAddition(_ row: ViewRow) -> String? { nil }
    public static func describeRowChange(_ change: RowChange) -> [String]? { nil }
}

/// What building a view needs besides the state: the moment, and how to read and show time.
public struct ViewContext: Sendable {
    /// The effective-time limit.
    public let asOf: AsOf
    /// The log's time zone.
    public let timeZone: TimeZoneRules
    /// The month the log's fiscal year starts in.
    public let fiscalYearStart: Int

    /// A context; see the properties.
    public init(asOf: AsOf, timeZone: TimeZoneRules, fiscalYearStart: Int) {
        self.asOf = asOf
        self.timeZone = timeZone
        self.fiscalYearStart = fiscalYearStart
    }

    /// How the log reads periods.
    public var calendar: PeriodCalendar { PeriodCalendar(zone: timeZone, fiscalYearStart: fiscalYearStart) }

    /// The calendar day of the as-of moment in the log's zone (for "review date passed").
    public var asOfDate: CalendarDate { timeZone.date(at: asOf.instant) }
}

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
    }

    /// A change of one cell in the view's words: its own phrasing, else "title: before → after".
    public func describeChange(_ column: ViewColumn, from before: Cell, to after: Cell) -> String {
        if let text = describe(column, before, after) { return text }
        let from = before.text.isEmpty ? "(none)" : before.text
        let to = after.text.isEmpty ? "(none)" : after.text
        return "\(column.title.lowercased()) \(from) → \(to)"
    }
}

/// A projection's fold in progress: its state, behind closures, for folding events and building views.
/// Confined to the replay that made it (not `Sendable`).
final class ProjectionRunner {
    private let foldEvent: (Event, Stamp) -> Void
    private let buildRows: (ViewContext) -> [ViewRow]
    /// The fold's state as it stands, for a reader that knows the projection (the report).
    let state: () -> Any
    /// Writes the state to a checkpoint, for checkpointed views.
    let save: ((inout CheckpointWriter) -> Void)?
    /// Replaces the state with a checkpoint's, for checkpointed views.
    let load: ((inout CheckpointReader) throws(CheckpointError) -> Void)?

    init<P: Projection>(_ projection: P.Type) {
        let box = Box(P.initialState())
        foldEvent = { P.fold(&box.value, $0, $1) }
        buildRows = { P.rows(box.value, $0) }
        state = { box.value }
        save = nil
        load = nil
    }

    init<P: CheckpointedProjection>(_ projection: P.Type) {
        let box = Box(P.initialState())
        foldEvent = { P.fold(&box.value, $0, $1) }
        buildRows = { P.rows(box.value, $0) }
        state = { box.value }
        save = { P.write(box.value, to: &$0) }
        load = { (reader: inout CheckpointReader) throws(CheckpointError) in box.value = try P.read(from: &reader) }
    }

    func fold(_ event: Event, _ stamp: Stamp) { foldEvent(event, stamp) }
    func rows(_ context: ViewContext) -> [ViewRow] { buildRows(context) }

    private final class Box<Value> {
        var value: Value
        init(_ value: Value) { self.value = value }
    }
}
