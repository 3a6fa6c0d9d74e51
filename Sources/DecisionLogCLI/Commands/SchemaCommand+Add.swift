import DecisionLog

/// `decisionlog schema add`: registers a team type's schema, or its next version.
extension SchemaCommand {
    static let typeOption = Option("type", "<type>", help: "The type the schema defines (noun.verb, e.g. pricing.changed), when its $id does not say.")
    static let actor = Option("actor", "<name>", help: "Who decided to register it (default: $DECISIONLOG_ACTOR, else your own settings).")
    static let role = Option("role", "<role>", help: "Their role, e.g. CPO.")
    static let reason = Option("reason", "<text>", help: "Why the type is added or changed.")
    static let effective = Option("effective", "<time>", help: "When the registration was decided (default: now); the schema applies to events recorded after it.")
    static let dryRun = Flag("dry-run", help: "Check the schema and show the registration without recording it.")

    static let addSpec = CommandSpec(
        name: "schema add", abstract: "Register the JSON Schema of a team-defined event type, or its next version.",
        discussion: """
        The schema's root describes the payload object: its properties, required fields, and any of the keywords decisionlog supports (type, required, properties, additionalProperties, enum, const, pattern, format, minimum/maximum, exclusiveMinimum/exclusiveMaximum, minLength/maxLength, items, minItems/maxItems, oneOf/anyOf/allOf, $ref, $defs). "x-subject-kind": "plan" makes events about plan/<name>; "x-requires-reason": true makes a reason required. Examples, if any, must pass the schema.
        The type and version come from the schema's $id (urn:decisionlog:type:<type>:<version>), else from --type with the next version. A registered version never changes: register a changed schema as the next version; new events then follow it, and earlier ones keep the version they were written with. A built-in type cannot be redefined.
        """,
        arguments: [.init(name: "<file>", help: "The schema, a JSON file; '-' reads standard input.")],
        options: [
            typeOption.declaration, actor.declaration, role.declaration, reason.declaration, effective.declaration, dryRun.declaration,
            CommandSpec.logOption,
        ])

    static func add(_ args: ParsedArguments, _ context: CommandContext) throws {
        let store = try context.openLog(args)
        let schemas = try context.schemas(in: store)
        let (source, bytes) = try context.readInputFile(args.positionals[0])
        let schema: JSONValue
        do throws(JSONSyntaxError) { schema = try JSONValue.parse(bytes) } catch {
            throw CommandFailure("\(source) is not JSON: malformed JSON at \(error); a schema is one JSON object", .invalidInput)
        }
        guard case .object(let members) = schema else {
            throw CommandFailure("\(source) holds \(schema.kindName), not a schema; a schema is a JSON object", .invalidInput)
        }
        let (type, version) = try identity(of: members, source: source, typeOption: try args.value(typeOption), schemas: schemas)
        if let problem = TeamTypes.nameProblem(type) { throw CommandFailure("cannot register \(type): \(problem)", .invalidInput) }

        // The same schema again is a no-op: at the version its $id names, or (without one) the latest.
        let same = members["$id"] == nil ? schemas.latestVersion(of: type).flatMap { schemas.registration(type, version: $0) } : schemas.registration(type, version: version)
        if let existing = same, existing.schema == schema {
            let by = existing.stamp.map { " as #\($0.seq)" } ?? ""
            context.console.out("\(type) v\(existing.version) is already registered\(by), with this same schema; nothing was written")
            return
        }
        var draft = EventDraft(type: SchemaRegistered.type.name, payload: ["type": .string(type), "version": .number(Double(version)), "schema": schema])
        draft.set("subject", .string("schema/\(type)"))
        if let reason = try args.value(reason) { draft.set("reason", .string(reason)) }
        if let effective = try args.value(effective) { draft.set("effectiveAt", .string(effective)) }
        if let actor = try context.decider((try args.value(actor), try args.value(role)), draftNamesOne: false, config: store.configuration) {
            draft.setActor(name: actor.name, role: actor.role)
        }
        let validated: ValidatedDraft
        do throws(ValidationFailure) {
            validated = try draft.validated(in: DraftContext(now: .now(), config: store.configuration), schemas: schemas)
        } catch {
            throw CommandFailure(error, what: "cannot register \(type) v\(version)")
        }
        let dryRun = args.flag(SchemaCommand.dryRun)
        let receipt: AppendReceipt
        do throws(LogError) {
            receipt = try store.append(AppendRequest(drafts: [validated], recordedBy: context.recordedBy, dryRun: dryRun, signing: context.signing()))
        } catch {
            throw CommandFailure(error)
        }
        guard let event = receipt.appended.first else { return }
        let fields = PayloadField.fields(fromSchema: schema).map(\.name)
        let what = "\(type) v\(version) (fields: \(fields.isEmpty ? "none" : fields.joined(separator: ", ")))"
        if dryRun {
            context.console.out("Would register \(what) as #\(event.seq) (dry run; nothing was written)")
        } else {
            context.console.out("Registered \(what) as #\(event.seq); record one with 'decisionlog add \(type)'")
        }
    }

    /// The type and version a schema file registers: from its `$id`, else `--type` and the next version.
    private static func identity(of members: JSONObject, source: String, typeOption: String?,
                                 schemas: SchemaRegistry) throws -> (type: String, version: Int) {
        if let id = members["$id"] {
            guard let (type, version) = SchemaIdentity.parse(id.stringValue) else {
                throw CommandFailure("\(source): $id is \(id.excerpt()), which names no event type; use \"urn:decisionlog:type:<type>:<version>\", or leave $id out and pass --type", .invalidInput)
            }
            if let typeOption, typeOption != type {
                throw CommandFailure("\(source): $id names \(type) but --type says \(typeOption); give one of them", .invalidInput)
            }
            return (type, version)
        }
        guard let type = typeOption else {
            throw CommandFailure("\(source) does not say which type it defines; pass --type <type> (e.g. pricing.changed) or give the schema an $id \"urn:decisionlog:type:<type>:1\"", .invalidInput)
        }
        return (type, (schemas.latestVersion(of: type) ?? 0) + 1)
    }
}
