/// Merges two copies of one log that grew apart — the local one and the one being pulled in — the way git's
/// merge driver needs: the incoming (already shared) events are kept byte for byte, and the local-only events
/// are re-sealed on top of them with new seqs and a new chain, like a rebase, so no published event's hash
/// ever changes. An event already in the incoming log (by id) is not repeated. Every re-sealed event goes
/// through the checks of an append (its schema version, its references), recorded at the merge. Local events
/// that were signed are signed again, since their hashes change: each signed run by one signature, with the
/// local key.
public enum LogMerge {
    /// What a merge did.
    public struct Report: Sendable {
        /// How many events both sides had in common at the start.
        public let shared: Int
        /// How many events came in (the incoming side's after the shared ones).
        public let incoming: Int
        /// The local-only events, re-sealed: old seq and new seq.
        public let resealed: [(old: Int, new: Int)]
        /// How many signatures the re-sealed events were given (one per signed run).
        public let resigned: Int
        /// Local events the incoming side already had (the same id), not repeated.
        public let alreadyIncoming: Int
        /// Subjects both sides changed since they parted, in words.
        public let concurrentChanges: [String]
    }

    /// The merged events file of `local` and `incoming` (both events files of the log configured by
    /// `configuration`), and what was done; `signer` re-signs the local events that were signed. Works in a
    /// temporary folder. Throws `LogError` when either side fails verification, a local event cannot be
    /// re-sealed on the incoming side, or signed local events cannot be re-signed (then nothing is merged).
    public static func merge(local: [UInt8], incoming: [UInt8], configuration: LogConfig, recordedBy: String, signer: SSHSigner?,
                             environment: [String: String]) throws(LogError) -> (bytes: [UInt8], report: Report) {
        let work: String
        do throws(SystemError) { work = try FileSystem.makeTemporaryDirectory(prefix: "decisionlog-merge-", environment: environment) } catch {
            throw LogError.system(error, doing: "make a folder for the merge")
        }
        defer { try? FileSystem.removeTree(work) }
        let ours = try events(of: local, side: "the local log", in: Paths.join(work, "local"), configuration: configuration)
        let theirStore = try store(of: incoming, in: Paths.join(work, "incoming"), configuration: configuration)
        let theirs = try read(theirStore, side: "the incoming log")

        var shared = 0
        while shared < min(ours.count, theirs.count), ours[shared].hash == theirs[shared].hash { shared += 1 }
        let incomingIDs = Set(theirs.map(\.id))
        let localOnly = ours[shared...].filter { !incomingIDs.contains($0.id) }
        let alreadyIncoming = ours.count - shared - localOnly.count
        let concurrent = ConcurrentChanges.describe(local: Array(localOnly), incoming: Array(theirs[shared...]))
        // Nothing came in: the local log stands as it is (its events are not published yet).
        if shared == theirs.count { return (local, Report(shared: shared, incoming: 0, resealed: [], resigned: 0, alreadyIncoming: 0, concurrentChanges: [])) }
        var resealed: [(Int, Int)] = []
        let runs = signedRuns(of: localOnly, in: ours)
        if !runs.isEmpty && signer == nil {
            throw LogError(.signing, "local events #\(localOnly[runs[0].lowerBound].seq) and on were signed, and re-sealing changes their hashes, but no signing key is set here to sign them again",
                           hint: "nothing was merged; set yours with 'decisionlog config set signing.key <path>', then pull again")
        }
        if !localOnly.isEmpty {
            let drafts = localOnly.map { event in
                ValidatedDraft(id: event.id, effectiveAt: event.effectiveAt, actor: event.actor, subject: event.subject,
                               reason: event.reason, links: event.links, payload: event.payload)
            }
            let signing = runs.isEmpty ? nil : signer.map { AppendSigning(signer: $0, runs: runs) }
            do throws(LogError) {
                let receipt = try theirStore.append(AppendRequest(drafts: drafts, recordedBy: recordedBy, signing: signing))
                resealed = zip(localOnly, receipt.appended).map { ($0.seq, $1.seq) }
            } catch where error.code == .signing {
                throw LogError(.signing, "the re-sealed local events cannot be signed again: \(error.message)", hint: "nothing was merged; check signing.key")
            } catch {
                throw LogError(error.code, "the local events cannot be re-sealed on the incoming log: \(error.message)",
                               hint: "nothing was merged; resolve by hand, or ask who changed the log's schemas", rejections: error.rejections)
            }
        }
        let bytes: [UInt8]
        do throws(SystemError) { bytes = try FileSystem.readFile(theirStore.folder.eventsFile) } catch {
            throw LogError.system(error, doing: "read the merged log")
        }
        return (bytes, Report(shared: shared, incoming: theirs.count - shared, resealed: resealed, resigned: runs.count,
                              alreadyIncoming: alreadyIncoming, concurrentChanges: concurrent))
    }

    /// The runs of `localOnly` (positions in it) that one signature vouched for in `ours`: consecutive local
    /// events the same signature covered. Events no signature covered are in no run.
    static func signedRuns(of localOnly: [Event], in ours: [Event]) -> [ClosedRange<Int>] {
        var vouchedBy: [Int: Int] = [:]  // seq → the seq of the signature that covers it
        for event in ours.reversed() {
            guard let signature = event.signature else { continue }
            for seq in max(1, event.seq - signature.events + 1)...event.seq { vouchedBy[seq] = event.seq }
        }
        var runs: [ClosedRange<Int>] = []
        for (position, event) in localOnly.enumerated() {
            guard let carrier = vouchedBy[event.seq] else { continue }
            if let last = runs.last, last.upperBound == position - 1, vouchedBy[localOnly[last.upperBound].seq] == carrier {
                runs[runs.count - 1] = last.lowerBound...position
            } else {
                runs.append(position...position)
            }
        }
        return runs
    }

    /// A log in `folder` holding `bytes` as its events, verified in full.
    private static func store(of bytes: [UInt8], in path: String, configuration: LogConfig) throws(LogError) -> FileEventStore {
        let folder = LogFolder(path: path, currentDirectory: "/")
        do throws(SystemError) {
            try FileSystem.makeDirectories(path)
            try FileSystem.replaceFile(folder.configFile, with: configuration.bytes, durable: false)
            try FileSystem.replaceFile(folder.eventsFile, with: bytes, durable: false)
            try FileSystem.replaceFile(folder.lockFile, with: [], durable: false)
        } catch {
            throw LogError.system(error, doing: "prepare the merge")
        }
        return try FileEventStore(opening: folder)
    }

    private static func events(of bytes: [UInt8], side: String, in path: String, configuration: LogConfig) throws(LogError) -> [Event] {
        try read(store(of: bytes, in: path, configuration: configuration), side: side)
    }

    /// Every event of `store`, after verifying it; a side that fails verification cannot be merged.
    private static func read(_ store: FileEventStore, side: String) throws(LogError) -> [Event] {
        do throws(LogError) { _ = try store.verify(progress: nil) } catch {
            throw LogError(.integrity, "\(side) fails verification: \(error.message)", hint: "nothing was merged; run 'decisionlog verify' on each side", problem: error.problem)
        }
        var events: [Event] = []
        do { _ = try store.forEachEvent { event, _ in events.append(event); return true } } catch let error as LogError { throw error } catch {
            throw LogError(.integrity, "\(side) cannot be read: \(error)", hint: "nothing was merged")
        }
        return events
    }
}
