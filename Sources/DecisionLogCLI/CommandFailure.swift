import DecisionLog

/// A failure a command reports: a one-line message (with what to do) and the exit status.
struct CommandFailure: Error {
    /// The message, without the `Error: ` prefix; one line per problem.
    let lines: [String]
    /// The exit status.
    let code: ExitCode

    init(_ message: String, _ code: ExitCode) {
        lines = [message]
        self.code = code
    }

    init(lines: [String], _ code: ExitCode) {
        self.lines = lines
        self.code = code
    }

    /// The failure for a store error: message and hint on one line, the status by its code.
    init(_ error: LogError) {
        let status: ExitCode = switch error.code {
        case .notFound: .noLog
        case .alreadyExists: .alreadyExists
        case .integrity: .verificationFailed
        case .conflict: .conflict
        case .rejectedDraft: .invalidInput
        case .unsupportedFormat, .invalidConfiguration, .signing: .unsupported
        case .permission: .permissionDenied
        case .noSpace, .io: .ioError
        }
        self.init(error.message + (error.hint.map { "; \($0)" } ?? ""), status)
    }

    /// The failure for an invalid draft: every problem, on one line.
    init(_ failure: ValidationFailure, what: String) {
        let count = failure.issues.count
        let problems = failure.issues.map(\.description).joined(separator: "; ")
        self.init("\(what)\(count == 1 ? "" : " (\(count) problems)"): \(problems); nothing was written", .invalidInput)
    }
}
