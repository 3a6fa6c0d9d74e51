/// A setting value that is not valid: what is expected.
public struct SettingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong and what to give instead.
    public let message: String
    /// An error with `message`.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
