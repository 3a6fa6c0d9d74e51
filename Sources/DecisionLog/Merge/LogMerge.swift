/// Merges two copies of one log that grew apart from a common ancestor — the local one and the published one
/// being pulled in — the way git's merge driver needs: the published events are kept byte for byte, and the
/// local-only events are re-sealed on top of them with new seqs and a new chain, like a rebase, so no
/// published event's hash ever changes.
///
/// What a merge refuses (nothing is merged, and it says why, naming the first event concerned):
/// - either side does not extend the common ancestor byte for byte: it rewrote, removed or reordered events
///   that were already shared (published history never changes), or it is another log altogether;
/// - either side fails verification;
/// - a local event's id is in the published log with other content (the published one would silently win);
/// - the published side registers a schema decisionlog refuses (one that could hang or crash it);
/// - a local event cannot be re-sealed there (its schema version, its references), or was signed and there
///   is no key to sign it again.
///
/// An event both sides have with the same content (the same id) is kept once. Every re-sealed event goes
/// through the checks of an append, recorded at the merge; signed runs are signed again with the local key.
public enum LogMerge {
    /// What a merge did.
    public struct Report: Sendable {
        /// How many events both sides had in common at the start.
        public let shared: Int
        /// How many events came in (the published side's after the shared ones).
        public let incoming: Int
        /// The local-only events, re-sealed: old seq and new seq.
        public let resealed: [(old: Int, new: Int)]
        /// How many signatures the re-sealed events were given (one per signed run).
        public let resigned: Int
        /// Local events the published side already had (the same id and content), not repeated.
        public let alreadyIncoming: Int
        /// Subjects both sides changed since they parted, in words.
        public let concurrentChanges: [String]
    }

    /// The three files of a merge: the common ancestor's events, the local side's and the published side's.
    public struct Sides: Sendable {
        /// The events file as both sides last had it in common (empty when it did not exist then).
        public let base: [UInt8]
        /// The local side: its events after the ancestor's are re-sealed.
        public let local: [UInt8]
        /// The published side (already shared): kept byte for byte.
        public let published: [UInt8]

        /// The sides; see the properties.
        public init(base: [UInt8], local: [UInt8], published: [UInt8]) {
            self.base = base
            self.local = local
            self.published = published
        }
    }

    /// The merged events file of `sides` (all events files of the log configured by `configuration`), and
    /// what was done; `signer` re-signs the local events that were signed. Works in a private folder under
    /// `folder`'s cache (removed afterwards; one left by a merge that was killed is removed by the next).
    /// Throws `LogError` for each refusal listed on `LogMerge`; nothing is merged then.
    public static func merge(_ sides: Sides, configuration: LogConfig, recordedBy: String, signer: SSHSigner?,
                             in folder: LogFolder) throws(LogError) -> (bytes: [UInt8], report: Report) {
        let base = LineBytes.completeLines(of: sides.base)
        try refuseRewrites(of: base, by: sides.published, side: "the incoming log")
        try refuseRewrites(of: base, by: sides.local, side: "the local log")
        let work = try MergeFolder(in: folder)
        defer { work.remove() }
        let ours = try read(store(of: sides.local, in: work.path("local"), configuration: configuration), side: "the local log")
        let theirStore = try store(of: sides.published, in: work.path("incoming"), configuration: configuration)
        let theirs = try read(theirStore, side: "the incoming log")

        var shared = 0
        while shared < min(ours.count, theirs.count), ours[shared].hash == theirs[shared].hash { shared += 1 }
        try refuseSchemas(in: theirs[shared...])
        let localOnly = Array(ours[shared...])
        let concurrent = ConcurrentChanges.describe(local: localOnly, incoming: Array(theirs[shared...]))
        // Nothing came in: the local log stands as it is (its events are not published yet).
        if shared == theirs.count { return (sides.local, Report(shared: shared, incoming: 0, resealed: [], resigned: 0, alreadyIncoming: 0, concurrentChanges: [])) }
        var resealed: [(Int, Int)] = []
        var alreadyIncoming = 0
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
                let present = Set(receipt.alreadyPresent.map(\.id))
                resealed = zip(localOnly.filter { !present.contains($0.id) }, receipt.appended).map { ($0.seq, $1.seq) }
                alreadyIncoming = receipt.alreadyPresent.count
            } catch where error.code == .signing {
                throw LogError(.signing, "the re-sealed local events cannot be signed again: \(error.message)", hint: "nothing was merged; check signing.key")
            } catch where error.code == .conflict {
                let first = error.rejections.first.map { localOnly[$0.position] }
                let which = first.map { "local event #\($0.seq) (\($0.id)) is also in the incoming log with other content" } ?? "a local event's id is in the incoming log with other content"
                throw LogError(.conflict, "\(which): \(error.message)",
                               hint: "nothing was merged; an id names one decision, so one side recorded it wrongly: retract one and record it again under a new id",
                               rejections: error.rejections)
            } catch {
                throw LogError(error.code, "the local events cannot be re-sealed on the incoming log: \(error.message)",
                               hint: "nothing was merged; resolve by hand, or ask who changed the log's schemas", rejections: error.rejections)
            }
        }
        let bytes: [UInt8]
        do throws(SystemError) { bytes = try FileSystem.readFile(theirStore.folder.eventsFile, mode: .read.inLog) } catch {
            throw LogError.system(error, doing: "read the merged log")
        }
        return (bytes, Report(shared: shared, incoming: theirs.count - shared, resealed: resealed, resigned: runs.count,
                              alreadyIncoming: alreadyIncoming, concurrentChanges: concurrent))
    }

    /// Refuses `side` unless it starts with `base` byte for byte: it would change events both sides had.
    private static func refuseRewrites(of base: [UInt8], by side: [UInt8], side name: String) throws(LogError) {
        guard !side.starts(with: base) else { return }
        let (line, seq) = LineBytes.firstDifference(base, side)
        let event = seq.map { "event #\($0) (line \(line))" } ?? "line \(line)"
        let what = line == 1 ? "is another log (or rewrote its first event): its first event is not the one both sides shared" : "changes history both sides already shared: \(event) differs from the common ancestor's"
        throw LogError(.integrity, "\(name) \(what)",
                       hint: "nothing was merged; published events never change — find who rewrote the log ('git log -p' on events.jsonl), and compare with 'decisionlog verify --head'")
    }

    /// Refuses `events` (arriving through the merge) when one registers a schema decisionlog cannot use
    /// safely: registering it through `schema add` would be refused too.
    private static func refuseSchemas(in events: ArraySlice<Event>) throws(LogError) {
        for event in events {
            guard case .schemaRegistered(let registration) = event.payload else { continue }
            if let issue = SchemaRegistry.problems(registering: registration).first {
                throw LogError(.rejectedDraft, "the incoming log's event #\(event.seq) registers \(registration.definedType) v\(registration.version) with a schema decisionlog refuses: \(issue)",
                               hint: "nothing was merged; ask whoever registered it to register a schema 'decisionlog schema add' accepts")
            }
        }
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

    /// A log in `folder` holding `bytes` as its events.
    private static func store(of bytes: [UInt8], in path: String, configuration: LogConfig) throws(LogError) -> FileEventStore {
        let folder = LogFolder(path: path, currentDirectory: "/")
        do throws(SystemError) {
            try FileSystem.makeDirectory(path, permissions: 0o700)
            try FileSystem.replaceFile(folder.configFile, with: configuration.bytes, durable: false)
            try FileSystem.replaceFile(folder.eventsFile, with: bytes, durable: false)
            try FileSystem.replaceFile(folder.lockFile, with: [], durable: false)
        } catch {
            throw LogError.system(error, doing: "prepare the merge")
        }
        return try FileEventStore(opening: folder)
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

/// Whole lines of an events file's bytes, compared without decoding them.
enum LineBytes {
    /// `bytes` up to and including its last newline (an incomplete last line is no event).
    static func completeLines(of bytes: [UInt8]) -> [UInt8] {
        guard let last = bytes.lastIndex(of: 0x0A) else { return [] }
        return Array(bytes[...last])
    }

    /// The 1-based number of the first line where `a` and `b` differ (or where one ends first), and the seq
    /// the line names in `a` (or else in `b`), when it names one.
    static func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> (line: Int, seq: Int?) {
        var line = 1, lineStart = 0, index = 0
        while index < a.count, index < b.count, a[index] == b[index] {
            if a[index] == 0x0A { line += 1; lineStart = index + 1 }
            index += 1
        }
        func seq(in bytes: [UInt8]) -> Int? {
            guard lineStart < bytes.count else { return nil }
            let end = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.endIndex
            return bytes[lineStart..<end].withUnsafeBytes { EventLine.leadingSeq(of: $0) }
        }
        return (line, seq(in: a) ?? seq(in: b))
    }
}
