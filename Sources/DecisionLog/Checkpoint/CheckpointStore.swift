/// A log's checkpoints: under `cache/checkpoints/` in the log folder, one folder per view, one file per
/// event a state follows (`<seq>.ckpt`). Checkpoints are derived data: never shared, never trusted without
/// their checks, and removed when they fail them.
public struct CheckpointStore: Sendable {
    /// The folder holding the views' folders.
    public let folder: String
    /// The events file the checkpoints follow.
    let eventsFile: String
    /// The log's id, which every checkpoint names.
    let logID: EventID
    /// How many events a replay must fold past the newest checkpoint before it writes a new one.
    public let interval: Int
    /// Whether replays start from existing checkpoints (else they replay from the first event and only write).
    public let readsExisting: Bool
    /// How many checkpoints each view keeps (the newest).
    static let kept = 2

    /// The checkpoints of the log in `folder`, written every `interval` events; with `readsExisting` false,
    /// existing ones are not used (to rebuild them).
    public init(folder: LogFolder, logID: EventID, interval: Int, readsExisting: Bool = true) {
        self.folder = Paths.join(folder.cacheFolder, "checkpoints")
        eventsFile = folder.eventsFile
        self.logID = logID
        self.interval = max(1, interval)
        self.readsExisting = readsExisting
    }

    private func viewFolder(_ view: String) -> String { Paths.join(folder, view) }

    /// The seqs of `view`'s checkpoints, newest first.
    public func seqs(of view: String) -> [Int] {
        let names = (try? FileSystem.list(viewFolder(view))) ?? []
        return names.compactMap { name in name.hasSuffix(".ckpt") ? Int(name.dropLast(5)) : nil }.sorted(by: >)
    }

    /// The newest checkpoint of `view` within `known` that is intact, of this version, of this log, and whose
    /// event is still where it was in the events file; nil when there is none. Checkpoints that fail a check
    /// are removed.
    func best(for view: ViewKind, within known: Cut.Known) -> CheckpointFile? {
        guard readsExisting, let version = view.checkpointVersion else { return nil }
        for seq in seqs(of: view.name) {
            if case .seq(let limit) = known, seq > limit { continue }
            let path = Paths.join(viewFolder(view.name), "\(seq).ckpt")
            guard let file = try? CheckpointFile(path: path), file.header.view == view.name, file.header.seq == seq,
                file.header.stateVersion == version, file.header.logID == logID, followsLog(file.header)
            else {
                try? FileSystem.removeFile(path)
                continue
            }
            if case .recorded(let instant) = known, file.header.recordedAt > instant { continue }
            return file
        }
        return nil
    }

    /// Whether the events file still holds, where the checkpoint says, the event it follows.
    private func followsLog(_ header: CheckpointFile.Header) -> Bool {
        let length = Int(header.lineEnd - header.lineStart)
        guard header.lineStart >= 0, length > 1, length <= EventLine.maximumLength + 1,
            let file = try? FileDescriptor.open(eventsFile, .read)
        else { return false }
        defer { file.close() }
        var line = [UInt8](repeating: 0, count: length)
        guard let read = try? line.withUnsafeMutableBytes({ try file.read(into: $0, at: header.lineStart) }), read == length,
            line.last == 0x0A
        else { return false }
        return line.withUnsafeBytes { bytes in
            let body = UnsafeRawBufferPointer(rebasing: bytes.dropLast())
            guard let hashes = EventLine.hashes(of: body) else { return false }
            return EventLine.leadingSeq(of: body) == header.seq && hashes.stored == header.hash && hashes.computed == header.hash
        }
    }

    /// The size in bytes of `view`'s checkpoint after event `seq`, or 0 when there is none.
    public func size(of view: String, seq: Int) -> Int64 {
        ((try? FileSystem.status(Paths.join(viewFolder(view), "\(seq).ckpt"))) ?? nil)?.size ?? 0
    }

    /// Writes `view`'s state as `writer` holds it, following the event `header` names, and keeps only the
    /// newest checkpoints. Best effort: a checkpoint that cannot be written is simply not there next time.
    func save(_ writer: CheckpointWriter, _ header: CheckpointFile.Header) {
        let folder = viewFolder(header.view)
        do throws(SystemError) {
            try FileSystem.makeDirectories(folder)
            try FileSystem.replaceFile(Paths.join(folder, "\(header.seq).ckpt"), with: writer.file(header), durable: false)
        } catch {
            return
        }
        for seq in seqs(of: header.view).dropFirst(CheckpointStore.kept) {
            try? FileSystem.removeFile(Paths.join(folder, "\(seq).ckpt"))
        }
    }
}
