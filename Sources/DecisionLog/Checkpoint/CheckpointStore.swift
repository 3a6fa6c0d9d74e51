/// A log's checkpoints: under `cache/checkpoints/` in the log folder, one folder per view, one file per
/// event a state follows (`<seq>.ckpt`). Checkpoints are derived data: never shared, never trusted without
/// their checks, and removed when they fail them. The folders are reached through `Directory`, so a link
/// someone put in their place leads nowhere.
public struct CheckpointStore: Sendable {
    /// The log folder.
    let logFolder: LogFolder
    /// The log's id, which every checkpoint names.
    let logID: EventID
    /// The key whose MAC every checkpoint carries.
    let key: CheckpointKey
    /// How many events a replay must fold past the newest checkpoint before it writes a new one.
    public let interval: Int
    /// Whether replays start from existing checkpoints (else they replay from the first event and only write).
    public let readsExisting: Bool
    /// How many checkpoints each view keeps (the newest).
    static let kept = 2
    /// The path of the checkpoints under the log folder.
    static let components = [LogFolder.cacheName, "checkpoints"]

    /// The checkpoints of the log in `folder`, made and checked with `key`, written every `interval` events;
    /// with `readsExisting` false, existing ones are not used (to rebuild them).
    public init(folder: LogFolder, logID: EventID, key: CheckpointKey, interval: Int, readsExisting: Bool = true) {
        logFolder = folder
        self.logID = logID
        self.key = key
        self.interval = max(1, interval)
        self.readsExisting = readsExisting
    }

    /// The folder of the checkpoints (for messages).
    public var folder: String { Paths.join(logFolder.path, Self.components.joined(separator: "/")) }

    /// Runs `body` in `view`'s folder, made when `creating`; nil when it is missing or cannot be opened.
    private func inFolder<T>(of view: String, creating: Bool = false, _ body: (Directory) throws(SystemError) -> T) -> T? {
        try? Directory.withOpened(logFolder.path, Self.components + [view], creating: creating, body)
    }

    private static func name(_ seq: Int) -> String { "\(seq).ckpt" }

    /// The seqs of `view`'s checkpoints, newest first.
    public func seqs(of view: String) -> [Int] {
        inFolder(of: view) { (folder: Directory) throws(SystemError) in Self.seqs(in: folder) } ?? []
    }

    private static func seqs(in folder: Directory) -> [Int] {
        let names = (try? folder.names()) ?? []
        return names.compactMap { name in name.hasSuffix(".ckpt") ? Int(name.dropLast(5)) : nil }.sorted(by: >)
    }

    /// The newest checkpoint of the view `view` (whose state has `version`) within `known` that this person's tool wrote (its MAC matches), of
    /// this version, of this log, and whose event is still where it was in the events file; nil when there is
    /// none. Checkpoints that fail a check are removed.
    func best(for view: String, version: UInt32?, within known: Cut.Known) -> CheckpointFile? {
        guard readsExisting, version != nil else { return nil }
        return inFolder(of: view) { (folder: Directory) throws(SystemError) -> CheckpointFile? in
            for seq in Self.seqs(in: folder) {
                if case .seq(let limit) = known, seq > limit { continue }
                guard let file = load(Self.name(seq), in: folder), problem(with: file.header, view: view, version: version, seq: seq) == nil else {
                    try? folder.removeFile(Self.name(seq))
                    continue
                }
                if case .recorded(let instant) = known, file.header.recordedAt > instant { continue }
                return file
            }
            return nil
        } ?? nil
    }

    /// The checkpoint `name` in `folder`, when it is a regular file of yours alone (so no one else can change
    /// it while it is mapped) whose MAC matches.
    private func load(_ name: String, in folder: Directory) -> CheckpointFile? {
        guard let file = try? folder.openOwnFile(name) else { return nil }
        defer { file.close() }
        return try? CheckpointFile(file: file, key: key)
    }

    /// The checkpoint whose file holds `bytes`, when its MAC matches.
    func checked(_ bytes: [UInt8]) -> CheckpointFile? { try? CheckpointFile(bytes: bytes, key: key) }

    /// What is wrong with a checkpoint whose MAC matched, filed as the view `view`'s (whose state has `version`)
    /// after event `seq`, or nil: it names another view or event, is of another version or log, or its event
    /// is no longer where it was.
    func problem(with header: CheckpointFile.Header, view: String, version: UInt32?, seq: Int) -> String? {
        if header.view != view || header.seq != seq { return "is named for another view or event than it holds" }
        if header.stateVersion != version { return "is of another version of the view" }
        if header.logID != logID { return "belongs to another log" }
        if !follows(header) { return "names an event that is no longer where it was in the log" }
        return nil
    }

    /// Whether the events file still holds, where the checkpoint says, the event it follows.
    func follows(_ header: CheckpointFile.Header) -> Bool {
        guard let file = try? FileDescriptor.open(logFolder.eventsFile, .read.inLog) else { return false }
        defer { file.close() }
        return file.holdsEvent(seq: header.seq, hash: header.hash, at: LineSpan(start: header.lineStart, end: header.lineEnd))
    }

    /// The size in bytes of `view`'s checkpoint after event `seq`, or 0 when there is none.
    public func size(of view: String, seq: Int) -> Int64 {
        let size = inFolder(of: view) { (folder: Directory) throws(SystemError) -> Int64? in try folder.status(Self.name(seq))?.size }
        return (size ?? nil) ?? 0
    }

    /// The whole file a checkpoint of `writer`'s state, following the event `header` names, would hold.
    func bytes(_ writer: CheckpointWriter, _ header: CheckpointFile.Header) -> [UInt8] { writer.file(header, key: key) }

    /// Writes `view`'s state as `writer` holds it, following the event `header` names, and keeps only the
    /// newest checkpoints. The caller has verified every event the state folds (see `Replay`). Best effort: a
    /// checkpoint that cannot be written is simply not there next time.
    func save(_ writer: CheckpointWriter, _ header: CheckpointFile.Header) {
        _ = inFolder(of: header.view, creating: true) { (folder: Directory) throws(SystemError) in
            try folder.replaceFile(Self.name(header.seq), with: bytes(writer, header), durable: false)
            for seq in Self.seqs(in: folder).dropFirst(CheckpointStore.kept) { try? folder.removeFile(Self.name(seq)) }
        }
    }

    /// The bytes of `view`'s checkpoint after event `seq` as they are on disk, or nil.
    func stored(_ view: String, seq: Int) -> [UInt8]? {
        inFolder(of: view) { (folder: Directory) throws(SystemError) in try folder.readFile(Self.name(seq)) } ?? nil
    }

    /// Whether `view`'s checkpoint after event `seq` is yours alone to write (see `Directory.openOwnFile`).
    func isOwn(_ view: String, seq: Int) -> Bool {
        inFolder(of: view) { (folder: Directory) throws(SystemError) in try folder.openOwnFile(Self.name(seq)).close() } != nil
    }

    /// Removes `view`'s checkpoint after event `seq`.
    func remove(_ view: String, seq: Int) {
        _ = inFolder(of: view) { (folder: Directory) throws(SystemError) in try folder.removeFile(Self.name(seq)) }
    }
}
