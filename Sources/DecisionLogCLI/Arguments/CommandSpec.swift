/// A command's interface: its name, what it does, its arguments and options. Drives parsing, help and
/// "did you mean" hints.
struct CommandSpec: Sendable {
    /// An option: `--name <value>` or a flag `--name`.
    struct Option: Sendable {
        /// The long name without dashes, e.g. `subject`.
        let name: String
        /// A short name without the dash, e.g. `h`.
        var short: Character? = nil
        /// The value's placeholder, e.g. `<subject>`; nil for a flag.
        let value: String?
        /// One line for help.
        let help: String
        /// Whether the option may be given more than once.
        var repeatable = false

        /// `--subject <subject>` or `-h, --help`.
        var label: String {
            let long = "--\(name)" + (value.map { " \($0)" } ?? "")
            return short.map { "-\($0), " + long } ?? long
        }
    }

    /// A positional argument.
    struct Argument: Sendable {
        /// The placeholder, e.g. `<type>`.
        let name: String
        /// One line for help.
        let help: String
        /// Whether it may be left out.
        var optional = false
    }

    /// The subcommand's name, e.g. `add`.
    let name: String
    /// One line: what the command does.
    let abstract: String
    /// More text for help, when one line is not enough.
    var discussion: String? = nil
    /// Positional arguments, in order.
    var arguments: [Argument] = []
    /// Options, as help lists them.
    var options: [Option] = []
    /// Subcommands (`schema add`, `schema list`, …), each a name and one line, listed by help.
    var subcommands: [(name: String, abstract: String)] = []
    /// Extra help sections, e.g. a type's payload options, each a title and options.
    var sections: [(title: String, options: [Option])] = []
    /// The usage line after `decisionlog <name>`; derived from the arguments when nil.
    var usage: String? = nil
    /// What to put after `decisionlog` to reach this help page (`add goal.set`); the name when nil.
    var helpPath: String? = nil

    /// The option to choose another log, shared by every command that reads or writes one.
    static let logOption = Option(name: "log", value: "<path>", help: "The log folder (default: $DECISIONLOG_DIR, else the nearest .decisionlog here or above).")
    /// The confirmation that a name new to the log, close to one it knows, is someone new (add, import).
    static let newPersonFlag = Flag("new-person", help: "Confirm that a name the log has not seen, close to one it has, is someone new (not a typo).")
    /// The help flag every command has.
    static let helpOption = Option(name: "help", short: "h", value: nil, help: "Show help information.")

    /// Every option the command accepts, sections included.
    var allOptions: [Option] { options + sections.flatMap(\.options) + [CommandSpec.helpOption] }

    /// `decisionlog add <type> [<options>]`.
    var usageLine: String {
        let tail = usage ?? (arguments.map { $0.optional ? "[\($0.name)]" : $0.name } + (options.isEmpty ? [] : ["[<options>]"]))
            .joined(separator: " ")
        return "decisionlog \(name)" + (tail.isEmpty ? "" : " \(tail)")
    }
}
