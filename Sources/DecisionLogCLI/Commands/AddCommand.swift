import DecisionLog

/// `decisionlog add <type>`: records one decision as a new event.
enum AddCommand: Command {
    static var spec: CommandSpec { spec(forType: nil) }

    /// The interface for the type among `arguments`: a built-in type's, or a type the team registered in
    /// the log the arguments name.
    static func spec(for arguments: ArraySlice<String>, in context: CommandContext) -> CommandSpec {
        guard let name = typeArgument(in: arguments) else { return spec(forType: nil) }
        if let kind = Vocabulary.kind(named: name) { return spec(forType: kind) }
        return spec(forType: context.schemasIfAny(arguments).kind(named: name))
    }

    /// Whether validating a draft of `type` needs the schemas registered in the log: a team type's does, and
    /// so does a registration (its version follows the registered ones).
    static func needsTeamSchemas(_ type: String?) -> Bool {
        guard let type else { return false }
        return Vocabulary.kind(named: type) == nil || type == SchemaRegistered.type.name
    }

    /// The log's schemas, read from `store`.
    static func schemas(in store: FileEventStore) throws(CommandFailure) -> SchemaRegistry {
        do { return try store.schemaRegistry() } catch let error as LogError { throw CommandFailure(error) } catch {
            throw CommandFailure("cannot read the log's schemas: \(error)", .ioError)
        }
    }

    /// The interface for `type`: the envelope options, plus the type's payload options when it is known.
    static func spec(forType kind: PayloadKind?) -> CommandSpec {
        var spec = CommandSpec(
            name: "add", abstract: "Record a decision as a new event in the log.",
            discussion: """
            The payload is given as options named after the type's fields (see 'decisionlog help types' or 'decisionlog add <type> --help'), or as a JSON draft with --json. Options override the draft's members.
            The actor — who decided — comes from --actor/--role, else the draft, else $DECISIONLOG_ACTOR/$DECISIONLOG_ROLE, else your own settings ('decisionlog config set --user actor …'); never from the log's shared configuration. With none the event is refused. A name one typo away from a person the log knows is refused with a did-you-mean; --new-person confirms someone new. People lists (deciders, consulted, …) take one person per option or separate people with ';', so "Okafor, Maya" is one person. The event is durable on disk before the command reports success.
            """,
            arguments: [.init(name: "<type>", help: "The event type, e.g. goal.set or launch.slipped; may come from the --json draft instead.", optional: true)],
            options: [
                .init(name: "subject", value: "<subject>", help: "What the event is about, e.g. launch/atlas or goal/q3-pipeline."),
                .init(name: "actor", value: "<name>", help: "Who decided, e.g. \"Dana Reyes\"."),
                .init(name: "role", value: "<role>", help: "The decider's role, e.g. CMO, CPO, PM, Sales or CS."),
                .init(name: "reason", value: "<text>", help: "Why, in a sentence."),
                .init(name: "effective", value: "<time>", help: "When it was decided or takes effect: 2025-09-22 or 2025-09-22T14:30[+02:00] (default: now)."),
                .init(name: "link", value: "<event>", help: "Another event this one refers to: #seq or id (repeatable).", repeatable: true),
                .init(name: "id", value: "<uuid>", help: "The event's id; appending an id that is already in the log does nothing (safe retries)."),
                .init(name: "expect-version", value: "<count>", help: "Refuse unless the subject has exactly this many events (nobody changed it since you looked)."),
                .init(name: "json", value: "<json>", help: "The draft as a JSON object ({\"type\":…,\"subject\":…,\"payload\":{…}}); '-' reads it from standard input."),
                .init(name: "dry-run", value: nil, help: "Validate and show the event without recording it."),
                CommandSpec.newPersonOption,
                CommandSpec.logOption,
            ])
        if let kind {
            spec.helpPath = "add \(kind.type.name)"
            spec.sections = [("\(kind.type.name.uppercased()) OPTIONS", kind.fields.map(option(for:)))]
            spec.usage = "\(kind.type.name) --subject <subject> " + kind.fields.filter(\.isRequired).map { "--\($0.optionName) \($0.shape.placeholder)" }.joined(separator: " ") + " [<options>]"
        } else {
            spec.usage = "<type> --subject <subject> [<payload options>] [<options>]"
            spec.sections = []
        }
        return spec
    }

    /// The command-line option of a payload field.
    static func option(for field: PayloadField) -> CommandSpec.Option {
        var help = (field.isRequired ? "(required) " : "") + field.summary
        if case .list = field.shape { help += field.namesPeople ? " Repeat for each person, or separate them with ';' (\"Okafor, Maya\" is one person)." : " Repeat for each." }
        if case .list = field.shape {
            return .init(name: field.optionName, value: field.shape.placeholder, help: help, repeatable: true)
        }
        return .init(name: field.optionName, value: field.shape.placeholder, help: help)
    }

    /// The first positional argument: the event type, wherever it stands among the options.
    static func typeArgument(in arguments: ArraySlice<String>) -> String? {
        let flags: Set<String> = ["--help", "-h", "--dry-run", "--new-person"]
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let token = arguments[index]
            if token == "--" { return index + 1 < arguments.endIndex ? arguments[index + 1] : nil }
            if token.hasPrefix("-") && token != "-" {
                index += (flags.contains(token) || token.contains("=")) ? 1 : 2
                continue
            }
            return token
        }
        return nil
    }

    static func run(_ arguments: ArraySlice<String>, in context: CommandContext) throws {
        let typeName = typeArgument(in: arguments)
        var kind: PayloadKind? = nil
        // A type that is not built in may be the team's: that needs the log, and its registered schemas.
        var opened: (store: FileEventStore, schemas: SchemaRegistry)? = nil
        if let typeName {
            kind = Vocabulary.kind(named: typeName)
            if kind == nil && TeamTypes.isBuiltInFamily(typeName) {
                // goal.sett: only a built-in type can be in that family, so no need to look in the log.
                throw CommandFailure(EventDraft.unknownTypeMessage(typeName), .invalidInput)
            }
            if needsTeamSchemas(typeName) {
                let store = try context.openLog(explicitPath: CommandContext.logPath(in: arguments))
                let schemas = try schemas(in: store)
                opened = (store, schemas)
                kind = schemas.kind(named: typeName)
                if kind == nil { throw CommandFailure(EventDraft.unknownTypeMessage(typeName, among: schemas.typeNames), .invalidInput) }
            }
        }
        let spec = spec(forType: kind)
        let args: ParsedArguments
        do throws(UsageError) {
            args = try ArgumentParser.parse(arguments, for: spec)
        } catch {
            guard kind == nil, arguments.contains("--json"), error.message.hasPrefix("Unknown option") else { throw error }
            throw UsageError(error.message + "; payload options need the event type on the command line: decisionlog add <type> --json … <options>", command: spec)
        }
        let store = try opened?.store ?? context.openLog(args)
        let config = store.configuration

        var draft = EventDraft()
        if let json = args.value("json") {
            let bytes: [UInt8]
            if json == "-" {
                do throws(SystemError) { bytes = try context.console.readInput() } catch {
                    throw CommandFailure("cannot read the draft from standard input: \(error)", .ioError)
                }
            } else {
                bytes = Array(json.utf8)
            }
            let source = json == "-" ? "standard input" : "--json"
            do throws(DraftInputError) { draft = try EventDraft(jsonText: bytes) } catch {
                throw CommandFailure("the draft on \(source) is not usable: \(error); pass one JSON object", .invalidInput)
            }
            if let typeName, let draftType = draft.type, draftType != typeName {
                throw CommandFailure("the draft's type is \(draftType) but the command line says \(typeName); give one of them", .invalidInput)
            }
        } else if typeName == nil {
            throw UsageError("Missing expected argument '<type>' (or a --json draft that names it)", command: spec)
        }
        if let typeName { draft.set("type", .string(typeName)) }
        for (option, member) in [("subject", "subject"), ("reason", "reason"), ("effective", "effectiveAt"), ("id", "id")] {
            if let value = args.value(option) { draft.set(member, .string(value)) }
        }
        if let actor = try decider(args, draft: draft, context: context, config: config) {
            draft.setActor(name: actor.name, role: actor.role)
        }
        if let kind { applyPayloadOptions(args, kind: kind, to: &draft) }
        try resolveReferences(in: &draft, links: args.all("link"), store: store)

        let schemas = try opened?.schemas ?? (needsTeamSchemas(draft.type) ? schemas(in: store) : SchemaRegistry())
        let validated: ValidatedDraft
        do throws(ValidationFailure) {
            validated = try draft.validated(in: DraftContext(now: .now(), config: config), schemas: schemas)
        } catch {
            throw CommandFailure(error, what: "invalid \(draft.type ?? "event")")
        }
        var expected: (Subject, Int)? = nil
        if let text = args.value("expect-version") {
            guard let count = Int(text), count >= 0 else {
                throw UsageError("The value '\(text.quotedForMessage)' is invalid for '--expect-version'; expected the subject's event count, 0 or more", command: spec)
            }
            expected = (validated.subject, count)
        }
        let rendering = EventRendering(timeZone: config.timeZone)
        let dryRun = args.flag("dry-run")
        let receipt: AppendReceipt
        do throws(LogError) {
            var request = AppendRequest(drafts: [validated], recordedBy: context.recordedBy, expectedVersion: expected, dryRun: dryRun, signing: context.signing())
            request.confirmsNewPeople = args.flag("new-person")
            receipt = try store.append(request)
        } catch {
            throw CommandFailure(error)
        }
        if let event = receipt.appended.first {
            if dryRun {
                context.console.out("Would record #\(event.seq) \(event.type) on \(event.subject) (dry run; nothing was written):")
                context.console.writeOut(rendering.detail(event))
            } else {
                context.console.out("Recorded #\(event.seq) \(event.type) on \(event.subject), effective \(rendering.dateText(event.effectiveAt)) (id \(event.id))"
                                    + (event.signature == nil ? "" : ", signed"))
            }
        } else if let present = receipt.alreadyPresent.first {
            context.console.out("Already recorded as #\(present.seq) (id \(present.id)); nothing was written")
        }
    }

    /// The decider the person typing names (`Settings.decider`: the options, the environment, their own
    /// settings) — unless the draft has an actor of its own, which validation then judges (nil is returned).
    /// With nobody named and a log whose shared configuration still names a default, says why that no longer
    /// decides.
    /// (A file of drafts, whose rows may name their own, passes `explaining: false`.)
    static func decider(_ args: ParsedArguments, draft: EventDraft, context: CommandContext, config: LogConfig, explaining: Bool = true) throws -> Actor? {
        let flags = (name: args.value("actor"), role: args.value("role"))
        if flags.name == nil && flags.role == nil && draft.members["actor"] != nil { return nil }
        let actor: Actor?
        do throws(SettingError) { actor = try Settings.decider(flags: flags, environment: context.environment, user: context.userSettings) } catch {
            throw CommandFailure(error.message, .invalidInput)
        }
        if actor == nil, explaining, let notice = Settings.sharedDeciderNotice(config) {
            throw CommandFailure("who decided? Name them with --actor and --role: \(notice)", .invalidInput)
        }
        return actor
    }

    /// Sets payload members from the type's options, converting each value to its field's JSON shape; values
    /// that do not convert stay text, so validation names them ("expected a number, got \"fast\"").
    static func applyPayloadOptions(_ args: ParsedArguments, kind: PayloadKind, to draft: inout EventDraft) {
        var payload = draft.payload
        for field in kind.fields {
            if let value = field.value(fromTexts: args.all(field.optionName)) { payload[field.name] = value }
        }
        draft.payload = payload
    }

    /// Turns `#seq` references (in --link and a retraction's event) into ids, and gives a retraction
    /// without a subject the retracted event's subject.
    private static func resolveReferences(in draft: inout EventDraft, links: [String], store: FileEventStore) throws {
        func lookup(_ text: String, what: String) throws -> Event {
            guard let reference = EventReference(text) else {
                throw CommandFailure("\(what): '\(text.quotedForMessage)' is not an event reference; use #seq or an event id", .invalidInput)
            }
            let found = try store.events(matching: reference)
            guard found.count == 1 else {
                throw CommandFailure(found.isEmpty ? "\(what): no event \(reference) in this log" : "\(what): '\(text.quotedForMessage)' matches \(found.count) events; give more of the id", .invalidInput)
            }
            return found[0]
        }
        if !links.isEmpty {
            var ids: [JSONValue] = draft.members["links"]?.arrayValue ?? []
            for link in links { ids.append(.string(try lookup(link, what: "--link").id.description)) }
            draft.set("links", .array(ids))
        }
        guard draft.type == EventRetracted.type.name, case .string(let target)? = draft.payload["event"] else { return }
        if EventID(target) != nil && draft.members["subject"] != nil { return }
        let event = try lookup(target, what: "--event")
        draft.payload["event"] = .string(event.id.description)
        if draft.members["subject"] == nil { draft.set("subject", .string(event.subject.text)) }
    }
}

extension Optional where Wrapped == String {
    /// The string, or nil when it is nil or empty.
    var nonEmpty: String? { self.flatMap { $0.isEmpty ? nil : $0 } }
}
