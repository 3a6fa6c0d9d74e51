import DecisionLog

/// `decisionlog add <type>`: records one decision as a new event.
enum AddCommand: Command {
    static var spec: CommandSpec { spec(forType: nil) }

    static func run(_ arguments: SplitArguments, in context: CommandContext) throws {
        let typeName = arguments.firstPositional(flagsOf: spec)
        let (kind, opened) = try kindAndLog(typeName, arguments, context)
        let spec = spec(forType: kind)
        let args: ParsedArguments
        do throws(UsageError) {
            args = try ArgumentParser.parse(arguments, for: spec)
        } catch {
            guard kind == nil, arguments.elements.contains(where: { $0.text == "--json" }), error.message.hasPrefix("Unknown option") else { throw error }
            throw UsageError(error.message + "; payload options need the event type on the command line: decisionlog add <type> --json … <options>", command: spec)
        }
        let store = try opened?.store ?? context.openLog(args)
        let config = store.configuration

        var draft = EventDraft()
        if let given = try jsonDraft(args, context) {
            draft = given
            if let typeName, let draftType = draft.type, draftType != typeName {
                throw CommandFailure("the draft's type is \(draftType) but the command line says \(typeName); give one of them", .invalidInput)
            }
        } else if typeName == nil {
            throw UsageError("Missing expected argument '<type>' (or a --json draft that names it)", command: spec)
        }
        if let typeName { draft.set("type", .string(typeName)) }
        for (option, member) in [(subject, "subject"), (reason, "reason"), (effective, "effectiveAt"), (id, "id")] {
            if let value = try args.value(option) { draft.set(member, .string(value)) }
        }
        let named = (name: try args.value(actor), role: try args.value(role))
        if let decider = try context.decider(named, draftNamesOne: draft.members["actor"] != nil, config: config) {
            draft.setActor(name: decider.name, role: decider.role)
        }
        if let kind { draft.setPayload(of: kind) { args.texts(option(for: $0)) } }
        try context.resolveReferences(in: &draft, links: args.values(link), store: store)

        let schemas = try opened?.schemas ?? (needsTeamSchemas(draft.type) ? context.schemas(in: store) : SchemaRegistry())
        let validated: ValidatedDraft
        do throws(ValidationFailure) {
            validated = try draft.validated(in: DraftContext(now: .now(), config: config), schemas: schemas)
        } catch {
            throw CommandFailure(error, what: "invalid \(draft.type ?? "event")")
        }
        let dryRun = args.flag(dryRun)
        var request = AppendRequest(drafts: [validated], recordedBy: context.recordedBy, expectedVersion: try args.value(expectVersion).map { (validated.subject, $0) },
                                    dryRun: dryRun, signing: context.signing())
        request.confirmsNewPeople = args.flag(CommandSpec.newPersonFlag)
        request.idIndex = context.idIndexing(of: store)
        let receipt: AppendReceipt
        do throws(LogError) { receipt = try store.append(request) } catch { throw CommandFailure(error) }

        let rendering = EventRendering(timeZone: config.timeZone)
        if let event = receipt.appended.first, dryRun {
            context.console.out("Would record #\(event.seq) \(event.type) on \(event.subject) (dry run; nothing was written):")
            context.console.writeOut(rendering.detail(event))
        } else if let event = receipt.appended.first {
            context.console.out("Recorded #\(event.seq) \(event.type) on \(event.subject), effective \(rendering.dateText(event.effectiveAt)) (id \(event.id))"
                                + (event.signature == nil ? "" : ", signed"))
        } else if let present = receipt.alreadyPresent.first {
            context.console.out("Already recorded as #\(present.seq) (id \(present.id)); nothing was written")
        }
    }

    /// The kind of `typeName`, and — for a type that is not built in, which may be the team's — the log and its
    /// registered schemas, read to find it. Throws when the type is unknown.
    private static func kindAndLog(_ typeName: String?, _ arguments: SplitArguments, _ context: CommandContext) throws
        -> (PayloadKind?, (store: any EventStore, schemas: SchemaRegistry)?)
    {
        guard let typeName else { return (nil, nil) }
        let kind = Vocabulary.kind(named: typeName)
        if kind == nil && TeamTypes.isBuiltInFamily(typeName) {
            // goal.sett: only a built-in type can be in that family, so no need to look in the log.
            throw CommandFailure(EventDraft.unknownTypeMessage(typeName), .invalidInput)
        }
        guard needsTeamSchemas(typeName) else { return (kind, nil) }
        let store = try context.openLog(explicitPath: arguments.logPath)
        let schemas = try context.schemas(in: store)
        guard let teamKind = schemas.kind(named: typeName) else {
            throw CommandFailure(EventDraft.unknownTypeMessage(typeName, among: schemas.typeNames), .invalidInput)
        }
        return (teamKind, (store, schemas))
    }

    /// The draft `--json` gives (inline, or `-` for standard input), or nil without one.
    private static func jsonDraft(_ args: ParsedArguments, _ context: CommandContext) throws -> EventDraft? {
        guard let text = try args.value(json) else { return nil }
        let source = text == "-" ? "standard input" : "--json"
        let bytes: [UInt8]
        if text == "-" {
            do throws(SystemError) { bytes = try context.console.readInput() } catch {
                throw CommandFailure("cannot read the draft from standard input: \(error)", .ioError)
            }
        } else {
            bytes = Array(text.utf8)
        }
        do throws(DraftInputError) { return try EventDraft(jsonText: bytes) } catch {
            throw CommandFailure("the draft on \(source) is not usable: \(error); pass one JSON object", .invalidInput)
        }
    }
}

extension Optional where Wrapped == String {
    /// The string, or nil when it is nil or empty.
    var nonEmpty: String? { self.flatMap { $0.isEmpty ? nil : $0 } }
}
