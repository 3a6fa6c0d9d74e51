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

/// A schema that cannot be compiled, and where in it the problem is.
public struct SchemaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A JSON pointer into the schema, e.g. `#/properties/target`.
    public let location: String
    /// What is wrong.
    public let message: String

    public var description: String { "\(location): \(message)" }
}

/// JSON's value kinds, as `type` names them.
enum JSONKind: String, CaseIterable {
    case null, boolean, object, array, number, integer, string

    /// Whether `value` is of this kind (an integral number is also an integer).
    func admits(_ value: JSONValue) -> Bool {
        switch (self, value) {
        case (.null, .null), (.boolean, .bool), (.object, .object), (.array, .array), (.number, .number), (.string, .string): true
        case (.integer, .number(let n)): n == n.rounded() && n.isFinite
        default: false
        }
    }
}

/// One compiled (sub)schema.
final class SchemaNode {
    /// For boolean schemas: `true` admits anything, `false` nothing.
    var constant: Bool? = nil
    var types: [JSONKind]? = nil
    var properties: [String: SchemaNode] = [:]
    var required: [String] = []
    /// nil: any extra member; a node: extra members must match it.
    var additionalProperties: SchemaNode? = nil
    var enumValues: [JSONValue]? = nil
    var constValue: JSONValue? = nil
    var pattern: Pattern? = nil
    var format: String? = nil
    var minimum: Double? = nil
    var maximum: Double? = nil
    var exclusiveMinimum: Double? = nil
    var exclusiveMaximum: Double? = nil
    var minLength: Int? = nil
    var maxLength: Int? = nil
    var items: SchemaNode? = nil
    var minItems: Int? = nil
    var maxItems: Int? = nil
    var oneOf: [SchemaNode]? = nil
    var anyOf: [SchemaNode]? = nil
    var allOf: [SchemaNode]? = nil
    /// `$ref` as written, and the node it names once resolved.
    var reference: String? = nil
    var referenced: SchemaNode? = nil
    /// `x-expected`: how to say what this schema wants, in messages ("a subject such as launch/atlas").
    var expected: String? = nil

    /// The schemas the validator may check a value against from here, each with whether it applies to a
    /// part of the value (a member or an item) rather than the value itself.
    var children: [(node: SchemaNode, descends: Bool)] {
        var nodes = properties.values.map { ($0, true) }
        for node in [additionalProperties, items] { if let node { nodes.append((node, true)) } }
        if let referenced { nodes.append((referenced, false)) }
        for list in [oneOf, anyOf, allOf] { nodes += (list ?? []).map { ($0, false) } }
        return nodes
    }
}

/// Turns schema JSON into `SchemaNode`s.
struct SchemaCompiler {
    let document: JSONValue
    private var unresolved: [(node: SchemaNode, location: String)] = []

    static let annotations: Set<String> = ["$schema", "$id", "title", "description", "examples", "default", "$comment", "$defs", "definitions"]

    init(document: JSONValue) { self.document = document }

    mutating func compile(_ value: JSONValue, at location: String) throws(SchemaError) -> SchemaNode {
        let node = SchemaNode()
        if case .bool(let b) = value {
            node.constant = b
            return node
        }
        guard case .object(let members) = value else {
            throw SchemaError(location: location, message: "a schema must be an object or a boolean, got \(value.kindName)")
        }
        func fail(_ key: String, _ message: String) -> SchemaError { SchemaError(location: "\(location)/\(key)", message: message) }
        func number(_ key: String) throws(SchemaError) -> Double? {
            guard let v = members[key] else { return nil }
            guard case .number(let n) = v else { throw fail(key, "expected a number") }
            return n
        }
        func count(_ key: String) throws(SchemaError) -> Int? {
            guard let v = members[key] else { return nil }
            guard case .number(let n) = v, n >= 0, n == n.rounded() else { throw fail(key, "expected a non-negative integer") }
            return Int(n)
        }
        func subschemas(_ key: String) throws(SchemaError) -> [SchemaNode]? {
            guard let v = members[key] else { return nil }
            guard case .array(let items) = v, !items.isEmpty else { throw fail(key, "expected a non-empty array of schemas") }
            var nodes: [SchemaNode] = []
            for (i, item) in items.enumerated() { nodes.append(try compile(item, at: "\(location)/\(key)/\(i)")) }
            return nodes
        }
        for key in members.keys.sorted() where !SchemaCompiler.known.contains(key) && !SchemaCompiler.annotations.contains(key) && !key.hasPrefix("x-") {
            let hint = NearestName.suggestion(for: key, among: SchemaCompiler.known).map { "; did you mean \"\($0)\"?" } ?? ""
            throw fail(key, "the keyword \"\(key)\" is not supported\(hint) (supported: \(SchemaCompiler.known.sorted().joined(separator: ", ")))")
        }
        switch members["type"] {
        case nil: break
        case .string(let name)?:
            guard let kind = JSONKind(rawValue: name) else { throw fail("type", "unknown type \"\(name.quotedForMessage)\"") }
            node.types = [kind]
        case .array(let names)?:
            var kinds: [JSONKind] = []
            for name in names {
                guard case .string(let text) = name, let kind = JSONKind(rawValue: text) else { throw fail("type", "expected type names") }
                kinds.append(kind)
            }
            node.types = kinds
        default: throw fail("type", "expected a type name or an array of them")
        }
        if let props = members["properties"] {
            guard case .object(let entries) = props else { throw fail("properties", "expected an object") }
            for (name, schema) in entries { node.properties[name] = try compile(schema, at: "\(location)/properties/\(name)") }
        }
        if let req = members["required"] {
            guard case .array(let names) = req else { throw fail("required", "expected an array of names") }
            node.required = try names.map { (name: JSONValue) throws(SchemaError) -> String in
                guard case .string(let text) = name else { throw fail("required", "expected an array of names") }
                return text
            }
        }
        if let extra = members["additionalProperties"] { node.additionalProperties = try compile(extra, at: "\(location)/additionalProperties") }
        if let values = members["enum"] {
            guard case .array(let items) = values, !items.isEmpty else { throw fail("enum", "expected a non-empty array") }
            node.enumValues = items
        }
        node.constValue = members["const"]
        if let pattern = members["pattern"] {
            guard case .string(let text) = pattern else { throw fail("pattern", "expected a regular expression") }
            do throws(PatternError) { node.pattern = try Pattern(text) } catch {
                throw fail("pattern", "not a regular expression decisionlog can use: \(error)")
            }
        }
        if let format = members["format"] {
            guard case .string(let text) = format else { throw fail("format", "expected a format name") }
            node.format = text
        }
        node.minimum = try number("minimum")
        node.maximum = try number("maximum")
        node.exclusiveMinimum = try number("exclusiveMinimum")
        node.exclusiveMaximum = try number("exclusiveMaximum")
        node.minLength = try count("minLength")
        node.maxLength = try count("maxLength")
        node.minItems = try count("minItems")
        node.maxItems = try count("maxItems")
        if let items = members["items"] { node.items = try compile(items, at: "\(location)/items") }
        node.oneOf = try subschemas("oneOf")
        node.anyOf = try subschemas("anyOf")
        node.allOf = try subschemas("allOf")
        if let ref = members["$ref"] {
            guard case .string(let text) = ref else { throw fail("$ref", "expected a reference such as #/$defs/name") }
            node.reference = text
            unresolved.append((node, "\(location)/$ref"))
        }
        if let defs = members["$defs"] ?? members["definitions"] {
            guard case .object(let entries) = defs else { throw fail("$defs", "expected an object of schemas") }
            for (name, schema) in entries { _ = try compile(schema, at: "\(location)/$defs/\(name)") }
        }
        node.expected = members["x-expected"]?.stringValue
        compiled[location] = node
        return node
    }

    /// Every node compiled so far, by its JSON pointer (for resolving `$ref`).
    private var compiled: [String: SchemaNode] = [:]

    mutating func resolveReferences() throws(SchemaError) {
        for (node, location) in unresolved {
            let reference = node.reference!
            guard reference == "#" || reference.hasPrefix("#/") else {
                throw SchemaError(location: location, message: "only references within the document (#/…) are supported, got \"\(reference)\"")
            }
            let pointer = reference == "#" ? "#" : "#" + String(reference.dropFirst()).replacingAll("definitions", with: "$defs")
            guard let target = compiled[pointer] ?? compiled[String(reference)] else {
                throw SchemaError(location: location, message: "nothing at \"\(reference)\"")
            }
            node.referenced = target
        }
    }

    /// Refuses a schema that could make validating a draft never end, take exponential time or exhaust the
    /// stack (schemas may come from a teammate): a `$ref` that leads back to its own schema without
    /// descending into the value (through `properties`, `additionalProperties` or `items`), more than
    /// `JSONSchema.maximumExpandedSize` schemas or `JSONSchema.maximumPatternSteps` pattern steps once every
    /// reference is written out in place, or more than `JSONSchema.maximumChain` schemas in a row (through
    /// `$ref`, `allOf`, `anyOf`, `oneOf`) applying to one value. Returns whether the schema is recursive (a reference leads back through the value's
    /// structure: a tree), which validation then memoizes.
    func checkUnfolding(from root: SchemaNode) throws(SchemaError) -> Bool {
        var locations: [ObjectIdentifier: String] = [:]
        for (location, node) in compiled { locations[ObjectIdentifier(node)] = location }
        func location(_ node: SchemaNode) -> String { locations[ObjectIdentifier(node)] ?? "#" }

        // Along the edges that apply a schema to the same value ($ref, allOf, anyOf, oneOf) there must be no
        // cycle, and no chain longer than `maximumChain`: a depth-first search that colours each schema.
        var chains: [ObjectIdentifier: Int] = [:]
        var open: Set<ObjectIdentifier> = []
        func chain(_ node: SchemaNode) throws(SchemaError) -> Int {
            let id = ObjectIdentifier(node)
            if let known = chains[id] { return known }
            guard open.insert(id).inserted else {
                throw SchemaError(location: location(node), message: "a $ref leads back to this schema without descending into the value, so checking would never end")
            }
            var longest = 0
            for (child, descends) in node.children where !descends { longest = max(longest, try chain(child) + 1) }
            open.remove(id)
            guard longest <= JSONSchema.maximumChain else {
                throw SchemaError(location: location(node), message: "more than \(JSONSchema.maximumChain) schemas in a row ($ref, allOf, anyOf, oneOf) apply to one value here; flatten it")
            }
            chains[id] = longest
            return longest
        }

        // Along every edge: how many schemas the references unfold to, and how many pattern steps they hold (a
        // reference back to a schema being unfolded — a recursion through the value's structure — counts once),
        // and whether there is such a recursion.
        var sizes: [ObjectIdentifier: (schemas: Int, steps: Int)] = [:]
        var unfolding: Set<ObjectIdentifier> = []
        var isRecursive = false
        func size(_ node: SchemaNode) throws(SchemaError) -> (schemas: Int, steps: Int) {
            let id = ObjectIdentifier(node)
            if let known = sizes[id] { return known }
            guard unfolding.insert(id).inserted else {
                isRecursive = true
                return (1, 0)
            }
            _ = try chain(node)
            var total = (schemas: 1, steps: node.pattern?.size ?? 0)
            for (child, _) in node.children {
                let inner = try size(child)
                total = (min(total.schemas + inner.schemas, Int.max / 2), min(total.steps + inner.steps, Int.max / 2))
            }
            unfolding.remove(id)
            guard total.schemas <= JSONSchema.maximumExpandedSize else {
                throw SchemaError(location: location(node), message: "its references unfold to more than \(JSONSchema.maximumExpandedSize) schemas, which would take too long to check; refer to each definition fewer times")
            }
            guard total.steps <= JSONSchema.maximumPatternSteps else {
                throw SchemaError(location: location(node), message: "its patterns, with every reference written out, add up to more than \(JSONSchema.maximumPatternSteps) steps, which would make checking a text slow; use fewer or simpler patterns")
            }
            sizes[id] = total
            return total
        }
        _ = try size(root)
        return isRecursive
    }

    static let known: Set<String> = [
        "type", "required", "properties", "additionalProperties", "enum", "const", "pattern", "format", "minimum",
        "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "items", "minItems", "maxItems",
        "oneOf", "anyOf", "allOf", "$ref",
    ]
}
