/// A command line split once into elements, as swift-argument-parser's `SplitArguments` does: before any
/// command reads it, each token is known to be a long option (`--name`, `--name=value`), a short one (`-h`),
/// a value, or `--`. Whether a `--` ends the options, or is an option's value, is for the reader to say.
struct SplitArguments: Sendable {
    /// One token of the command line, and what it is.
    struct Element: Sendable, Equatable {
        /// What a token is.
        enum Kind: Sendable, Equatable {
            /// `--name`, or `--name=value` with its value attached.
            case option(name: String, attached: String?)
            /// `-h`: a dash and one letter.
            case short(Character)
            /// A dash word that is neither (`-abc`); refused as an unknown option.
            case malformed
            /// A positional argument or an option's value (`-` and negative numbers among them).
            case value
            /// `--`: the end of the options, unless an option takes it as its value.
            case terminator
        }

        /// What the token is.
        let kind: Kind
        /// The token as given.
        let text: String
    }

    /// The elements, in order.
    private(set) var elements: [Element]

    /// Splits `tokens`.
    init(_ tokens: some Sequence<String>) {
        elements = tokens.map { token in
            if token == "--" { return Element(kind: .terminator, text: token) }
            if token.hasPrefix("--") {
                let body = token.dropFirst(2)
                guard let equals = body.firstIndex(of: "=") else { return Element(kind: .option(name: String(body), attached: nil), text: token) }
                return Element(kind: .option(name: String(body[..<equals]), attached: String(body[body.index(after: equals)...])), text: token)
            }
            // `-` and negative numbers are values, not options.
            guard token.hasPrefix("-"), token != "-", Double(token) == nil else { return Element(kind: .value, text: token) }
            return Element(kind: token.count == 2 ? .short(token.last!) : .malformed, text: token)
        }
    }

    private init(elements: [Element]) { self.elements = elements }

    /// The first element, if any.
    var first: Element? { elements.first }

    /// The elements after the first `count`.
    func dropping(_ count: Int) -> SplitArguments { SplitArguments(elements: Array(elements.dropFirst(count))) }

    /// These elements, then `other`'s.
    func followed(by other: SplitArguments) -> SplitArguments { SplitArguments(elements: elements + other.elements) }

    /// Removes the long flag `name` wherever it stands before the first `--`; whether it was there.
    mutating func removeFlag(_ name: String) -> Bool {
        let end = elements.firstIndex { $0.kind == .terminator } ?? elements.endIndex
        let kept = elements[..<end].filter { $0.kind != .option(name: name, attached: nil) }
        defer { elements = kept + elements[end...] }
        return kept.count != end
    }

    /// Whether `-h` or `--help` is among the tokens at all: a cheap test before the one that knows which
    /// options take values (`requestHelp(from:)`).
    var mentionsHelp: Bool { elements.contains { $0.text == "-h" || $0.text == "--help" } }

    /// Whether the arguments ask for help: `-h` or `--help` where an option stands — not as the value of an
    /// option of `spec` that takes one, and not after `--`.
    func requestHelp(from spec: CommandSpec) -> Bool {
        var index = 0
        while index < elements.count {
            switch elements[index].kind {
            case .terminator: return false
            case .option("help", nil), .short("h"): return true
            case .option(let name, nil) where spec.allOptions.contains { $0.name == name && $0.value != nil }: index += 1
            default: break
            }
            index += 1
        }
        return false
    }

    /// The first positional argument (`add <type>`), found before the spec that depends on it: any other dash
    /// word but `spec`'s flags and `--name=value` is taken to have a value after it.
    func firstPositional(flagsOf spec: CommandSpec) -> String? {
        let flags = spec.allOptions.filter { $0.value == nil }
        var index = 0
        while index < elements.count {
            let element = elements[index]
            switch element.kind {
            case .terminator: return index + 1 < elements.count ? elements[index + 1].text : nil
            case .option(let name, let attached):
                index += attached != nil || flags.contains { $0.name == name } ? 1 : 2
            case .short(let letter):
                index += flags.contains { $0.short == letter } ? 1 : 2
            case .malformed:
                index += 2
            case .value where element.text.hasPrefix("-") && element.text != "-":
                index += 2
            case .value:
                return element.text
            }
        }
        return nil
    }

    /// The log folder `--log <path>` or `--log=<path>` names, wherever it stands before `--` (the last one
    /// given), read before the spec that depends on the log (a team type's options).
    var logPath: String? {
        var found: String? = nil
        var index = 0
        while index < elements.count, elements[index].kind != .terminator {
            if case .option("log", let attached) = elements[index].kind {
                if let attached { found = attached } else if index + 1 < elements.count { found = elements[index + 1].text; index += 1 }
            }
            index += 1
        }
        return found
    }

    /// Splits off the leading `--log <path>` options that may come before a subcommand: the elements they take,
    /// and the rest; nil when the last of them has no value.
    func leadingLogOptions() -> (log: SplitArguments, rest: SplitArguments)? {
        var index = 0
        while index < elements.count, case .option("log", let attached) = elements[index].kind {
            if attached == nil {
                guard index + 1 < elements.count else { return nil }
                index += 1
            }
            index += 1
        }
        return (SplitArguments(elements: Array(elements[..<index])), dropping(index))
    }

    /// A command's subcommand (`schema add`, `config set`): its name and the elements without it, where the
    /// first element that is not a `--log <path>` names it; nil when there is none.
    func subcommand() -> (name: String, rest: SplitArguments)? {
        var index = 0
        while index < elements.count {
            if case .option("log", let attached) = elements[index].kind {
                index += attached == nil ? 2 : 1
                continue
            }
            var rest = elements
            let name = rest.remove(at: index).text
            return (name, SplitArguments(elements: rest))
        }
        return nil
    }
}
