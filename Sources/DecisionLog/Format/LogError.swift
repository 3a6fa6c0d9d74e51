/// A failure of the log store, with a code the command line maps to an exit status, a message saying what
/// is wrong, a hint saying what to do, and the cause.
public struct LogError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure.
    public enum Code: Sendable, Equatable {
        /// No log where one was expected.
        case notFound
        /// A log is already there.
        case alreadyExists
        /// The log fails verification (see `problem`).
        case integrity
        /// Someone changed the subject since the expected version.
        case conflict
        /// The log refused the draft: it refers to events that are not in the log, breaks a rule that needs the
        /// log to check, or makes a line longer than the log accepts.
        case rejectedDraft
        /// The log's files were written by a newer version of the tool.
        case unsupportedFormat
        /// The log's configuration file is damaged.
        case invalidConfiguration
        /// The signing key could not sign (no ssh-keygen, no such key, a key ssh-keygen refuses).
        case signing
        /// Permission denied or read-only file system.
        case permission
        /// The disk is full.
        case noSpace
        /// Another input/output failure.
        case io
    }

    /// What kind of failure.
    public let code: Code
    /// What is wrong, in one sentence.
    public let message: String
    /// What to do about it, when there is something to say.
    public let hint: String?
    /// The integrity problem, for `.integrity`.
    public let problem: IntegrityProblem?
    /// The system call that failed, for I/O failures.
    public let cause: SystemError?
    /// For `.rejectedDraft` and `.conflict`: each problem, with the position of its draft in the request.
    public let rejections: [DraftRejection]

    /// A failure; see the properties.
    public init(_ code: Code, _ message: String, hint: String? = nil, problem: IntegrityProblem? = nil, cause: SystemError? = nil,
                rejections: [DraftRejection] = []) {
        self.code = code
        self.message = message
        self.hint = hint
        self.problem = problem
        self.cause = cause
        self.rejections = rejections
    }

    /// A failure for a system call error, classified as permission, no space or other I/O.
    public static func system(_ error: SystemError, doing action: String) -> LogError {
        if error.isUnsafeFile {
            return LogError(.io, "cannot \(action): \(error)",
                            hint: "a log's files and folders must be its own, never links or pipes; put the real one back (from git or a copy) or remove it", cause: error)
        }
        if error.isPermission {
            return LogError(.permission, "cannot \(action): \(error)", hint: "check the permissions of the log folder", cause: error)
        }
        if error.isNoSpace {
            return LogError(.noSpace, "cannot \(action): \(error)", hint: "free some disk space and try again; the log was left as it was", cause: error)
        }
        if error.isNotFound {
            return LogError(.notFound, "cannot \(action): \(error)", hint: "the log folder may have been moved or removed", cause: error)
        }
        return LogError(.io, "cannot \(action): \(error)", cause: error)
    }

    /// A failure for a log that does not verify; `isWrite` says whether the refused action would have
    /// written (the hint then says nothing was).
    public static func integrity(_ problem: IntegrityProblem, action: String, isWrite: Bool = true) -> LogError {
        if problem.kind == .incompleteTail {
            return LogError(.integrity, "cannot \(action): the log ends with an incomplete line, left by an interrupted write",
                            hint: "run 'decisionlog repair' to remove it (a copy is kept)", problem: problem)
        }
        if problem.kind == .needsNewerTool {
            return LogError(.unsupportedFormat, "cannot \(action): \(problem)", hint: "upgrade decisionlog", problem: problem)
        }
        return LogError(.integrity, "cannot \(action): the log fails verification at \(problem)",
                        hint: "run 'decisionlog verify' for details" + (isWrite ? "; nothing was written" : ""), problem: problem)
    }

    public var description: String { message + (hint.map { " (\($0))" } ?? "") }
}
