/// The secret that proves a checkpoint was written by this person's own decisionlog, after it verified the
/// events the checkpoint folds: 32 random bytes in a file only its owner can read,
/// `$XDG_STATE_HOME/decisionlog/checkpoint.key` (else `~/.local/state/decisionlog/checkpoint.key`), made on
/// first use.
///
/// A checkpoint holds a view's answers; anyone who can write into the log folder (or commit a file into
/// it) could otherwise hand-craft one, and an unkeyed checksum would not tell. With the key outside the
/// folder and outside git, a checkpoint someone else made — by hand, copied from another log or another
/// person — fails its MAC and is not used.
public struct CheckpointKey: Sendable, Equatable {
    /// The secret bytes.
    let bytes: [UInt8]

    /// A key of the given secret bytes (a program that keeps its own key elsewhere; tests).
    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// The key file's path for `environment`, or nil when neither $XDG_STATE_HOME nor $HOME is a full path.
    public static func path(environment: [String: String]) -> String? {
        Paths.stateFolder(environment: environment).map { Paths.join($0, "checkpoint.key") }
    }

    /// This person's key, made when missing. Throws `SystemError` when there is no place for it, it cannot
    /// be read or made, or the file is not a 32-byte regular file readable by its owner alone (then someone
    /// else may know it, and checkpoints are better not used).
    public static func load(environment: [String: String]) throws(SystemError) -> CheckpointKey {
        guard let path = path(environment: environment) else {
            throw SystemError.invalid("$XDG_STATE_HOME or $HOME", "is not set, so there is no place for the checkpoint key")
        }
        if let key = try read(path) { return key }
        let folder = Paths.parent(of: path)
        try FileSystem.makeDirectories(Paths.parent(of: folder))
        do { try FileSystem.makeDirectory(folder, permissions: 0o700) } catch where error.isAlreadyThere {}
        var random = SystemRandomNumberGenerator()
        let fresh = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &random) }
        // Written whole under another name and linked into place, so a reader never sees half a key; if another
        // process made one first, that one is used.
        try FileSystem.createExclusively(path, with: fresh, permissions: 0o600)
        guard let key = try read(path) else { throw SystemError.invalid(path, "vanished as it was made") }
        return key
    }

    private static func read(_ path: String) throws(SystemError) -> CheckpointKey? {
        let file: FileDescriptor
        do { file = try FileDescriptor.open(path, .read.inLog) } catch where error.isNotFound { return nil }
        defer { file.close() }
        let status = try file.ownership()
        guard status.isOwnedByCurrentUser, status.permissions & 0o077 == 0 else {
            throw SystemError.invalid(path, "can be read or written by others, so it cannot prove who wrote a checkpoint; remove it and a new one is made")
        }
        let bytes = try file.readAll()
        guard bytes.count == 32 else {
            throw SystemError.invalid(path, "is not a checkpoint key (32 bytes); remove it and a new one is made")
        }
        return CheckpointKey(bytes: bytes)
    }
}
