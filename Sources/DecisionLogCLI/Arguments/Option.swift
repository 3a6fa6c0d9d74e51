import DecisionLog

/// An option a command declares once, with the type its values are read as: parsing, help and completions
/// use its `declaration`, and the command reads its values through it (`args.value(AddCommand.expectVersion)`),
/// so a misspelt option is a compile error rather than a value that is silently nil.
struct Option<Value>: Sendable {
    /// The name, placeholder and help.
    let declaration: CommandSpec.Option
    /// How an error names the option: `--limit`, or `--signed-from <seq>`.
    private let errorName: String
    /// What an invalid value's error says is expected, after "; expected ".
    private let expected: String
    private let convert: @Sendable (String) -> Value?

    /// An option whose values are read by `convert`; a value it refuses is a usage error saying `expected`.
    init(_ declaration: CommandSpec.Option, namedInErrorsAs errorName: String? = nil, expected: String,
         convert: @escaping @Sendable (String) -> Value?) {
        self.declaration = declaration
        self.errorName = errorName ?? "--\(declaration.name)"
        self.expected = expected
        self.convert = convert
    }

    /// `text` as the option's value; throws a usage error of `spec` when it is not one.
    func read(_ text: String, in spec: CommandSpec) throws(UsageError) -> Value {
        guard let value = convert(text) else {
            throw UsageError("The value '\(text.quotedForMessage)' is invalid for '\(errorName)'; expected \(expected)", command: spec)
        }
        return value
    }
}

extension Option where Value == String {
    /// An option whose values are text, taken as given.
    init(_ name: String, short: Character? = nil, _ placeholder: String, help: String, repeatable: Bool = false) {
        self.init(CommandSpec.Option(name: name, short: short, value: placeholder, help: help, repeatable: repeatable), expected: "text") { $0 }
    }
}

extension Option where Value == Int {
    /// An option whose values are whole numbers of `minimum` or more; others are refused saying `expected`.
    init(_ name: String, _ placeholder: String, help: String, minimum: Int, expected: String, namedInErrorsAs errorName: String? = nil) {
        self.init(CommandSpec.Option(name: name, value: placeholder, help: help), namedInErrorsAs: errorName, expected: expected) { text in
            Int(text).flatMap { $0 >= minimum ? $0 : nil }
        }
    }
}
