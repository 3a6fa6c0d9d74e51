/// A command line split once into elements, as swift-argument-parser's `SplitArguments` does: before any
/// command reads it, each token is known to be a long option (`--name`, `--name=value`), a short one (`-h`),
/// a value, or the `--` after which everything is a value.
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
            /// The `--` that ends the options.
            case terminator
        }

        /// What the token is.
        let kind: Kind
        /// The token as given.
        let text: String
    }

    /// The elements, in order.
    private(set) var elements: [Element]

    /// Splits `tokens`; everything after the first `--` is a value.
    init(_ tokens: some Sequence<String>) {
        var ended = false
        elements = tokens.map { token in
            if ended { return Element(kind: .value, text: token) }
            if token == "--" {
                ended = true
                return Element(kind: .terminator, text: token)
            }
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

    /// Whether there are no elements.
    var isEmpty: Bool { elements.isEmpty }

    /// The first element, if any.
    var first: Element? { elements.first }

    /// The elements after the first `count`.
    func dropping(_ count: Int) -> SplitArguments { SplitArguments(elements: Array(elements.dropFirst(count))) }

    /// These elements, then `other`'s.
    func followed(by other: SplitArguments) -> SplitArguments { SplitArguments(elements: elements + other.elements) }

    /// Removes the long flag `name` wherever it stands among the options (before `--`); whether it was there.
    mutating func removeFlag(_ name: String) -> Bool {
        let before = elements.count
        elements.removeAll { $0.kind == .option(name: name, attached: nil) }
        return elements.count != before
    }

    /// Whether `-h` or `--help` is among the tokens at all: a cheap test before the one that knows which
    /// options take values (`ParsedArguments.help`).
    var mentionsHelp: Bool { elements.contains { $0.kind == .option(name: "help", attached: nil) || $0.kind == .short("h") } }

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
