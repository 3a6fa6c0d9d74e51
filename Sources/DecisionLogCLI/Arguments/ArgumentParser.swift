import DecisionLog

/// A command line split into the command's positional arguments, option values and flags.
struct ParsedArguments {
    /// Positional arguments, in order.
    var positionals: [String] = []
    /// Values of each option given, by long name, in order.
    var values: [String: [String]] = [:]
    /// Flags given, by long name.
    var flags: Set<String> = []

    /// The option's last value, if given.
    func value(_ name: String) -> String? { values[name]?.last }
    /// Every value given for the option.
    func all(_ name: String) -> [String] { values[name] ?? [] }
    /// Whether the flag was given.
    func flag(_ name: String) -> Bool { flags.contains(name) }
}

/// Parses a command's arguments against its spec, in swift-argument-parser's style: `--name value`,
/// `--name=value`, flags, `-h`, and `--` to end options. Throws `UsageError` with a "did you mean" hint.
enum ArgumentParser {
    static func parse(_ arguments: ArraySlice<String>, for spec: CommandSpec) throws(UsageError) -> ParsedArguments {
        var result = ParsedArguments()
        var index = arguments.startIndex
        var optionsEnded = false
        let options = spec.allOptions
        while index < arguments.endIndex {
            let token = arguments[index]
            index += 1
            if optionsEnded || token == "-" || !token.hasPrefix("-") {
                result.positionals.append(token)
                continue
            }
            if token == "--" { optionsEnded = true; continue }
            var name: String
            var attached: String? = nil
            if token.hasPrefix("--") {
                name = String(token.dropFirst(2))
                if let equals = name.firstIndex(of: "=") {
                    attached = String(name[name.index(after: equals)...])
                    name = String(name[..<equals])
                }
            } else {
                let letter = token.dropFirst()
                guard letter.count == 1, let option = options.first(where: { $0.short == letter.first }) else {
                    // A negative number is a value, not an option.
                    if Double(token) != nil { result.positionals.append(token); continue }
                    throw unknown(token, spec)
                }
                name = option.name
            }
            guard let option = options.first(where: { $0.name == name }) else { throw unknown(token, spec) }
            if option.value == nil {
                if attached != nil { throw UsageError("The flag '--\(name)' does not take a value", command: spec) }
                result.flags.insert(name)
                continue
            }
            let value: String
            if let attached {
                value = attached
            } else {
                guard index < arguments.endIndex else {
                    throw UsageError("Missing value for '\(option.label)'", command: spec)
                }
                value = arguments[index]
                index += 1
            }
            if !option.repeatable && result.values[name] != nil {
                throw UsageError("The option '--\(name)' was given more than once", command: spec)
            }
            result.values[name, default: []].append(value)
        }
        let required = spec.arguments.filter { !$0.optional }.count
        if result.positionals.count < required {
            throw UsageError("Missing expected argument '\(spec.arguments[result.positionals.count].name)'", command: spec)
        }
        if result.positionals.count > spec.arguments.count {
            throw UsageError("Unexpected argument '\(result.positionals[spec.arguments.count].quotedForMessage)'", command: spec)
        }
        return result
    }

    private static func unknown(_ token: String, _ spec: CommandSpec) -> UsageError {
        let bare = token.split(separator: "=", maxSplits: 1).first.map(String.init) ?? token
        let names = spec.allOptions.map { "--\($0.name)" }
        let hint = NearestName.suggestion(for: bare, among: names).map { ". Did you mean '\($0)'?" } ?? ""
        return UsageError("Unknown option '\(bare.quotedForMessage)'\(hint)", command: spec)
    }
}

extension ArgumentParser {
    /// A command's subcommand (`schema add`, `config set`): its name and the arguments without it; `--log <path>`
    /// may come before it. Nil when there is none.
    static func subcommand(in arguments: ArraySlice<String>) -> (name: String, rest: ArraySlice<String>)? {
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let token = arguments[index]
            if token == "--log" { index += 2; continue }
            if token.hasPrefix("--log=") { index += 1; continue }
            var rest = arguments
            rest.remove(at: index)
            return (token, rest)
        }
        return nil
    }
}
