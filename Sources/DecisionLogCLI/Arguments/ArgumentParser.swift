import DecisionLog

/// Reads split arguments against a command's spec, in swift-argument-parser's style: `--name value`,
/// `--name=value`, flags, `-h`, and `--` to end options. Throws `UsageError` with a "did you mean" hint.
enum ArgumentParser {
    /// The arguments as `spec` reads them: every option known, every value of its type's form, positionals
    /// counted.
    static func parse(_ arguments: SplitArguments, for spec: CommandSpec) throws(UsageError) -> ParsedArguments {
        var result = ParsedArguments(spec: spec)
        let elements = arguments.elements
        let options = spec.allOptions
        var index = 0
        var optionsEnded = false
        while index < elements.count {
            let element = elements[index]
            index += 1
            let option: CommandSpec.Option
            var attached: String? = nil
            if optionsEnded {
                result.positionals.append(element.text)
                continue
            }
            switch element.kind {
            case .value:
                result.positionals.append(element.text)
                continue
            case .terminator:
                optionsEnded = true
                continue
            case .malformed:
                throw unknown(element.text, spec)
            case .short(let letter):
                guard let known = options.first(where: { $0.short == letter }) else { throw unknown(element.text, spec) }
                option = known
            case .option(let name, let value):
                guard let known = options.first(where: { $0.name == name }) else { throw unknown(element.text, spec) }
                option = known
                attached = value
            }
            if option.value == nil {
                if attached != nil { throw UsageError("The flag '--\(option.name)' does not take a value", command: spec) }
                result.flags.insert(option.name)
                continue
            }
            let value: String
            if let attached {
                value = attached
            } else {
                guard index < elements.count else { throw UsageError("Missing value for '\(option.label)'", command: spec) }
                value = elements[index].text
                index += 1
            }
            if !option.repeatable && result.values[option.name] != nil {
                throw UsageError("The option '--\(option.name)' was given more than once", command: spec)
            }
            result.values[option.name, default: []].append(value)
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
