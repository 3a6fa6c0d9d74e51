/// A checkpoint that cannot be used: damaged, of another format, or of another log. Never fatal: the views
/// are then replayed from the log, and a new checkpoint is written.
struct CheckpointError: Error, Sendable, CustomStringConvertible {
    /// What is wrong.
    let message: String

    init(_ message: String) { self.message = message }

    var description: String { message }
}
