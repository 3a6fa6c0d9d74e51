/// One value of a view, ready for every output: typed for JSON and CSV, as text for people, and with the
/// event that set it (for blame).
public struct Cell: Sendable, Equatable {
    /// The value for programs (numbers as numbers, dates as `YYYY-MM-DD`, lists as arrays).
    public let value: JSONValue
    /// The value for people.
    public let text: String
    /// The event that set it, when one did.
    public let source: Stamp?

    /// A cell; `text` defaults to a readable form of `value`.
    public init(_ value: JSONValue, text: String? = nil, source: Stamp? = nil) {
        self.value = value
        self.text = text ?? Cell.text(of: value)
        self.source = source
    }

    /// A text cell, or an empty one for nil.
    public static func text(_ text: String?, source: Stamp? = nil) -> Cell {
        Cell(text.map(JSONValue.string) ?? .null, text: text ?? "", source: source)
    }

    /// A date cell.
    public static func date(_ date: CalendarDate?, source: Stamp? = nil) -> Cell {
        Cell(date.map { .string($0.description) } ?? .null, text: date?.description ?? "", source: source)
    }

    /// A count or other integer cell.
    public static func integer(_ value: Int, text: String? = nil, source: Stamp? = nil) -> Cell {
        Cell(.number(Double(value)), text: text ?? String(value), source: source)
    }

    /// A list of names, shown joined by commas.
    public static func list(_ items: [String], source: Stamp? = nil) -> Cell {
        Cell(.array(items.map(JSONValue.string)), text: items.joined(separator: ", "), source: source)
    }

    static func text(of value: JSONValue) -> String {
        switch value {
        case .null: ""
        case .bool(let b): b ? "yes" : "no"
        case .number(let n): NumberText.format(n)
        case .string(let s): s
        case .array(let items): items.map(text(of:)).joined(separator: ", ")
        case .object: value.canonicalString
        }
    }
}

/// A column of a view: its key in JSON and CSV, and its title in tables.
public struct ViewColumn: Sendable, Equatable {
    /// The JSON member and CSV header, lowerCamelCase.
    public let key: String
    /// The table header.
    public let title: String
    /// Whether diffs and histories report changes of this column (false for columns that only follow
    /// another, such as when and by whom a priority last changed).
    public let isCompared: Bool
    /// 1 for columns a table always shows; higher numbers are hidden first when a table is too wide.
    public let priority: Int
    /// Whether long text in this column wraps onto more lines in tables (else it is cut).
    public let wraps: Bool

    /// A column; the title defaults to the key in capitals.
    public init(_ key: String, title: String? = nil, compared: Bool = true, priority: Int = 1, wraps: Bool = false) {
        self.key = key
        self.title = title ?? key.uppercased()
        isCompared = compared
        self.priority = priority
        self.wraps = wraps
    }
}

/// One row of a view: its key (what diffs match rows by) and its cells by column key.
public struct ViewRow: Sendable, Equatable {
    /// Identifies the row across moments, e.g. `launch/atlas` or `feature/sso moscow`.
    public let key: String
    /// The subject the row is about.
    public let subject: Subject?
    /// Cells by column key; a missing cell is empty.
    public let cells: [String: Cell]

    /// A row; see the properties.
    public init(key: String, subject: Subject?, cells: [String: Cell]) {
        self.key = key
        self.subject = subject
        self.cells = cells
    }

    /// The cell of `column`, or an empty one.
    public subscript(column: String) -> Cell { cells[column] ?? Cell(.null) }
}

/// A view at one moment: its name, columns and rows.
public struct ViewTable: Sendable, Equatable {
    /// The view's name, e.g. `launches`.
    public let name: String
    /// The columns, in display order.
    public let columns: [ViewColumn]
    /// The rows, in display order.
    public let rows: [ViewRow]

    /// A table; see the properties.
    public init(name: String, columns: [ViewColumn], rows: [ViewRow]) {
        self.name = name
        self.columns = columns
        self.rows = rows
    }
}
