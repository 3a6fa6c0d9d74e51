import DecisionLog

/// `decisionlog config get | set | unset | list`: settings per log and per user, and which one applies.
enum ConfigCommand: Command {
    static let keysHelp = SettingKey.allCases.map { "\($0.rawValue) (\($0.environmentVariable))" }.joined(separator: ", ")

    static let spec = CommandSpec(
        name: "config", abstract: "Get, set and list settings: actor, role, time zone, fiscal-year start, output format, signing key.",
        discussion: """
        A setting can come from four places; the first that gives it applies: a flag on the command line (--actor, --role, --format; --time-zone and --fiscal-year-start when creating a log), then the environment (\(keysHelp)), then the log's configuration (shared with everyone who uses the log), then your own settings file ($XDG_CONFIG_HOME/decisionlog/config, else ~/.config/decisionlog/config). The log's time zone and fiscal-year start are what dates and quarters mean in it; your own give the defaults for 'init'. signing.key, the SSH key your appends are signed with, is yours alone: it is always kept in your settings file.
        """,
        subcommands: subcommands.map { (String($0.name.dropFirst("config ".count)), $0.abstract) },
        usage: "<subcommand>")

    static let user = Flag("user", help: "Your own settings file instead of the log's configuration.")
    static let scopeOptions = [user.declaration, CommandSpec.logOption]
    static let keyArgument = CommandSpec.Argument(name: "<key>", help: "One of \(SettingKey.allCases.map(\.rawValue).joined(separator: ", ")).")

    static let getSpec = CommandSpec(
        name: "config get", abstract: "Print the value a setting has here, from wherever it comes.",
        discussion: "Prints the value that applies (flag aside): the environment's, else the log's, else yours. With --user, only your settings file's. Exits with status 1 when nothing sets it.",
        arguments: [keyArgument], options: scopeOptions)
    static let setSpec = CommandSpec(
        name: "config set", abstract: "Set a setting in the log's configuration, or with --user in your own.",
        arguments: [keyArgument, .init(name: "<value>", help: "The value, e.g. \"Dana Reyes\", CMO, Europe/Berlin, april, markdown or ~/.ssh/id_ed25519.")],
        options: scopeOptions)
    static let unsetSpec = CommandSpec(
        name: "config unset", abstract: "Remove a setting from the log's configuration, or with --user from your own.",
        arguments: [keyArgument], options: scopeOptions)
    static let listSpec = CommandSpec(
        name: "config list", abstract: "List every setting, its value here, and where it comes from.",
        options: [CommandSpec.logOption])

    static let subcommands = [getSpec, setSpec, unsetSpec, listSpec]

    static func spec(for arguments: SplitArguments, in context: CommandContext) -> CommandSpec {
        spec.subcommandSpec(arguments, among: subcommands)
    }

    static func run(_ arguments: SplitArguments, in context: CommandContext) throws {
        let (sub, rest) = try spec.chooseSubcommand(arguments, among: subcommands)
        let args = try ArgumentParser.parse(rest, for: sub)
        if sub.name == listSpec.name { return try list(args, context) }
        let key = try self.key(args.positionals[0], spec: sub)
        let user = args.flag(ConfigCommand.user)
        switch sub.name {
        case getSpec.name:
            let store = user ? nil : try? context.openLog(args)
            let settings = context.userSettings
            let resolved = user ? (settings?.values[key], SettingSource.user) : Settings.resolve(key, environment: context.environment, log: store?.configuration, user: settings)
            guard let value = resolved.0 else { throw CommandFailure("\(key.rawValue) is not set\(user ? " in your settings" : ""); set it with 'decisionlog config set \(user ? "--user " : "")\(key.rawValue) <value>'", .failure) }
            context.console.out(value)
        default:
            var value: String? = nil
            if sub.name == setSpec.name {
                let text = key == .signingKey ? try context.signingKeyPath(args.positionals[1]) : args.positionals[1]
                switch key.normalized(text) {
                case .success(let normalized): value = normalized
                case .failure(let error): throw CommandFailure("cannot set \(key.rawValue): \(error.message)", .invalidInput)
                }
            } else if !user && !key.isRemovableFromLog {
                throw CommandFailure("a log always has a \(key.rawValue); change it with 'decisionlog config set \(key.rawValue) <value>'", .invalidInput)
            }
            if !user, key.isPersonal, value == nil, let store = try? context.openLog(args), key.value(in: store.configuration) != nil {
                // An older log's shared default decider: unset removes it from the log, where it no longer belongs.
                try setLog(key, nil, args, context)
            } else if user || key.isPersonal {
                try setUser(key, value, context)
            } else {
                try setLog(key, value, args, context)
            }
            if key == .signingKey, let value { showAllowedSignersLine(for: value, args, context) }
        }
    }

    private static func key(_ text: String, spec: CommandSpec) throws(UsageError) -> SettingKey {
        guard let key = SettingKey(rawValue: text) else {
            let names = SettingKey.allCases.map(\.rawValue)
            let hint = NearestName.suggestion(for: text, among: names).map { ". Did you mean '\($0)'?" } ?? ""
            throw UsageError("Unknown setting '\(text.quotedForMessage)'\(hint); the settings are \(names.joined(separator: ", "))", command: spec)
        }
        return key
    }

    private static func setLog(_ key: SettingKey, _ value: String?, _ args: ParsedArguments, _ context: CommandContext) throws {
        let store: any EventStore
        do throws(CommandFailure) { store = try context.openLog(args) } catch {
            guard error.code == .noLog else { throw error }
            throw CommandFailure(error.lines[0] + "; or pass --user to change your own settings", .noLog)
        }
        do throws(LogError) { try store.updateConfiguration { key.set(value, in: &$0) } } catch { throw CommandFailure(error) }
        let shown = value.map { "\(key.rawValue) = \($0)" } ?? "removed \(key.rawValue)"
        context.console.out("\(shown) in the log's configuration (\(store.folder.configFile))")
        warnIfOverridden(key, context)
    }

    private static func setUser(_ key: SettingKey, _ value: String?, _ context: CommandContext) throws {
        guard var settings = context.userSettings else { throw CommandFailure("cannot find your settings file: set $XDG_CONFIG_HOME or $HOME", .failure) }
        settings.set(key, value)
        let path = try context.save(settings)
        let personal = key.isPersonal ? "; it is yours alone, so it is kept there and never in the shared log" : ""
        context.console.out((value.map { "\(key.rawValue) = \($0)" } ?? "removed \(key.rawValue)") + " in your settings (\(path))\(personal)")
        warnIfOverridden(key, context)
    }

    /// After setting a signing key: the line that lets 'verify --signatures' know it, when its public half
    /// can be read and the log does not list it yet.
    private static func showAllowedSignersLine(for keyPath: String, _ args: ParsedArguments, _ context: CommandContext) {
        let publicPath = keyPath.hasSuffix(".pub") ? keyPath : keyPath + ".pub"
        guard let bytes = try? FileSystem.readFile(publicPath) else { return }
        let parts = String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard parts.count >= 2 else { return }
        let key = "\(parts[0]) \(parts[1])"
        let store = try? context.openLog(args)
        let actor = Settings.resolve(.actor, environment: context.environment, log: store?.configuration, user: context.userSettings).value ?? "Your Name"
        let file = store?.folder.allowedSignersFile ?? ".decisionlog/allowed_signers"
        if let listed = try? FileSystem.readFile(file), String(decoding: listed, as: UTF8.self).contains(key) { return }
        context.console.out("So that 'decisionlog verify --signatures' knows this key, add this line to \(file) (and commit it):")
        context.console.out("  \"\(actor)\" \(key)")
    }

    /// Says so when the environment hides the value just set.
    private static func warnIfOverridden(_ key: SettingKey, _ context: CommandContext) {
        if let text = context.environment[key.environmentVariable], !text.isEmpty {
            context.console.error("note: $\(key.environmentVariable) is set (\(text.quotedForMessage)) and wins here")
        }
    }

    private static func list(_ args: ParsedArguments, _ context: CommandContext) throws {
        let store = try? context.openLog(args)
        let user = context.userSettings
        var table = TextTable(headers: ["SETTING", "VALUE", "FROM"], fixed: [0, 2])
        for key in SettingKey.allCases {
            let (value, source) = Settings.resolve(key, environment: context.environment, log: store?.configuration, user: user)
            let from: String = switch source {
            case .environment: "$\(key.environmentVariable)"
            case .log: "the log (\(store!.folder.configFile))"
            case .user: "your settings (\(user?.path ?? ""))"
            case .builtIn: key == .format ? "default" : "not set"
            }
            table.append([key.rawValue, value ?? (key == .format ? "table" : "—"), from])
        }
        context.console.writeOut(table.rendered(width: context.console.columns))
        if store == nil { context.console.out("(no decision log here: the log's settings are not shown)") }
    }
}
