public import DecisionLog

/// Where a command's output goes and its input comes from: the process's streams, or buffers in tests.
public final class Console {
    /// Writes text where standard output goes.
    private let emitOut: (String) -> Void
    /// Writes text to standard error.
    private let emitError: (String) -> Void
    /// Reads all of standard input.
    let readInput: () throws(SystemError) -> [UInt8]
    /// Whether standard output is a terminal (tables are then cut to its width).
    let outputIsTerminal: Bool
    /// The terminal's width, when standard output is one.
    let columns: Int?
    /// Whether standard error is a terminal that can show a progress bar.
    let errorIsTerminal: Bool
    /// Whether output and errors are styled with colour and bold (a terminal, without NO_COLOR).
    private var styled = (output: false, error: false)
    /// Output held back for the pager, when paging; written at `finish()`.
    private var held: String? = nil
    private var pager: (command: String, rows: Int)? = nil
    /// Whether this console is the process's own streams.
    private var isStandard = false

    /// A console over the given streams.
    public init(writeOut: @escaping (String) -> Void, writeError: @escaping (String) -> Void,
                readInput: @escaping () throws(SystemError) -> [UInt8], outputIsTerminal: Bool = false, columns: Int? = nil,
                errorIsTerminal: Bool = false) {
        emitOut = writeOut
        emitError = writeError
        self.readInput = readInput
        self.outputIsTerminal = outputIsTerminal
        self.columns = columns
        self.errorIsTerminal = errorIsTerminal
    }

    /// The process's own standard output, error and input. On a terminal, and unless `NO_COLOR` is set or
    /// `TERM` is dumb, headers are bold and changes coloured; with `paging`, output longer than the terminal
    /// goes through `$DECISIONLOG_PAGER`, else `$PAGER`, else `less` (set either to "" or cat to turn it off).
    public static func standard(environment: [String: String], paging: Bool) -> Console {
        let terminal = ProcessFacts.isTerminal(1), errorTerminal = ProcessFacts.isTerminal(2)
        let dumb = environment["TERM"] == "dumb"
        let plain = !(environment["NO_COLOR"] ?? "").isEmpty || dumb
        let console = Console(writeOut: StandardStreams.writeOut, writeError: StandardStreams.writeError, readInput: StandardStreams.readInput,
                              outputIsTerminal: terminal, columns: terminal ? ProcessFacts.terminalColumns(1) : nil,
                              errorIsTerminal: errorTerminal && !dumb)
        console.styled = (terminal && !plain, errorTerminal && !plain)
        console.isStandard = true
        let command = (environment["DECISIONLOG_PAGER"] ?? environment["PAGER"] ?? "less").trimmingWhitespace
        if paging, terminal, !command.isEmpty, command != "cat" {
            console.pager = (command, ProcessFacts.terminalRows(1) ?? 24)
            console.held = ""
        }
        return console
    }

    /// Writes text for people to standard output (styled on a terminal), or holds it for the pager. Controls
    /// in it are escaped (`escapingControls`): what a table shows from the log cannot act on the screen.
    func writeOut(_ text: String) { emit(text.escapingControls) }

    /// Writes data for programs (JSON, JSON Lines, CSV, a completion script) to standard output as it is —
    /// except on a terminal, where controls are escaped as in `writeOut`.
    func writeData(_ text: String) { emit(outputIsTerminal ? text.escapingControls : text) }

    private func emit(_ text: String) {
        if held != nil { held! += text } else { emitOut(styled.output ? Styling.output(text) : text) }
    }

    /// Writes to standard error (styled on a terminal), controls escaped, and any line longer than
    /// `longestErrorLine` cut short: no message echoes a pasted megabyte.
    func writeError(_ text: String) {
        var safe = text.escapingControls
        if safe.utf8.count > Self.longestErrorLine {
            safe = safe.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                line.count > Self.longestErrorLine ? "\(line.prefix(Self.longestErrorLine))… (\(line.count - Self.longestErrorLine) more characters)" : String(line)
            }.joined(separator: "\n")
        }
        emitError(styled.error ? Styling.error(safe) : safe)
    }

    /// The longest line an error may print.
    static let longestErrorLine = 4_000

    /// Writes a progress display to standard error when it is a terminal (from any thread: one write each).
    var progressWriter: (@Sendable (String) -> Void)? {
        guard errorIsTerminal && isStandard else { return nil }
        return { @Sendable text in StandardStreams.writeError(text) }
    }

    func out(_ text: String) { writeOut(text.hasSuffix("\n") ? text : text + "\n") }
    func error(_ text: String) { writeError(text.hasSuffix("\n") ? text : text + "\n") }

    /// Turns paging off for the rest of the command, writing what was held: for output that streams on
    /// (`log --follow`).
    func stopPaging() {
        guard let text = held else { return }
        held = nil
        pager = nil
        emitOut(text)
    }

    /// Writes what was held for the pager: through the pager when it is longer than the terminal, else directly.
    public func finish() {
        guard let text = held, let pager else { return }
        held = nil
        let styledText = styled.output ? Styling.output(text) : text
        let lines = text.reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
        if lines < pager.rows - 1 || !ProcessFacts.pipe(styledText, through: pager.command, adding: ["LESS": "FRX", "LV": "-c"]) {
            emitOut(styledText)
        }
    }
}
