/// A schema that cannot be compiled, and where in it the problem is.
public struct SchemaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A JSON pointer into the schema, e.g. `#/properties/target`.
    public let location: String
    /// What is wrong.
    public let message: String

    public var description: String { "\(location): \(message)" }
}
