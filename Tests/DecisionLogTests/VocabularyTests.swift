import DecisionLog
import Testing

/// Every v1 type reads its payload into typed Swift values and writes it back unchanged.
struct VocabularyTests {
    /// One realistic payload per type of the vocabulary.
    static let examples: [(type: String, payload: String)] = [
        ("goal.set", #"{"title":"Grow qualified pipeline","timeframe":"2025-Q3","owner":"Dana Reyes","metric":"metric/conversion-rate","target":4.5,"unit":"percent"}"#),
        ("goal.closed", #"{"outcome":"missed","note":"Reached 4.1%"}"#),
        ("metric.defined", #"{"name":"ARR","unit":"currency","direction":"higher","currency":"EUR"}"#),
        ("metric.target.set", #"{"target":80,"timeframe":"2025-H2"}"#),
        ("metric.recorded", #"{"value":3.1,"date":"2025-07-31","source":"HubSpot"}"#),
        ("priority.changed", #"{"framework":"rice","reach":1800,"impact":2,"confidence":80,"effort":3,"scope":"Atlas GA"}"#),
        ("launch.scheduled", #"{"name":"Atlas GA","date":"2025-09-01","scope":"SSO"}"#),
        ("launch.slipped", #"{"date":"2025-09-22","cause":"security review"}"#),
        ("launch.shipped", #"{"date":"2025-09-24"}"#),
        ("launch.cancelled", #"{}"#),
        ("owner.assigned", #"{"owner":"Priya Shah","framework":"raci","responsible":["Priya Shah"],"accountable":["Lee Park"],"consulted":["Marco Silva","Ana Costa"]}"#),
        ("decision.recorded", #"{"title":"Price per seat","status":"accepted","options":["Per seat","Usage"],"chosen":"Per seat","deciders":["Dana Reyes"],"reviewBy":"2025-10-15"}"#),
        ("decision.superseded", #"{"by":"decision/pricing-v2"}"#),
        ("agreement.recorded", #"{"parties":["Dana Reyes","Lee Park"],"objectives":["GA by September"],"timeline":"2025-Q3","resources":["6 engineers"]}"#),
        ("sync.held", #"{"kind":"weekly","attendees":["Dana Reyes","Lee Park"],"outcomes":["Messaging due"],"decisions":["decision/pricing"]}"#),
        ("event.retracted", #"{"event":"01a206d4-884f-7b66-b5ef-a82b02b3cf03"}"#),
        ("schema.registered", #"{"type":"pricing.changed","version":1,"schema":{"type":"object","required":["price"],"properties":{"price":{"type":"number"}}}}"#),
    ]

    @Test func everyTypeHasAnExample() {
        #expect(Set(Self.examples.map(\.type)) == Set(Vocabulary.typeNames))
        #expect(Vocabulary.kinds.count == 17)
    }

    @Test(arguments: examples)
    func payloadRoundTripsByteForByte(type: String, payload: String) throws {
        let kind = try #require(Vocabulary.kind(named: type))
        let json = try JSONValue.parse(payload)
        let typed = try kind.decode(json)
        #expect(typed.type.name == type)
        #expect(typed.json.canonicalBytes == json.canonicalBytes)
        #expect(try kind.decode(typed.json) == typed)
    }

    @Test func payloadsAreTyped() throws {
        let goal = try Vocabulary.kind(named: "goal.set")!.decode(JSONValue.parse(Self.examples[0].payload))
        guard case .goalSet(let set) = goal else { Issue.record("not a goal"); return }
        #expect(set.target == 4.5)
        #expect(set.unit == .percent)
        #expect(set.timeframe.span == .quarter(3))
        let rice = try Vocabulary.kind(named: "priority.changed")!.decode(JSONValue.parse(Self.examples[5].payload))
        guard case .priorityChanged(let change) = rice, case .rice(let score) = change.priority else { Issue.record("not rice"); return }
        #expect(score.score == 960)
    }

    @Test func everyFieldBecomesAnOptionName() {
        let decision = Vocabulary.kind(named: "decision.recorded")!
        #expect(decision.fields.map(\.optionName).contains("review-by"))
        for kind in Vocabulary.kinds {
            #expect(Set(kind.fields.map(\.name)).count == kind.fields.count, "duplicate field in \(kind.type)")
        }
    }
}
