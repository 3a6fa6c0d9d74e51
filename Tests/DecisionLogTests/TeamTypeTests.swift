import DecisionLog
import Testing

/// Team-defined types: registering a schema (and its next versions), validating drafts against it, storing
/// and reading such events, and the fields view.
struct TeamTypeTests {
    static let pricingV1: JSONValue = try! JSONValue.parse(#"""
    {"$id":"urn:decisionlog:type:pricing.changed:1","title":"pricing.changed v1","description":"A plan's list price changed.",
     "x-subject-kind":"plan","x-requires-reason":true,"type":"object","required":["price","currency"],"additionalProperties":false,
     "properties":{"price":{"type":"number","minimum":0},"currency":{"type":"string","pattern":"^[A-Z]{3}$"},"annual":{"type":"boolean"}},
     "examples":[{"price":49,"currency":"EUR"}]}
    """#)

    static let pricingV2: JSONValue = try! JSONValue.parse(#"""
    {"type":"object","x-subject-kind":"plan","required":["price","currency"],"additionalProperties":false,
     "properties":{"price":{"type":"number"},"currency":{"type":"string"},"seats":{"type":"integer","minimum":1}}}
    """#)

    static func registration(_ schema: JSONValue, type: String = "pricing.changed", version: Int = 1) -> EventDraft {
        var draft = EventDraft(type: "schema.registered", payload: ["type": .string(type), "version": .number(Double(version)), "schema": schema])
        draft.set("subject", .string("schema/\(type)"))
        draft.setActor(name: "Dana Reyes", role: "CMO")
        return draft
    }

    static func pricing(_ payload: JSONObject, subject: String = "plan/pro", reason: String? = "Q4 increase") -> EventDraft {
        var draft = EventDraft(type: "pricing.changed", payload: payload)
        draft.set("subject", .string(subject))
        if let reason { draft.set("reason", .string(reason)) }
        draft.setActor(name: "Dana Reyes", role: "CMO")
        return draft
    }

    static let context = DraftContext(now: Fixtures.instant("2025-09-01"), timeZone: .utc)

    static func problems(_ draft: EventDraft, _ schemas: SchemaRegistry) -> [String] {
        do { _ = try draft.validated(in: context, schemas: schemas); return [] } catch { return error.issues.map(\.description) }
    }

    /// A store with pricing.changed v1 registered.
    static func registeredStore(in folder: TemporaryFolder) throws -> FileEventStore {
        let store = try Fixtures.log(in: folder, events: 2)
        let draft = try registration(pricingV1).validated(in: context, schemas: try store.schemaRegistry())
        _ = try store.append(AppendRequest(drafts: [draft], recordedBy: "t"))
        return store
    }

    // MARK: registering

    /// What the log says when asked to append `draft` (validated against its schemas), or nil when it takes it.
    static func refusal(_ draft: EventDraft, by store: FileEventStore) throws -> String? {
        let validated = try draft.validated(in: context, schemas: try store.schemaRegistry())
        do { _ = try store.append(AppendRequest(drafts: [validated], recordedBy: "t")); return nil } catch { return error.message }
    }

    @Test func aNewTypeStartsAtVersionOneAndGrowsOneVersionAtATime() throws {
        let folder = TemporaryFolder()
        let store = try Self.registeredStore(in: folder)
        let schemas = try store.schemaRegistry()
        #expect(schemas.teamTypes == ["pricing.changed"])
        #expect(schemas.versions(of: "pricing.changed") == [1])
        #expect(schemas.registration("pricing.changed", version: 1)?.stamp?.seq == 3)
        let before = Fixtures.eventBytes(folder)
        #expect(try Self.refusal(Self.registration(Self.pricingV2, version: 3), by: store)
                == "payload.version: pricing.changed has versions up to v1; register v2 next, not v3")
        #expect(try Self.refusal(Self.registration(Self.pricingV2, type: "deal.won", version: 2), by: store)
                == "payload.version: deal.won has no version yet; register v1 next, not v2")
        #expect(Fixtures.eventBytes(folder) == before)
        #expect(try Self.refusal(Self.registration(Self.pricingV2, version: 2), by: store) == nil)
        #expect(try store.schemaRegistry().versions(of: "pricing.changed") == [1, 2])
    }

    @Test func aRegisteredVersionNeverChanges() throws {
        let folder = TemporaryFolder()
        let store = try Self.registeredStore(in: folder)
        let before = Fixtures.eventBytes(folder)
        #expect(try Self.refusal(Self.registration(Self.pricingV1), by: store)
                == "payload.version: pricing.changed v1 is already registered by #3, with this same schema; nothing to record")
        let changed = Self.pricingV2.objectValue!.merging(["$id": .string("urn:decisionlog:type:pricing.changed:1")]) { $1 }
        #expect(try Self.refusal(Self.registration(.object(changed)), by: store)
                == "payload.version: pricing.changed v1 is already registered by #3 with a different schema, and a registered version never changes; register this one as v2")
        #expect(Fixtures.eventBytes(folder) == before)
    }

    @Test(arguments: [
        ("goal.set", #"{"type":"object"}"#, "payload.type: goal.set is a built-in type; a built-in type name cannot be redefined"),
        ("Pricing", #"{"type":"object"}"#, "payload.type: expected a type name in lowercase noun.verb form, e.g. pricing.changed, got \"Pricing\""),
        ("pricing.changed", #"{"type":"object","properties":{"a":{"type":"strin"}}}"#, "payload.schema: not a schema decisionlog can use: at #/properties/a/type, unknown type \"strin\""),
        ("pricing.changed", #"{"type":"object","propertys":{}}"#, "payload.schema: not a schema decisionlog can use: at #/propertys, the keyword \"propertys\" is not supported; did you mean \"properties\"? (supported: $ref, additionalProperties, allOf, anyOf, const, enum, exclusiveMaximum, exclusiveMinimum, format, items, maxItems, maxLength, maximum, minItems, minLength, minimum, oneOf, pattern, properties, required, type)"),
        ("pricing.changed", #"{"type":"array"}"#, "payload.schema.type: an event type's payload is an object: the schema's root needs \"type\": \"object\""),
        ("pricing.changed", #"{"$id":"urn:decisionlog:type:pricing.changed:2","type":"object"}"#, "payload.schema.$id: is \"urn:decisionlog:type:pricing.changed:2\" but the schema is registered as pricing.changed v1; use \"urn:decisionlog:type:pricing.changed:1\" or leave $id out"),
        ("pricing.changed", #"{"type":"object","x-subject-kind":"Plan/x"}"#, "payload.schema.x-subject-kind: expected the kind of subject the type is about, e.g. \"plan\" (for plan/pro), got \"Plan/x\""),
        ("pricing.changed", #"{"type":"object","x-requires-reason":"yes"}"#, "payload.schema.x-requires-reason: expected true or false, got \"yes\""),
        ("pricing.changed", #"{"type":"object","properties":{"price":{"type":"number"}},"examples":[{"price":"49"}]}"#, "payload.schema.examples[0].price: expected a number, got \"49\""),
    ])
    func aBadRegistrationIsRefused(type: String, schema: String, message: String) throws {
        let problems = Self.problems(Self.registration(try JSONValue.parse(schema), type: type), SchemaRegistry())
        #expect(problems.contains(message), "got \(problems)")
    }

    @Test func aRegistrationIsAboutTheSchemaItDefines() {
        var draft = Self.registration(Self.pricingV1)
        draft.set("subject", .string("schema/other.type"))
        #expect(Self.problems(draft, SchemaRegistry())
                == ["subject: a schema.registered event is about the type it defines: expected schema/pricing.changed, got schema/other.type"])
        draft.set("subject", .string("plan/pro"))
        #expect(Self.problems(draft, SchemaRegistry()).first?.hasPrefix("subject: a schema.registered event is about a schema") == true)
    }

    // MARK: validating drafts of a team type

    @Test func aTeamDraftIsCheckedAgainstItsSchemaAndEveryProblemIsReported() throws {
        let folder = TemporaryFolder()
        let schemas = try Self.registeredStore(in: folder).schemaRegistry()
        var draft = Self.pricing(["price": "fast", "currency": "eur", "annual": "yes", "plan": "pro"], subject: "goal/x", reason: nil)
        draft.set("effectiveAt", "2025-02-30")
        #expect(Self.problems(draft, schemas) == [
            "subject: a pricing.changed event is about a plan: expected a subject such as plan/name, got \"goal/x\"",
            "effectiveAt: expected a date or date-time, got \"2025-02-30\": day 30 is not between 1 and 28 for that month",
            "reason: missing; a pricing.changed event must say why (--reason)",
            "payload.annual: expected true or false, got \"yes\"",
            "payload.currency: expected a text matching ^[A-Z]{3}$, got \"eur\"",
            "payload.plan: not a field of pricing.changed",
            "payload.price: expected a number, got \"fast\"",
        ])
        let valid = try Self.pricing(["price": 49, "currency": "EUR"]).validated(in: Self.context, schemas: schemas)
        #expect(valid.payload == .custom(CustomPayload(type: "pricing.changed", version: 1, fields: ["price": 49, "currency": "EUR"])))
    }

    @Test func anUnregisteredTypeIsUnknownWithAHint() throws {
        let folder = TemporaryFolder()
        let schemas = try Self.registeredStore(in: folder).schemaRegistry()
        var draft = Self.pricing(["price": 49, "currency": "EUR"])
        draft.set("type", "pricing.chanegd")
        #expect(Self.problems(draft, schemas) == [#"type: unknown event type "pricing.chanegd"; did you mean "pricing.changed"?"#])
        #expect(Self.problems(Self.pricing(["price": 49, "currency": "EUR"]), SchemaRegistry()).first?.hasPrefix("type: unknown event type \"pricing.changed\"") == true)
    }

    @Test func newEventsFollowTheLatestVersionAndEarlierOnesKeepTheirs() throws {
        let folder = TemporaryFolder()
        let store = try Self.registeredStore(in: folder)
        let v1 = try Self.pricing(["price": 49, "currency": "EUR", "annual": true]).validated(in: Self.context, schemas: try store.schemaRegistry())
        _ = try store.append(AppendRequest(drafts: [v1], recordedBy: "t"))
        let v2 = try Self.registration(Self.pricingV2, version: 2).validated(in: Self.context, schemas: try store.schemaRegistry())
        _ = try store.append(AppendRequest(drafts: [v2], recordedBy: "t"))
        let schemas = try store.schemaRegistry()
        #expect(Self.problems(Self.pricing(["price": 59, "currency": "EUR", "annual": true]), schemas) == ["payload.annual: not a field of pricing.changed"])
        let next = try Self.pricing(["price": 59, "currency": "EUR", "seats": 5]).validated(in: Self.context, schemas: schemas)
        _ = try store.append(AppendRequest(drafts: [next], recordedBy: "t"))
        let events = try store.events(matching: .seq(4)) + store.events(matching: .seq(6))
        #expect(events.map(\.schemaVersion) == [1, 2])
        #expect(events.map(\.type.name) == ["pricing.changed", "pricing.changed"])
        guard case .success = Fixtures.verify(folder) else { Issue.record("the log does not verify"); return }
    }

    // MARK: the log's own checks

    @Test func theLogRefusesAnEventOfATypeItNeverRegistered() throws {
        let folder = TemporaryFolder()
        let store = try Fixtures.log(in: folder, events: 2)
        let before = Fixtures.eventBytes(folder)
        let unregistered = Fixtures.draft(.custom(CustomPayload(type: "pricing.changed", version: 1, fields: ["price": 49])), subject: "plan/pro")
        #expect(throws: LogError.self) { try store.append(AppendRequest(drafts: [unregistered], recordedBy: "t")) }
        do { _ = try store.append(AppendRequest(drafts: [unregistered], recordedBy: "t")) } catch {
            #expect(error.code == .rejectedDraft)
            #expect(error.message == "type: pricing.changed v1 is not registered in this log; register its schema first ('decisionlog schema add FILE')")
        }
        #expect(Fixtures.eventBytes(folder) == before)
    }

    @Test func aBatchMayRegisterATypeAndThenUseIt() throws {
        let folder = TemporaryFolder()
        let store = try Fixtures.log(in: folder, events: 1)
        let schemas = try store.schemaRegistry()
        let registering = try Self.registration(Self.pricingV1).validated(in: Self.context, schemas: schemas)
        schemas.register(SchemaRegistration(SchemaRegistered(type: "pricing.changed", version: 1, schema: Self.pricingV1), stamp: nil))
        let using = try Self.pricing(["price": 49, "currency": "EUR"]).validated(in: Self.context, schemas: schemas)
        let receipt = try store.append(AppendRequest(drafts: [registering, using], recordedBy: "t"))
        #expect(receipt.appended.map(\.type.name) == ["schema.registered", "pricing.changed"])
        // The same pair again: the registration is now a second v1, refused under the lock.
        do {
            _ = try store.append(AppendRequest(drafts: [registering, using], recordedBy: "t"))
            Issue.record("a second v1 was accepted")
        } catch {
            #expect(error.rejections.map(\.position) == [0])
            #expect(error.message.hasPrefix("drafts[0].payload.version: pricing.changed v1 is already registered by #2"))
        }
    }

    /// A registry remembers each type's latest schema; a version registered later replaces it at once.
    @Test func aVersionRegisteredLaterIsTheOneDraftsMeet() throws {
        let schemas = SchemaRegistry(registrations: [SchemaRegistration(SchemaRegistered(type: "pricing.changed", version: 1, schema: Self.pricingV1), stamp: nil)])
        let onlyInV2: JSONObject = ["price": 49, "currency": "EUR", "seats": 3]
        #expect(Self.problems(Self.pricing(onlyInV2), schemas) == ["payload.seats: not a field of pricing.changed"])
        schemas.register(SchemaRegistration(SchemaRegistered(type: "pricing.changed", version: 2, schema: Self.pricingV2), stamp: nil))
        #expect(Self.problems(Self.pricing(onlyInV2), schemas) == [])
    }

    @Test func registrationsAreReadFromTheLogInOrderAndOnlyFromRegistrationEvents() throws {
        let folder = TemporaryFolder()
        let store = try Self.registeredStore(in: folder)
        // A team event whose text holds a registration's envelope must not be taken for one.
        let decoyType = try JSONValue.parse(#"{"type":"object","properties":{"text":{"type":"string"}}}"#)
        var schemas = try store.schemaRegistry()
        _ = try store.append(AppendRequest(drafts: [try Self.registration(decoyType, type: "note.added").validated(in: Self.context, schemas: schemas)], recordedBy: "t"))
        schemas = try store.schemaRegistry()
        var note = EventDraft(type: "note.added", payload: ["text": #"{"seq":1,"type":"schema.registered"}"#])
        note.set("subject", "plan/pro")
        note.setActor(name: "Dana Reyes", role: "CMO")
        _ = try store.append(AppendRequest(drafts: [try note.validated(in: Self.context, schemas: schemas)], recordedBy: "t"))
        let registrations = try store.schemaRegistrations()
        #expect(registrations.map(\.type) == ["pricing.changed", "note.added"])
        #expect(registrations.map { $0.stamp?.seq } == [3, 4])
        #expect(registrations.first?.schema == Self.pricingV1)
    }

    @Test func verificationRefusesATeamEventWithoutAnEarlierRegistration() throws {
        let folder = TemporaryFolder()
        let store = try Self.registeredStore(in: folder)
        _ = try store.append(AppendRequest(drafts: [try Self.pricing(["price": 49, "currency": "EUR"]).validated(in: Self.context, schemas: try store.schemaRegistry())], recordedBy: "t"))
        guard case .success = Fixtures.verify(folder) else { Issue.record("a registered team event failed verification"); return }
        // The same event on a log without its registration: hand-build it with a sealer.
        let other = TemporaryFolder()
        let bare = try Fixtures.log(in: other, events: 1)
        let head = try bare.verify(progress: nil)
        var sealer = Sealer(head: head, recordedBy: "t")
        let (_, line) = sealer.seal(Fixtures.draft(.custom(CustomPayload(type: "pricing.changed", version: 1, fields: ["price": 49])), subject: "plan/pro"),
                                    now: Fixtures.instant("2025-08-01"))
        Fixtures.writeEvents(Fixtures.eventBytes(other) + line, in: other)
        guard case .failure(let problem) = Fixtures.verify(other) else { Issue.record("an unregistered team event verified"); return }
        #expect(problem.kind == .needsNewerTool)
        #expect(problem.description.contains("pricing.changed v1 is neither a built-in type nor registered before this event"))
        // Readers refuse it too, rather than show it as something it may not be.
        do {
            _ = try bare.forEachEvent { _, _ in true }
            Issue.record("a reader took an unregistered team event")
        } catch let error as LogError {
            #expect(error.code == .unsupportedFormat)
            #expect(error.message.contains("upgrade to read it"))
        }
    }

    @Test func twoDraftsOfOneRequestCannotShareAnID() throws {
        let folder = TemporaryFolder()
        let store = try Fixtures.log(in: folder, events: 1)
        let before = Fixtures.eventBytes(folder)
        let id = EventID.generate(at: .now())
        let a = Fixtures.draft(.launchScheduled(LaunchScheduled(name: "Atlas", date: Fixtures.date("2025-09-24"))), subject: "launch/atlas", id: id)
        let b = Fixtures.draft(.launchScheduled(LaunchScheduled(name: "Atlas", date: Fixtures.date("2025-09-25"))), subject: "launch/atlas", id: id)
        do {
            _ = try store.append(AppendRequest(drafts: [a, b], recordedBy: "t"))
            Issue.record("two drafts with one id were accepted")
        } catch {
            #expect(error.code == .rejectedDraft)
            #expect(error.rejections.map(\.position) == [1])
            #expect(error.message.hasPrefix("drafts[1].id: \(id) is also the id of draft 1 of this request"))
        }
        #expect(Fixtures.eventBytes(folder) == before)
    }

    @Test func aRetryAfterTheTypeGainedAVersionIsStillTheSameEvent() throws {
        let folder = TemporaryFolder()
        let store = try Self.registeredStore(in: folder)
        var draft = Self.pricing(["price": 49, "currency": "EUR"])
        draft.set("id", .string(EventID.generate(at: .now()).description))
        _ = try store.append(AppendRequest(drafts: [try draft.validated(in: Self.context, schemas: try store.schemaRegistry())], recordedBy: "t"))
        let v2 = try JSONValue.parse(#"{"type":"object","x-subject-kind":"plan","required":["price","currency"],"properties":{"price":{"type":"number"},"currency":{"type":"string"},"seats":{"type":"integer"}}}"#)
        #expect(try Self.refusal(Self.registration(v2, version: 2), by: store) == nil)
        let retry = try draft.validated(in: Self.context, schemas: try store.schemaRegistry())
        #expect(retry.payload.schemaVersion == 2)
        let receipt = try store.append(AppendRequest(drafts: [retry], recordedBy: "t"))
        #expect(receipt.appended.isEmpty)
        #expect(receipt.alreadyPresent.map(\.seq) == [4])
    }

    @Test func verificationRefusesARegisteredVersionRegisteredAgainOrOutOfTurn() throws {
        for (versions, message) in [([1, 1], "registers pricing.changed v1 again; #2 registered it, and a registered version never changes"),
                                    ([2], "registers pricing.changed v2, but the next version is v1")] {
            let folder = TemporaryFolder()
            let store = try Fixtures.log(in: folder, events: 1)
            var sealer = Sealer(head: try store.verify(progress: nil), recordedBy: "t")
            var bytes = Fixtures.eventBytes(folder)
            for (n, version) in versions.enumerated() {
                let schema: JSONValue = ["type": "object", "description": .string("take \(n)")]
                let draft = Fixtures.draft(.schemaRegistered(SchemaRegistered(type: "pricing.changed", version: version, schema: schema)),
                                           subject: "schema/pricing.changed")
                bytes += sealer.seal(draft, now: Fixtures.instant("2025-08-0\(n + 1)")).line
            }
            Fixtures.writeEvents(bytes, in: folder)
            guard case .failure(let problem) = Fixtures.verify(folder) else { Issue.record("\(versions) verified"); continue }
            #expect(problem.kind == .malformed)
            #expect(problem.description.contains(message), "\(problem)")
        }
    }

    @Test func fieldShapesFollowTypesReferencesAndNullableTypes() throws {
        let schema = try JSONValue.parse(#"""
        {"type":"object","$defs":{"money":{"type":"number","description":"An amount."}},
         "properties":{"price":{"$ref":"#/$defs/money"},"note":{"type":["null","string"]},"tier":{"enum":["pro","team"]},
                       "flex":{"oneOf":[{"type":"number"},{"type":"string"}]},"seats":{"type":"array","items":{"$ref":"#/$defs/money"}}}}
        """#)
        let shapes = Dictionary(uniqueKeysWithValues: PayloadField.fields(fromSchema: schema).map { ($0.name, $0.shape) })
        #expect(shapes == ["price": .number, "note": .text, "tier": .choice(["pro", "team"]), "flex": .json, "seats": .list(.number)])
        #expect(PayloadField.fields(fromSchema: schema).first { $0.name == "price" }?.summary == "An amount.")
        let clash = try JSONValue.parse(#"{"type":"object","properties":{"listPrice":{"type":"number"},"list-price":{"type":"number"}}}"#)
        #expect(Self.problems(Self.registration(clash), SchemaRegistry())
                == ["payload.schema.properties.listPrice: listPrice and list-price would both be the option --list-price; rename one"])
    }

    // MARK: the fields view

    @Test func theFieldsViewKeepsTheLatestValueOfEachFieldAndHonoursRetractions() throws {
        let folder = TemporaryFolder()
        let store = try Self.registeredStore(in: folder)
        func append(_ draft: EventDraft, effective: String) throws -> Event {
            var draft = draft
            draft.set("effectiveAt", .string(effective))
            return try store.append(AppendRequest(drafts: [try draft.validated(in: Self.context, schemas: try store.schemaRegistry())], recordedBy: "t")).appended[0]
        }
        _ = try append(Self.pricing(["price": 49, "currency": "EUR", "annual": true]), effective: "2025-09-01")
        let raise = try append(Self.pricing(["price": 59, "currency": "EUR"]), effective: "2025-10-01")
        _ = try append(Self.pricing(["price": 99, "currency": "USD"], subject: "plan/team"), effective: "2025-10-05")
        let view = Views.named("fields")!
        let replay = Replay(events: try allEvents(store), configuration: store.configuration, views: [view])
        func values(_ asOf: String) -> [String] {
            replay.table(view, asOf: AsOf(Fixtures.instant(asOf))).rows.map { "\($0["subject"].text) \($0["field"].text)=\($0["value"].text)" }
        }
        #expect(values("2025-09-15") == ["plan/pro annual=yes", "plan/pro currency=EUR", "plan/pro price=49"])
        #expect(values("2025-10-31") == ["plan/pro annual=yes", "plan/pro currency=EUR", "plan/pro price=59", "plan/team currency=USD", "plan/team price=99"])

        var retraction = EventDraft(type: "event.retracted", payload: ["event": .string(raise.id.description)])
        retraction.set("subject", "plan/pro")
        retraction.set("reason", "Entered too early")
        retraction.setActor(name: "Dana Reyes", role: "CMO")
        _ = try append(retraction, effective: "2025-10-02")
        let after = Replay(events: try allEvents(store), configuration: store.configuration, views: [view])
        #expect(after.table(view, asOf: AsOf(Fixtures.instant("2025-10-31"))).rows.first { $0.key == "plan/pro price" }?["value"].text == "49")
    }

    private func allEvents(_ store: FileEventStore) throws -> [Event] {
        var events: [Event] = []
        _ = try store.forEachEvent { event, _ in events.append(event); return true }
        return events
    }
}
