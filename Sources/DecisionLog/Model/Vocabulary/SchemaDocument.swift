/// A JSON Schema held in a payload: any JSON object.
public struct SchemaDocument: PayloadValue {
    /// An object.
    public static var shape: FieldShape { .object }
    /// The empty object.
    public static var placeholder: SchemaDocument { SchemaDocument(object: .object([:])) }
    /// The schema as it is written.
    public let json: JSONValue

    /// Takes `object` as it is (compiling it is the registration's check, not the reader's).
    public init(object: JSONValue) { json = object }

    /// Reads a schema; throws unless `json` is an object.
    public init(json: JSONValue) throws(FieldProblem) {
        guard case .object = json else { throw .expected(.object, got: json) }
        self.json = json
    }
}
