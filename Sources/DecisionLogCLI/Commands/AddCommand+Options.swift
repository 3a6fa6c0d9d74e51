import DecisionLog

/// `add`'s interface: its options, declared once, and its spec for a type.
extension AddCommand {
    static let subject = Option("subject", "<subject>", help: "What the event is about, e.g. launch/atlas or goal/q3-pipeline.")
    static let actor = Option("actor", "<name>", help: "Who decided, e.g. \"Dana Reyes\".")
    static let role = Option("role", "<role>", help: "The decider's role, e.g. CMO, CPO, PM, Sales or CS.")
    static let reason = Option("reason", "<text>", help: "Why, in a sentence.")
    static let effective = Option("effective", "<time>", help: "When it was decided or takes effect: 2025-09-22 or 2025-09-22T14:30[+02:00] (default: now).")
    static let link = Option("link", "<event>", help: "Another event this one refers to: #seq or id (repeatable).", repeatable: true)
    static let id = Option("id", "<uuid>", help: "The event's id; appending an id that is already in the log does nothing (safe retries).")
    static let expectVersion = Option<Int>("expect-version", "<count>", help: "Refuse unless the subject has exactly this many events (nobody changed it since you looked).",
                                           minimum: 0, expected: "the subject's event count, 0 or more")
    static let json = Option("json", "<json>", help: "The draft as a JSON object ({\"type\":…,\"subject\":…,\"payload\":{…}}); '-' reads it from standard input.")
    static let dryRun = Flag("dry-run", help: "Validate and show the event without recording it.")

    /// The interface for the type among `arguments`: a built-in type's, or a type the team registered in
    /// the log the arguments name.
    static func spec(for arguments: SplitArguments, in context: CommandContext) -> CommandSpec {
        guard let name = arguments.firstPositional(flagsOf: spec) else { return spec }
        if let kind = Vocabulary.kind(named: name) { return spec(forType: kind) }
        return spec(forType: context.schemasIfAny(logPath: arguments.logPath).kind(named: name))
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
            options: [subject.declaration, actor.declaration, role.declaration, reason.declaration, effective.declaration, link.declaration,
                      id.declaration, expectVersion.declaration, json.declaration, dryRun.declaration, CommandSpec.newPersonFlag.declaration, CommandSpec.logOption])
        if let kind {
            spec.helpPath = "add \(kind.type.name)"
            spec.sections = [("\(kind.type.name.uppercased()) OPTIONS", kind.fields.map(option(for:)))]
            spec.usage = "\(kind.type.name) --subject <subject> " + kind.fields.filter(\.isRequired).map { "--\($0.optionName) \($0.shape.placeholder)" }.joined(separator: " ") + " [<options>]"
        } else {
            spec.usage = "<type> --subject <subject> [<payload options>] [<options>]"
        }
        return spec
    }

    /// The command-line option of a payload field.
    static func option(for field: PayloadField) -> CommandSpec.Option {
        var help = (field.isRequired ? "(required) " : "") + field.summary
        guard case .list = field.shape else { return .init(name: field.optionName, value: field.shape.placeholder, help: help) }
        help += field.namesPeople ? " Repeat for each person, or separate them with ';' (\"Okafor, Maya\" is one person)." : " Repeat for each."
        return .init(name: field.optionName, value: field.shape.placeholder, help: help, repeatable: true)
    }

    /// Whether validating a draft of `type` needs the schemas registered in the log: a team type's does, and
    /// so does a registration (its version follows the registered ones).
    static func needsTeamSchemas(_ type: String?) -> Bool {
        guard let type else { return false }
        return Vocabulary.kind(named: type) == nil || type == SchemaRegistered.type.name
    }
}
