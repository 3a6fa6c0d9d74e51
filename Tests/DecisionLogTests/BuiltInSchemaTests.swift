import DecisionLog
import Testing

/// `Schemas/` and the Swift vocabulary agree, and the tool's compiled-in copy of `Schemas/` is exact.
struct BuiltInSchemaTests {
    static let root = Paths.join(Paths.parent(of: Paths.parent(of: Paths.parent(of: #filePath))), "Schemas")

    static var filesOnDisk: [String] {
        let types = (try? FileSystem.list(Paths.join(root, "types"))) ?? []
        let top = ((try? FileSystem.list(root)) ?? []).filter { $0.hasSuffix(".schema.json") }
        return (top + types.map { "types/\($0)" }).sorted()
    }

    @Test func theCompiledInCopyMatchesSchemasByteForByte() throws {
        #expect(BuiltInSchemas.paths.sorted() == Self.filesOnDisk, "run: python3 Tools/embed-schemas.py")
        for path in Self.filesOnDisk {
            let onDisk = String(decoding: try FileSystem.readFile(Paths.join(Self.root, path)), as: UTF8.self)
            #expect(BuiltInSchemas.text(at: path) == onDisk, "\(path) differs from the compiled-in copy; run: python3 Tools/embed-schemas.py")
        }
    }

    @Test func thereIsOneSchemaPerTypeAndVersion() {
        let registry = SchemaRegistry()
        for kind in Vocabulary.kinds {
            #expect(registry.latestVersion(of: kind.type.name) == kind.schemaVersion, "\(kind.type): the code writes v\(kind.schemaVersion)")
            for version in registry.versions(of: kind.type.name) {
                #expect(BuiltInSchemas.text(at: "types/\(kind.type.name).v\(version).schema.json") != nil)
            }
        }
        #expect(Set(registry.typeNames) == Set(Vocabulary.typeNames))
    }

    @Test(arguments: Vocabulary.typeNames)
    func theSchemaDescribesTheSwiftType(type: String) throws {
        let kind = try #require(Vocabulary.kind(named: type))
        let schema = try #require(try SchemaRegistry().schema(type))
        #expect(schema.id == SchemaIdentity.id(type, kind.schemaVersion))
        #expect(schema.title == "\(type) v\(kind.schemaVersion)")
        #expect(!(schema.description ?? "").isEmpty)
        #expect(!schema.examples.isEmpty)
        #expect(Set(schema.propertyNames) == Set(kind.fields.map(\.name)))
        #expect(Set(schema.requiredNames) == Set(kind.fields.filter(\.isRequired).map(\.name)))
        #expect(schema.source.objectValue?["x-subject-kind"]?.stringValue == kind.subjectKind)
        #expect((schema.source.objectValue?["x-requires-reason"] == true) == kind.requiresReason)
    }

    @Test(arguments: Vocabulary.typeNames)
    func everyExampleIsValidAndDecodesIntoTheSwiftType(type: String) throws {
        let schema = try #require(try SchemaRegistry().schema(type))
        for example in schema.examples {
            #expect(schema.validate(example).isEmpty, "\(type) example \(example.excerpt()): \(schema.validate(example))")
            let payload = try Vocabulary.kind(named: type)!.decode(example)
            #expect(payload.type.name == type)
            #expect(payload.json.canonicalBytes == example.canonicalBytes, "decoding and encoding changed \(example.excerpt())")
        }
    }

    @Test(arguments: Vocabulary.typeNames)
    func invalidInstancesAreRefused(type: String) throws {
        let schema = try #require(try SchemaRegistry().schema(type))
        let example = try #require(schema.examples.first?.objectValue)
        var unknown = example
        unknown["zzzz"] = 1
        #expect(!schema.validate(.object(unknown)).isEmpty, "an unknown member passed \(type)")
        if let first = schema.requiredNames.sorted().first {
            var missing = example
            missing[first] = nil
            #expect(schema.validate(.object(missing)).map(\.description).contains { $0.hasPrefix("\(first): missing") }, "\(type) without \(first)")
            var wrong = example
            wrong[first] = .array([.object([:])])
            #expect(!schema.validate(.object(wrong)).isEmpty, "\(type) with a list for \(first)")
        }
        #expect(!schema.validate(.string("not an object")).isEmpty)
    }

    /// Every payload the Swift types write — the demo's, the fixtures', the tests' — validates against its schema.
    @Test func everySwiftPayloadValidates() throws {
        let registry = SchemaRegistry()
        var payloads = (0..<80).map { Fixtures.variedDraft($0).payload }
        payloads += DecoderAgreementTests.drafts.map(\.payload)
        let fixture = Paths.join(Paths.parent(of: #filePath), "Fixtures/v1-log/events.jsonl")
        payloads += try FileSystem.readFile(fixture).split(separator: 0x0A).map { try Event(line: $0).payload }
        for payload in payloads {
            let issues = registry.validatePayload(payload.json, type: payload.type.name)
            #expect(issues.isEmpty, "\(payload.type) \(payload.json.excerpt(limit: 80)): \(issues)")
        }
        #expect(payloads.count > 150)
    }
}
