public import DecisionLog

/// Where a command's output goes and its input comes from: the process's streams, or buffers in tests.
public final class Console {
    /// Writes text to standard output.
    let writeOut: (String) -> Void
    /// Writes text to standard error.
    let writeError: (String) -> Void
    /// Reads all of standard input.
    let readInput: () throws(SystemError) -> [UInt8]
    /// Whether standard output is a terminal (tables are then cut to its width).
    let outputIsTerminal: Bool
    /// The terminal's width, when standard output is one.
    let columns: Int?

    /// A console over the given streams.
    public init(writeOut: @escaping (String) -> Void, writeError: @escaping (String) -> Void,
                readInput: @escaping () throws(SystemError) -> [UInt8], outputIsTerminal: Bool = false, columns: Int? = nil) {
        self.writeOut = writeOut
        self.writeError = writeError
        self.readInput = readInput
        self.outputIsTerminal = outputIsTerminal
        self.columns = columns
    }

    /// The process's own standard output, error and input.
    public static func standard() -> Console {
        let terminal = ProcessFacts.isTerminal(1)
        return Console(writeOut: StandardStreams.writeOut, writeError: StandardStreams.writeError,
                       readInput: StandardStreams.readInput, outputIsTerminal: terminal,
                       columns: terminal ? ProcessFacts.terminalColumns(1) : nil)
    }

    func out(_ text: String) { writeOut(text.hasSuffix("\n") ? text : text + "\n") }
    func error(_ text: String) { writeError(text.hasSuffix("\n") ? text : text + "\n") }
}
