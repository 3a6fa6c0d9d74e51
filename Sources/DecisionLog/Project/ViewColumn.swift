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
