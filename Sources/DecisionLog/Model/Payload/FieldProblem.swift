/// Why one value does not fit its field: a message and, inside lists, the element's index path.
public struct FieldProblem: Error, Sendable {
    /// Appended to the field's path, e.g. `[2]`.
    public var subpath: String
    /// What is wrong, e.g. `expected a number, got "fast"`.
    public var message: String

    /// A problem with the value itself.
    public init(_ message: String, subpath: String = "") {
        self.message = message
        self.subpath = subpath
    }

    /// The usual message: what was expected and what was given.
    public static func expected(_ shape: FieldShape, got value: JSONValue, because detail: String? = nil) -> FieldProblem {
        let got = value.kindName == "a string" || value.kindName == "a number" || value.kindName == "a boolean" || value == .null
            ? value.excerpt() : value.kindName
        return FieldProblem("expected \(shape.expectation), got \(got)" + (detail.map { ": " + $0 } ?? ""))
    }
}
