import DecisionLog

/// `decisionlog schema add | list | show | check`: the event types' JSON Schemas, and the team's own types.
enum SchemaCommand: Command {
    static let spec = CommandSpec(
        name: "schema", abstract: "Register, list and show event type schemas; check a file of drafts.",
        discussion: "Every event type has a JSON Schema (draft 2020-12) that each draft is checked against. The built-in types' come with the tool; a team registers its own types (e.g. pricing.changed) with 'schema add', in the log itself, so a replay knows which schema applied when.",
        subcommands: subcommands.map { (String($0.name.dropFirst("schema ".count)), $0.abstract) },
        usage: "<subcommand>")

    static let addSpec = CommandSpec(
        name: "schema add", abstract: "Register the JSON Schema of a team-defined event type, or its next version.",
        discussion: """
        The schema's root describes the payload object: its properties, required fields, and any of the keywords decisionlog supports (type, required, properties, additionalProperties, enum, const, pattern, format, minimum/maximum, exclusiveMinimum/exclusiveMaximum, minLength/maxLength, items, minItems/maxItems, oneOf/anyOf/allOf, $ref, $defs). "x-subject-kind": "plan" makes events about plan/<name>; "x-requires-reason": true makes a reason required. Examples, if any, must pass the schema.
        The type and version come from the schema's $id (urn:decisionlog:type:<type>:<version>), else from --type with the next version. A registered version never changes: register a changed schema as the next version; new events then follow it, and earlier ones keep the version they were written with. A built-in type cannot be redefined.
        """,
        arguments: [.init(name: "<file>", help: "The schema, a JSON file; '-' reads standard input.")],
        options: [
            .init(name: "type", value: "<type>", help: "The type the schema defines (noun.verb, e.g. pricing.changed), when its $id does not say."),
            .init(name: "actor", value: "<name>", help: "Who decided to register it (default: $DECISIONLOG_ACTOR, else your own settings)."),
            .init(name: "role", value: "<role>", help: "Their role, e.g. CPO."),
            .init(name: "reason", value: "<text>", help: "Why the type is added or changed."),
            .init(name: "effective", value: "<time>", help: "When the registration was decided (default: now); the schema applies to events recorded after it."),
            .init(name: "dry-run", value: nil, help: "Check the schema and show the registration without recording it."),
            CommandSpec.logOption,
        ])

    static let listSpec = CommandSpec(
        name: "schema list", abstract: "List the event types: the built-in ones and the team's, with their versions.",
        options: [
            .init(name: "format", value: "<format>", help: "table (default) or json."),
            CommandSpec.logOption,
        ])

    static let showSpec = CommandSpec(
        name: "schema show", abstract: "Print the JSON Schema of an event type.",
        arguments: [.init(name: "<type>", help: "An event type, built-in (goal.set) or the team's (pricing.changed).")],
        options: [
            .init(name: "version", value: "<n>", help: "The version to show (default: the latest)."),
            CommandSpec.logOption,
        ])

    static let checkSpec = CommandSpec(
        name: "schema check", abstract: "Check a JSON Lines file of drafts against the schemas, writing nothing.",
        discussion: "Checks each draft as 'import' would — its schema, its type's rules, and what the log itself checks (references, schema versions) — and lists every invalid draft with its line number and the JSON path of each problem. Exits with status 65 when any draft is invalid (3 when a draft's id is in the log with other content). Never writes to the log.",
        arguments: [DraftFile.argument],
        options: DraftFile.options + [CommandSpec.logOption])

    static let subcommands = [addSpec, listSpec, showSpec, checkSpec]

    static func spec(for arguments: ArraySlice<String>, in context: CommandContext) -> CommandSpec {
        guard let (name, _) = ArgumentParser.subcommand(in: arguments), let sub = subcommands.first(where: { $0.name == "schema \(name)" }) else { return spec }
        return sub
    }

    static func run(_ arguments: ArraySlice<String>, in context: CommandContext) throws {
        guard let (name, rest) = ArgumentParser.subcommand(in: arguments) else { throw UsageError("Missing expected argument '<subcommand>'", command: spec) }
        switch name {
        case "add": try add(try ArgumentParser.parse(rest, for: addSpec), context)
        case "list": try list(try ArgumentParser.parse(rest, for: listSpec), context)
        case "show": try show(try ArgumentParser.parse(rest, for: showSpec), context)
        case "check": try check(try ArgumentParser.parse(rest, for: checkSpec), context)
        default:
            let names = subcommands.map { String($0.name.dropFirst("schema ".count)) }
            let hint = NearestName.suggestion(for: name, among: names).map { ". Did you mean '\($0)'?" } ?? ""
            throw UsageError("Unknown subcommand '\(name.quotedForMessage)' of 'schema'\(hint); expected one of \(names.joined(separator: ", "))", command: spec)
        }
    }

    // MARK: add

    private static func add(_ args: ParsedArguments, _ context: CommandContext) throws {
        let store = try context.openLog(args)
        let schemas = try AddCommand.schemas(in: store)
        let (source, bytes) = try context.readInputFile(args.positionals[0])
        let schema: JSONValue
        do throws(JSONSyntaxError) { schema = try JSONValue.parse(bytes) } catch {
            throw CommandFailure("\(source) is not JSON: malformed JSON at \(error); a schema is one JSON object", .invalidInput)
        }
        guard case .object(let members) = schema else {
            throw CommandFailure("\(source) holds \(schema.kindName), not a schema; a schema is a JSON object", .invalidInput)
        }
        let (type, version) = try identity(of: members, source: source, typeOption: args.value("type"), schemas: schemas)
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
        if let reason = args.value("reason") { draft.set("reason", .string(reason)) }
        if let effective = args.value("effective") { draft.set("effectiveAt", .string(effective)) }
        if let actor = try AddCommand.decider(args, draft: draft, context: context, config: store.configuration) {
            draft.setActor(name: actor.name, role: actor.role)
        }
        let validated: ValidatedDraft
        do throws(ValidationFailure) {
            validated = try draft.validated(in: DraftContext(now: .now(), config: store.configuration), schemas: schemas)
        } catch {
            throw CommandFailure(error, what: "cannot register \(type) v\(version)")
        }
        let dryRun = args.flag("dry-run")
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

    // MARK: list

    private static func list(_ args: ParsedArguments, _ context: CommandContext) throws {
        let format = try args.choice("format", ["table", "json"], default: "table", spec: listSpec)
        let store = try context.openLog(args)
        let schemas = try AddCommand.schemas(in: store)
        let zone = store.configuration.timeZone
        struct Entry { let type: String; let versions: [Int]; let origin: String; let registration: SchemaRegistration?; let summary: String }
        let entries = schemas.typeNames.map { type -> Entry in
            let versions = schemas.versions(of: type)
            let latest = schemas.registration(type, version: versions.last!)
            let summary = schemas.kind(named: type)?.summary ?? ""
            var origin = "built-in"
            if let stamp = latest?.stamp {
                origin = "#\(stamp.seq) \(zone.date(at: stamp.effectiveAt)) \(stamp.actor)"
            }
            return Entry(type: type, versions: versions, origin: origin, registration: latest, summary: summary)
        }
        if format == "json" {
            let items: [JSONValue] = entries.map { entry in
                var object: JSONObject = [
                    "type": .string(entry.type), "versions": .array(entry.versions.map { .number(Double($0)) }),
                    "builtIn": .bool(entry.registration == nil), "summary": .string(entry.summary),
                ]
                if let stamp = entry.registration?.stamp {
                    object["registeredBy"] = .object(["seq": .number(Double(stamp.seq)), "id": .string(stamp.id.description),
                                                      "effectiveAt": .string(stamp.effectiveAt.iso8601), "actor": .string(stamp.actor.description)])
                }
                return .object(object)
            }
            context.console.out(PrettyJSON.format(JSONValue.array(items).canonicalBytes))
            return
        }
        var table = TextTable(headers: ["TYPE", "VERSIONS", "REGISTERED", "SUMMARY"], wrapping: [3], fixed: [0, 1])
        for entry in entries {
            let versions = entry.versions.count == 1 ? "v\(entry.versions[0])" : "v\(entry.versions.first!)–v\(entry.versions.last!)"
            table.append([entry.type, versions, entry.origin, entry.summary])
        }
        context.console.writeOut(table.rendered(width: context.console.columns ?? 100))
        let team = schemas.teamTypes.count
        context.console.out("\n\(schemas.typeNames.count - team) built-in type\(schemas.typeNames.count - team == 1 ? "" : "s"), \(team) registered by the team; 'decisionlog schema show <type>' prints one.")
    }

    // MARK: show

    private static func show(_ args: ParsedArguments, _ context: CommandContext) throws {
        let type = args.positionals[0]
        let store = try context.openLog(args)
        let schemas = try AddCommand.schemas(in: store)
        let versions = schemas.versions(of: type)
        guard let latest = versions.last else {
            throw CommandFailure(EventDraft.unknownTypeMessage(type, among: schemas.typeNames), .invalidInput)
        }
        var version = latest
        if let text = args.value("version") {
            guard let number = Int(text.hasPrefix("v") ? String(text.dropFirst()) : text), versions.contains(number) else {
                throw UsageError("The value '\(text.quotedForMessage)' is invalid for '--version'; \(type) has \(versions.map { "v\($0)" }.joined(separator: ", "))", command: showSpec)
            }
            version = number
        }
        if schemas.isBuiltIn(type), let text = BuiltInSchemas.text(at: "types/\(type).v\(version).schema.json") {
            context.console.writeOut(text)
        } else if let source = schemas.source(type, version: version) {
            context.console.out(PrettyJSON.format(source.canonicalBytes))
        }
    }

    // MARK: check

    private static func check(_ args: ParsedArguments, _ context: CommandContext) throws {
        let store = try context.openLog(args)
        let file = try DraftFile(args.positionals[0], store: store, args: args, spec: checkSpec, context: context)
        let total = file.batch.lines.count
        let problems = try file.problems(store, recordedBy: context.recordedBy)
        for line in problems.lines { context.console.out(line) }
        if problems.lines.isEmpty {
            context.console.out("\(file.name): \(total == 1 ? "the draft is" : "all \(total) drafts are") valid (nothing was written)")
        } else {
            throw CommandFailure("\(file.name): \(file.count(invalid: problems.lines.count)) (nothing was written)", problems.status)
        }
    }
}
