import DecisionLog

/// A command's arguments as its spec reads them: positionals in order, and each option's values and each
/// flag, read back through the declarations that name them.
struct ParsedArguments {
    /// The interface they were read against (usage errors name it).
    let spec: CommandSpec
    /// Positional arguments, in order.
    var positionals: [String] = []
    /// Values of each option given, by long name, in order.
    var values: [String: [String]] = [:]
    /// Flags given, by long name.
    var flags: Set<String> = []

    /// The option's last value, read as its type; nil when it was not given. Throws when the value is not
    /// one of its type.
    func value<Value>(_ option: Option<Value>) throws(UsageError) -> Value? {
        guard let text = values[option.declaration.name]?.last else { return nil }
        return try option.read(text, in: spec)
    }

    /// Every value given for the option, read as its type.
    func values<Value>(_ option: Option<Value>) throws(UsageError) -> [Value] {
        var read: [Value] = []
        for text in texts(option.declaration) { read.append(try option.read(text, in: spec)) }
        return read
    }

    /// Whether the flag was given.
    func flag(_ flag: Flag) -> Bool { flags.contains(flag.declaration.name) }

    /// Every value given for an option declared at run time (a payload field's), as text.
    func texts(_ declaration: CommandSpec.Option) -> [String] { values[declaration.name] ?? [] }

    /// Whether the option or flag was given at all.
    func gave(_ declaration: CommandSpec.Option) -> Bool { values[declaration.name] != nil || flags.contains(declaration.name) }

    /// The log folder `--log` names, if given (every command that reads a log takes it).
    var log: String? { values[CommandSpec.logOption.name]?.last }

    /// The value of `option` when it is one of `choices`, else `fallback` when it was not given; throws a usage
    /// error with a "did you mean" otherwise.
    func choice(_ option: Option<String>, _ choices: [String], default fallback: String) throws(UsageError) -> String {
        guard let value = try value(option) else { return fallback }
        guard choices.contains(value) else {
            let hint = NearestName.suggestion(for: value, among: choices).map { ". Did you mean '\($0)'?" } ?? ""
            throw UsageError("The value '\(value.quotedForMessage)' is invalid for '--\(option.declaration.name)'; expected one of \(choices.joined(separator: ", "))\(hint)", command: spec)
        }
        return value
    }
}
