/// Where a log lives: a folder (`.decisionlog` by default) holding the events file, the configuration and
/// the lock; found by walking up from the current folder, as git finds `.git`.
public struct LogFolder: Sendable, Equatable, CustomStringConvertible {
    /// The folder's absolute path.
    public let path: String

    /// The folder name `init` creates and discovery looks for.
    public static let defaultName = ".decisionlog"
    /// The environment variable that names the log folder.
    public static let environmentVariable = "DECISIONLOG_DIR"

    /// The folder at `path` (made absolute against `currentDirectory`).
    public init(path: String, currentDirectory: String) {
        self.path = Paths.absolute(path, from: currentDirectory)
    }

    /// The events, one canonical JSON line each.
    public var eventsFile: String { Paths.join(path, "events.jsonl") }
    /// The log's configuration (format version, log id, fiscal year, time zone, defaults).
    public var configFile: String { Paths.join(path, "config.json") }
    /// The file writers lock (flock) while they append.
    public var lockFile: String { Paths.join(path, "lock") }
    /// The team's SSH keys, one `"<actor name>" <key type> <base64 key>` a line (ssh-keygen's allowed
    /// signers format), that `verify --signatures` checks signatures against.
    public var allowedSignersFile: String { Paths.join(path, "allowed_signers") }
    /// Derived data that can be rebuilt from the events (the tail cache, checkpoints).
    public var cacheFolder: String { Paths.join(path, LogFolder.cacheName) }
    /// Where `repair` keeps what it cut.
    public var repairsFolder: String { Paths.join(path, LogFolder.repairsName) }
    /// The name of the cache folder in a log folder (reached through `Directory`, never through a link).
    public static let cacheName = "cache"
    /// The name of the folder `repair` keeps what it cut in.
    public static let repairsName = "repairs"

    /// Finds the log: `explicitPath` (from `--log`) if given, else `$DECISIONLOG_DIR`, else the nearest
    /// `.decisionlog` folder in the current folder or above. A named path may be the log folder itself or a
    /// folder holding `.decisionlog`. Throws `.notFound` with a hint to run `init`, and `.io` for a
    /// `.decisionlog` found (not named) that is a symbolic link: a repository could point it at any folder,
    /// another user's log among them, and the tool would write your decisions there.
    public static func locate(explicitPath: String?, environment: [String: String], currentDirectory: String) throws(LogError) -> LogFolder {
        if let named = explicitPath ?? environment[environmentVariable].flatMap({ $0.isEmpty ? nil : $0 }) {
            let folder = LogFolder(path: named, currentDirectory: currentDirectory)
            if FileSystem.exists(folder.configFile) { return folder }
            let inner = LogFolder(path: defaultName, currentDirectory: folder.path)
            if FileSystem.exists(inner.configFile) { return try inner.refusingLink() }
            let source = explicitPath != nil ? "--log" : "$\(environmentVariable)"
            let emptyOrMissing = !FileSystem.exists(folder.path) || ((try? FileSystem.list(folder.path))?.isEmpty ?? false)
            throw LogError(.notFound, "no decision log at \(folder.path) (from \(source))",
                           hint: emptyOrMissing ? "run 'decisionlog init --log \(named)' to create one there"
                               : "that folder holds other files; run 'decisionlog init' inside it to create \(defaultName) there")
        }
        var directory = Paths.absolute(".", from: currentDirectory)
        while true {
            let candidate = LogFolder(path: Paths.join(directory, defaultName), currentDirectory: "/")
            if FileSystem.exists(candidate.configFile) { return try candidate.refusingLink() }
            if directory == "/" { break }
            directory = Paths.parent(of: directory)
        }
        throw LogError(.notFound, "no decision log found in \(currentDirectory) or any folder above it",
                       hint: "run 'decisionlog init' to create one here, or pass --log PATH")
    }

    /// This folder, found by its name `.decisionlog`, unless that name is a symbolic link.
    private func refusingLink() throws(LogError) -> LogFolder {
        guard FileSystem.isSymbolicLink(path) else { return self }
        throw LogError(.io, "\(path) is a symbolic link to \((try? FileSystem.readLink(path))?.quotedForMessage ?? "another folder"); decisionlog does not follow a log folder it finds through a link, since a repository could point it anywhere",
                       hint: "if that is your log, name it with --log or $\(LogFolder.environmentVariable); otherwise remove the link")
    }

    /// The folder `init` should create: `explicitPath`, else `$DECISIONLOG_DIR`, else `.decisionlog` here.
    public static func forCreation(explicitPath: String?, environment: [String: String], currentDirectory: String) -> LogFolder {
        let named = explicitPath ?? environment[environmentVariable].flatMap { $0.isEmpty ? nil : $0 } ?? defaultName
        return LogFolder(path: named, currentDirectory: currentDirectory)
    }

    public var description: String { path }
}
