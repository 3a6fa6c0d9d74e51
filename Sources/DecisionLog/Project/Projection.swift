/// A view of the log as a pure fold: events go in, one at a time and in seq order, and the state they build
/// answers the view at any effective time. A projection reads no clock and no disk; replaying the same events
/// gives the same views.
///
/// To add a view, write one type conforming to `Projection` in one file and list it in `Views.all`.
public protocol Projection: SendableMetatype {
    /// What the fold builds: a value, so a copy answers on another thread while the fold goes on.
    associatedtype State: Sendable
    /// The view's name on the command line, e.g. `launches`.
    static var name: String { get }
    /// One line for help.
    static var summary: String { get }
    /// The view's columns, in display order.
    static var columns: [ViewColumn] { get }
    /// The built-in types `fold` reads, or nil for every event; a pass decodes in full only the events some
    /// view reads (team types always), and gives `fold` only those.
    static var reads: [any EventPayload.Type]? { get }
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
    public static var reads: [any EventPayload.Type]? { nil }
    public static func describeChange(_ column: ViewColumn, from before: Cell, to after: Cell) -> String? { nil }
    public static func describeAddition(_ row: ViewRow) -> String? { nil }
    public static func describeRowChange(_ change: RowChange) -> [String]? { nil }
}
