/// A CSV header that does not say what its columns hold: every problem, one a line.
public struct CSVHeaderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with the header, and what to do, one problem each.
    public let problems: [String]

    public var description: String { problems.joined(separator: "; ") }
}
