import DecisionLog

/// `decisionlog schema add | list | show | check`: the event types' JSON Schemas, and the team's own types.
enum SchemaCommand: Command {
    static let spec = CommandSpec(
        name: "schema", abstract: "Register, list and show event type schemas; check a file of drafts.",
        discussion: "Every event type has a JSON Schema (draft 2020-12) that each draft is checked against. The built-in types' come with the tool; a team registers its own types (e.g. pricing.changed) with 'schema add', in the log itself, so a replay knows which schema applied when.",
        subcommands: subcommands.map { (String($0.name.dropFirst("schema ".count)), $0.abstract) },
        usage: "<subcommand>")

    static let format = Option("format", "<format>", help: "table (default) or json.")
    static let version = Option("version", "<n>", help: "The version to show (default: the latest).")

    static let listSpec = CommandSpec(
        name: "schema list", abstract: "List the event types: the built-in ones and the team's, with their versions.",
        options: [
            format.declaration,
            CommandSpec.logOption,
        ])

    static let showSpec = CommandSpec(
        name: "schema show", abstract: "Print the JSON Schema of an event type.",
        arguments: [.init(name: "<type>", help: "An event type, built-in (goal.set) or the team's (pricing.changed).")],
        options: [
            version.declaration,
            CommandSpec.logOption,
        ])

    static let checkSpec = CommandSpec(
        name: "schema check", abstract: "Check a JSON Lines file of drafts against the schemas, writing nothing.",
        discussion: "Checks each draft as 'import' would — its schema, its type's rules, and what the log itself checks (references, schema versions) — and lists every invalid draft with its line number and the JSON path of each problem. Exits with status 65 when any draft is invalid (3 when a draft's id is in the log with other content). Never writes to the log.",
        arguments: [DraftFile.argument],
        options: DraftFile.options + [CommandSpec.logOption])

    static let subcommands = [addSpec, listSpec, showSpec, checkSpec]

    static func spec(for arguments: SplitArguments, in context: CommandContext) -> CommandSpec {
        spec.subcommandSpec(arguments, among: subcommands)
    }

    static func run(_ arguments: SplitArguments, in context: CommandContext) throws {
        let (sub, rest) = try spec.chooseSubcommand(arguments, among: subcommands)
        let args = try ArgumentParser.parse(rest, for: sub)
        switch sub.name {
        case addSpec.name: try add(args, context)
        case listSpec.name: try list(args, context)
        case showSpec.name: try show(args, context)
        default: try check(args, context)
        }
    }

    // MARK: list

    private static func list(_ args: ParsedArguments, _ context: CommandContext) throws {
        let format = try args.choice(SchemaCommand.format, ["table", "json"], default: "table")
        let store = try context.openLog(args)
        let schemas = try context.schemas(in: store)
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
        let schemas = try context.schemas(in: store)
        let versions = schemas.versions(of: type)
        guard let latest = versions.last else {
            throw CommandFailure(EventDraft.unknownTypeMessage(type, among: schemas.typeNames), .invalidInput)
        }
        var version = latest
        if let text = try args.value(SchemaCommand.version) {
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
        var file = try DraftFile(args.positionals[0], store: store, args: args, context: context)
        file.request.dryRun = true
        let receipt = try file.run(in: store, suffix: " (nothing was written)") { context.console.out($0) }
        let total = receipt.drafts
        context.console.out("\(file.name): \(total == 1 ? "the draft is" : "all \(total) drafts are") valid (nothing was written)")
    }
}
