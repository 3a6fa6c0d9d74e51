/// A JSON Schema (draft 2020-12), compiled for validating drafts: references resolved, patterns compiled.
///
/// Supports the keywords the log's schemas use: `type`, `required`, `properties`, `additionalProperties`,
/// `enum`, `const`, `pattern`, `format` (`date`, `date-time`, `uuid`), `minimum`, `maximum`,
/// `exclusiveMinimum`, `exclusiveMaximum`, `minLength`, `maxLength`, `items`, `minItems`, `maxItems`, `oneOf`,
/// `anyOf`, `allOf`, `$ref` (within the document), `$defs`, and boolean schemas; annotations (`$schema`,
/// `$id`, `title`, `description`, `examples`, `default`, `$comment`, and `x-…` extensions) are kept or
/// ignored. Any other keyword is refused when compiling, so a misspelt one cannot silently check nothing.
///
/// Compiling refuses what could make validating a draft slow or crash the tool, since a schema may come from a
/// teammate through git: a `pattern` outside the linear-time syntax of `Pattern`, and references that loop
/// without descending into the value or unfold too far (see `SchemaCompiler.checkUnfolding`).
public final class JSONSchema {
    /// The schema's JSON, as given.
    public let source: JSONValue
    /// The root of the compiled tree.
    let root: SchemaNode

    /// Compiles `source`; throws `SchemaError` naming the first problem and where it is.
    public init(_ source: JSONValue) throws(SchemaError) {
        self.source = source
        var compiler = SchemaCompiler(document: source)
        root = try compiler.compile(source, at: "#")
        try compiler.resolveReferences()
        isRecursive = try compiler.checkUnfolding(from: root)
    }

    /// Whether a reference leads back to a schema through the value's structure (a tree of values), so that
    /// validation checks each part of a value against each schema once (see `SchemaValidator`).
    let isRecursive: Bool
    /// The most subschemas a schema may unfold to, following every reference as if written out in place.
    public static let maximumExpandedSize = 10_000
    /// The most schemas (through `$ref`, `allOf`, `anyOf`, `oneOf`) that may apply to one value in a row.
    public static let maximumChain = 16
    /// The most pattern steps a schema may hold, every reference written out: what one character of a text
    /// costs to check against all of them, at most.
    public static let maximumPatternSteps = 20_000

    /// The `$id`, when the schema has one.
    public var id: String? { source.objectValue?["$id"]?.stringValue }
    /// The `title`, when the schema has one.
    public var title: String? { source.objectValue?["title"]?.stringValue }
    /// The `description`, when the schema has one.
    public var description: String? { source.objectValue?["description"]?.stringValue }
    /// The `examples`, when the schema has any.
    public var examples: [JSONValue] { source.objectValue?["examples"]?.arrayValue ?? [] }
    /// The top-level `properties` names, in no particular order.
    public var propertyNames: [String] { Array(root.properties.keys) }
    /// The top-level `required` names.
    public var requiredNames: [String] { root.required }
}
