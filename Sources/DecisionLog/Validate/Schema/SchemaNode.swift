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
