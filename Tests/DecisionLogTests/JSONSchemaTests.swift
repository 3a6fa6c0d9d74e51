import DecisionLog
import Foundation
import Testing

/// Our JSON Schema validator against a table of cases per keyword, in the shape of JSON-Schema-Test-Suite.
struct JSONSchemaTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let keyword: String
        let schema: JSONValue
        let data: JSONValue
        let valid: Bool
        let message: String?
        let count: Int?
        var testDescription: String { "\(keyword): \(data.excerpt(limit: 50))" }
    }

    static let cases: [Case] = {
        let path = Paths.join(Paths.parent(of: #filePath), "Fixtures/schema-keywords.json")
        let groups = try! JSONValue.parse(FileSystem.readFile(path)).arrayValue!
        return groups.flatMap { group -> [Case] in
            let g = group.objectValue!
            return g["tests"]!.arrayValue!.map { test in
                let t = test.objectValue!
                return Case(keyword: g["keyword"]!.stringValue!, schema: g["schema"]!, data: t["data"]!, valid: t["valid"] == true,
                            message: t["message"]?.stringValue, count: t["count"]?.numberValue.map(Int.init))
            }
        }
    }()

    @Test func theTableCoversEveryKeywordTheLogUses() {
        let keywords = Set(Self.cases.map { $0.keyword.split(separator: " ").first.map(String.init)! })
        for keyword in ["type", "required", "properties", "additionalProperties", "enum", "const", "pattern", "format",
                        "minimum", "minLength", "items", "minItems", "oneOf", "anyOf", "allOf", "$ref"] {
            #expect(keywords.contains(keyword), "no cases for \(keyword)")
        }
        #expect(Self.cases.count >= 60)
    }

    @Test(arguments: cases)
    func validatesAsTheTableSays(_ testCase: Case) throws {
        let schema = try JSONSchema(testCase.schema)
        let issues = schema.validate(testCase.data)
        #expect(issues.isEmpty == testCase.valid, "\(issues)")
        if let message = testCase.message {
            #expect(issues.first?.description == message, "\(issues)")
        }
        if let count = testCase.count { #expect(issues.count == count, "\(issues)") }
    }

    @Test func everyProblemIsReportedWithItsPath() throws {
        let schema = try JSONSchema(.object([
            "type": "object", "required": ["title", "timeframe"], "additionalProperties": false,
            "properties": ["title": ["type": "string", "minLength": 1], "timeframe": ["type": "string"],
                           "target": ["type": "number"], "unit": ["enum": ["percent", "count"]], "owners": ["type": "array", "items": ["type": "string"]]],
        ]))
        let issues = schema.validate(try JSONValue.parse(#"{"title":"","target":"fast","unit":"pct","owners":["A",2],"extra":1}"#),
                                     path: "payload", subject: "goal.set")
        #expect(issues.map(\.description) == [
            "payload.timeframe: missing; expected a text",
            "payload.extra: not a field of goal.set",
            "payload.owners[1]: expected a text, got 2",
            "payload.target: expected a number, got \"fast\"",
            "payload.title: must not be empty",
            "payload.unit: expected one of percent, count, got \"pct\"",
        ])
    }

    @Test(arguments: [
        (#"{"type": "number", "minimun": 0}"#, "#/minimun", "the keyword \"minimun\" is not supported; did you mean \"minimum\"?"),
        (##"{"properties": {"a": {"$ref": "#/$defs/missing"}}}"##, "#/properties/a/$ref", "nothing at \"#/$defs/missing\""),
        (##"{"$ref": "https://example.com/other.json"}"##, "#/$ref", "only references within the document"),
        (#"{"pattern": "(unclosed"}"#, "#/pattern", "not a regular expression decisionlog can use: the group opened here is not closed"),
        (#"{"type": "text"}"#, "#/type", "unknown type \"text\""),
        (#"[1]"#, "#", "a schema must be an object or a boolean"),
    ])
    func malformedSchemasAreRefusedWithTheirLocation(schema: String, location: String, message: String) throws {
        #expect {
            try JSONSchema(JSONValue.parse(schema))
        } throws: { error in
            guard let error = error as? SchemaError else { return false }
            return error.location == location && error.message.contains(message)
        }
    }
}

/// Schemas a teammate could register to hang or crash everyone's `add`: refused when compiled (by `schema add`,
/// and by a merge that brings them in), with the place and the reason.
struct HostileSchemaTests {
    /// `$defs` each referring to the one before `width` times: width^depth checks of one value.
    static func multiplying(_ width: Int, _ depth: Int) -> String {
        var defs = [##""d0": {"type": "number"}"##]
        for level in 1...depth {
            let references = Array(repeating: ##"{"$ref": "#/$defs/d\##(level - 1)"}"##, count: width).joined(separator: ", ")
            defs.append(##""d\##(level)": {"allOf": [\##(references)]}"##)
        }
        return ##"{"type": "object", "properties": {"a": {"$ref": "#/$defs/d\##(depth)"}}, "$defs": {\##(defs.joined(separator: ", "))}}"##
    }

    /// A chain of `$defs` each referring to the next: one value checked `length` schemas deep.
    static func chain(_ length: Int) -> String {
        let defs = (0..<length).map { ##""c\##($0)": {"$ref": "#/$defs/c\##($0 + 1)"}"## } + [##""c\##(length)": {"type": "string"}"##]
        return ##"{"type": "object", "properties": {"a": {"$ref": "#/$defs/c0"}}, "$defs": {\##(defs.joined(separator: ", "))}}"##
    }

    @Test(arguments: [
        (##"{"$ref": "#"}"##, "leads back to this schema without descending into the value"),
        (##"{"allOf": [{"$ref": "#/$defs/a"}], "$defs": {"a": {"anyOf": [{"$ref": "#/$defs/b"}]}, "b": {"$ref": "#/$defs/a"}}}"##, "without descending"),
        // A loop reached first through a property (a descent), then again without one.
        (##"{"type":"object","properties":{"x":{"$ref":"#/$defs/J"}},"allOf":[{"$ref":"#/$defs/J"}],"$defs":{"J":{"$ref":"#"}}}"##, "without descending"),
        (multiplying(4, 7), "unfold to more than 10000 schemas"),
        (chain(40), "more than 16 schemas in a row"),
        (#"{"type": "object", "properties": {"note": {"type": "string", "pattern": "^(a)\\1$"}}}"#, "backreferences"),
        // Patterns small on their own, but many of them on one value.
        ("{\"type\": \"string\", \"allOf\": [" + Array(repeating: #"{"pattern": "(?:[^x]{0,1000}){2}y"}"#, count: 20).joined(separator: ", ") + "]}", "patterns, with every reference written out, add up to more than 20000 steps"),
    ])
    func isRefusedWhenCompiled(schema: String, message: String) throws {
        #expect {
            try JSONSchema(JSONValue.parse(schema))
        } throws: { error in
            (error as? SchemaError)?.message.contains(message) == true
        }
    }

    /// A tree of values (a recursive schema) with a choice at every level: checked once per part of the value
    /// and schema, not once per path through the choices (2^64 at the deepest a value can nest).
    @Test(.timeLimit(.minutes(1))) func aRecursiveSchemaWithChoicesChecksEachPartOnce() throws {
        let schema = try JSONSchema(JSONValue.parse(##"{"anyOf": [{"type": "array", "items": {"$ref": "#"}}, {"type": "array", "items": {"$ref": "#"}, "minItems": 1}, {"type": "number"}]}"##))
        var deep = "1"
        for _ in 0..<(JSONValue.maximumDepth - 1) { deep = "[\(deep), \(deep.count < 200 ? deep : "2")]" }
        #expect(schema.validate(try JSONValue.parse(deep)).isEmpty)
        #expect(!schema.validate(try JSONValue.parse(deep.replacingOccurrences(of: "2", with: "\"x\""))).isEmpty)
        #expect(try JSONSchema(JSONValue.parse(Self.multiplying(2, 6))).validate(["a": 1]).isEmpty)
        #expect(try JSONSchema(JSONValue.parse(Self.chain(10))).validate(["a": 1]).count >= 1)
    }
}
