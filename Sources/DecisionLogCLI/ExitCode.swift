/// The exit statuses of `decisionlog`, after BSD's sysexits where one fits; `help exit-codes` lists them.
public enum ExitCode: Int32, CaseIterable, Sendable {
    case success = 0
    case failure = 1
    case verificationFailed = 2
    case conflict = 3
    case usage = 64
    case invalidInput = 65
    case noLog = 66
    case alreadyExists = 73
    case ioError = 74
    case permissionDenied = 77
    case unsupported = 78

    /// What the status means, for help.
    var meaning: String {
        switch self {
        case .success: "Success (also: an append whose event id is already in the log, with the same content)."
        case .failure: "Something else went wrong."
        case .verificationFailed: "The log fails verification (changed, truncated or reordered events, an interrupted append or incomplete last line, a missing --head; with --signatures, an event unsigned or not signed by its actor); appends refuse to extend a broken chain."
        case .conflict: "The subject changed since --expect-version, or an event id is already in the log with other content."
        case .usage: "The command line is wrong: unknown command or option, missing argument."
        case .invalidInput: "The event is invalid: unknown type, missing or malformed field, bad JSON or UTF-8, no actor; or it cannot have happened (it breaks the log's rules: a launch moved after it shipped, a goal closed that was never set — docs/rules.md), or names someone one typo from a person the log knows."
        case .noLog: "No decision log where one was expected (run 'decisionlog init')."
        case .alreadyExists: "'init' found a log (or other files) already there."
        case .ioError: "Reading or writing failed (for example, the disk is full); the log was left as it was."
        case .permissionDenied: "Permission denied, or the log is on a read-only file system."
        case .unsupported: "The log was written by a newer decisionlog, its configuration is damaged, or the signing key cannot sign."
        }
    }
}
