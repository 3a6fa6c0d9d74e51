import DecisionLog
import Foundation
import Testing

/// `Schemas/event.schema.json` and the Swift envelope agree: the same members, the same required ones, and
/// an example that is a genuine sealed line.
struct SchemaAgreementTests {
    static let schemaPath = Paths.join(Paths.parent(of: Paths.parent(of: Paths.parent(of: #filePath))), "Schemas/event.schema.json")

    func schema() throws -> JSONObject {
        try #require(try JSONValue.parse(FileSystem.readFile(Self.schemaPath)).objectValue)
    }

    func members(of line: [UInt8]) throws -> Set<String> {
        Set(try #require(try JSONValue.parse(line.dropLast()).objectValue).keys)
    }

    @Test func membersAndRequiredMembersMatchSealedLines() throws {
        let schema = try schema()
        let properties = Set(try #require(schema["properties"]?.objectValue).keys)
        let required = Set(try #require(schema["required"]?.arrayValue).compactMap(\.stringValue))
        var sealer = Sealer(head: .empty, recordedBy: "t")
        let minimal = sealer.seal(Fixtures.draft(.launchShipped(LaunchShipped(date: Fixtures.date("2025-09-24"))), subject: "launch/atlas"),
                                  now: Fixtures.instant("2025-09-24"))
        let full = sealer.seal(Fixtures.draft(.launchShipped(LaunchShipped(date: Fixtures.date("2025-09-24"))), subject: "launch/atlas",
                                              reason: "GA", links: [minimal.event.id]), now: Fixtures.instant("2025-09-24"))
        // A signed line has every member.
        var signed = full.event.canonicalBody
        EventLine.appendHash(full.event.hash, signature: EventSignature(events: 2, ssh: "U1NIU0lH"), toBody: &signed)
        #expect(try members(of: signed) == properties)
        #expect(try members(of: minimal.line) == required)
        #expect(schema["$schema"]?.stringValue == "https://json-schema.org/draft/2020-12/schema")
        #expect(schema["title"] != nil && schema["description"] != nil)
    }

    @Test func theExampleIsAGenuineSealedLine() throws {
        let examples = try #require(try schema()["examples"]?.arrayValue)
        #expect(!examples.isEmpty)
        for example in examples {
            let event = try Event(line: example.canonicalBytes)
            let line = event.line
            let hashes = try #require(line.dropLast().withUnsafeBytes { EventLine.hashes(of: $0) })
            #expect(hashes.stored == hashes.computed)
            #expect(hashes.stored.hex == example.objectValue?["hash"]?.stringValue)
        }
    }
}
