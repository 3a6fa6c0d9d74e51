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
