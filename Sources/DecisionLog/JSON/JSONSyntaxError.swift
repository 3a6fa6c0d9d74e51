/// Why a JSON text was refused, and where.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Byte offset of the problem in the input.
    public let offset: Int
    /// 1-based line and column (in bytes) of the problem.
    public let line: Int
    public let column: Int
    /// What is wrong, e.g. "expected ':' after an object key".
    public let message: String

    public var description: String { "line \(line), column \(column): \(message)" }
}
