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
