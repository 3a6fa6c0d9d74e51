/// Merges two copies of one log that grew apart from a common ancestor, the way git's merge driver needs: the
/// side holding events others already have (the *published* side) is kept byte for byte, and the other
/// side's events are re-sealed on top of it with new seqs and a new chain, like a rebase, so no published
/// event's hash ever changes.
///
/// Which events are published is what the repository's remote-tracking refs hold, or held here (see
/// `Sides.published`): in a merge that is the incoming side, in a rebase or when a stash is applied it is
/// the checked-out one. When neither side's new events are published (a repository without a remote), the
/// incoming side is kept, or the checked-out one in a rebase. When it cannot be found out, a merge that
/// would have to choose is refused.
///
/// What a merge refuses (nothing is merged, and it says why, naming the first event concerned):
/// - a side without an event of the common ancestor as it was: it rewrote, removed or reordered events that
///   were already shared (published history never changes), or it is another log. Only an ancestor's event
///   others do not have yet may stand re-sealed as the same decision, as a rebase or a stash leaves it;
/// - both sides with new events when it cannot be found out which of them others have;
/// - an event both sides hold with a different signature (the signature is outside the hash);
/// - both sides with published events the other lacks: a force-push dropped events others already had, or
///   two pushed branches were both extended;
/// - either side failing verification;
/// - an id on both sides with other content (one would silently win);
/// - a published schema decisionlog refuses (one that could hang or crash it);
/// - a re-sealed event the published side's schemas refuse, or signed events and no key to sign them again.
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
        /// The other side's events, re-sealed: old seq and new seq.
        public let resealed: [(old: Int, new: Int)]
        /// How many signatures the re-sealed events were given (one per signed run).
        public let resigned: Int
        /// Events of the other side the published side already had (the same id and content), not repeated.
        public let alreadyIncoming: Int
        /// Subjects both sides changed since they parted, in words.
        public let concurrentChanges: [String]
        /// The domain rules the joined events break (views leave those events out; `verify` lists them).
        public var ruleBreaks: [String] = []
    }

    /// The three files of a merge, as git hands them to the driver, and what is known of what others have.
    public struct Sides {
        /// The events file as both sides last had it in common (empty when it did not exist then).
        public let base: [UInt8]
        /// The checked-out side (git's `%A`, "ours"); the merge is written in its place.
        public let ours: [UInt8]
        /// The side being merged in (git's `%B`, "theirs").
        public let theirs: [UInt8]
        /// True in a rebase, where git checks out the published side and merges in the local commits.
        public let rebasing: Bool
        /// What others already have, of the given event hashes (see `Published`).
        public let published: (Set<Digest>) -> Published

        /// The sides; see the properties.
        public init(base: [UInt8], ours: [UInt8], theirs: [UInt8], rebasing: Bool, published: @escaping (Set<Digest>) -> Published) {
            self.base = base
            self.ours = ours
            self.theirs = theirs
            self.rebasing = rebasing
            self.published = published
        }

        /// How messages name `ours` and `theirs`: local and incoming, swapped in a rebase.
        var names: (ours: String, theirs: String) { rebasing ? ("the incoming log", "the local log") : ("the local log", "the incoming log") }
    }

    /// What is known of the events others already have.
    public enum Published: Sendable, Equatable {
        /// There is no remote: nothing is published, and the sides may be joined either way.
        case noRemote
        /// Of the hashes asked about, these are held by others.
        case found(Set<Digest>)
        /// Others may hold some, but it could not be found out (why, in words): a merge that must choose which
        /// side to keep is refused rather than guessed.
        case incomplete(String)
    }

    /// The merged events file of `sides` (events files of the log configured by `configuration`), and what
    /// was done; `signer` re-signs the re-sealed events that were signed. Works in a private folder of its own
    /// under `$TMPDIR` (removed afterwards; one left by a merge that was killed is removed by the next).
    /// Throws `LogError` for each refusal listed on `LogMerge`; nothing is merged then.
    public static func merge(_ sides: Sides, configuration: LogConfig, recordedBy: String, signer: SSHSigner?,
                             environment: [String: String]) throws(LogError) -> (bytes: [UInt8], report: Report) {
        let names = sides.names
        let base = try ancestor(sides.base)
        let work = try MergeFolder(environment: environment)
        defer { work.remove() }
        let ourStore = try store(of: sides.ours, in: work.path("ours"), configuration: configuration)
        let theirStore = try store(of: sides.theirs, in: work.path("theirs"), configuration: configuration)
        let ours = try read(ourStore, side: names.ours), theirs = try read(theirStore, side: names.theirs)
        var shared = 0
        while shared < min(ours.count, theirs.count), ours[shared].hash == theirs[shared].hash { shared += 1 }
        // The signature is outside the hash: an event both sides hold must carry the same one on both.
        if let differing = (0..<shared).first(where: { ours[$0].signature != theirs[$0].signature }) {
            throw LogError(.integrity, "event #\(ours[differing].seq) is on both sides, but its signature differs between \(names.ours) and \(names.theirs): someone removed, replaced or added one",
                           hint: "nothing was merged; run 'decisionlog verify --signatures' on each side to see which holds the signature its actor made")
        }

        // What others already have, of what is not the same on both sides. A version of the log holding an
        // event holds the chain before it, so past 1,000 changed ones the first tells: unpublished, none is;
        // published, all are taken to be.
        let ourHashes = Set(ours.map(\.hash)), theirHashes = Set(theirs.map(\.hash))
        let changedBase = base.filter { !ourHashes.contains($0.hash) || !theirHashes.contains($0.hash) }
        let askedBase = changedBase.count <= 1_000 ? changedBase : Array(changedBase.prefix(1))
        var asked = Set(askedBase.map(\.hash))
        for side in [ours, theirs] where side.count > shared { asked.insert(side[shared].hash) }
        let knowledge = sides.published(asked)
        var published: Set<Digest> = switch knowledge {
        case .noRemote: []
        case .found(let hashes): hashes
        case .incomplete: Set(changedBase.map(\.hash))
        }
        if changedBase.count > 1_000, let first = changedBase.first, published.contains(first.hash) { published.formUnion(changedBase.map(\.hash)) }
        if case .incomplete(let why) = knowledge, ours.count > shared, theirs.count > shared {
            throw LogError(.io, "cannot tell which of \(names.ours) and \(names.theirs) others already have (\(why)), so neither can be re-sealed safely",
                           hint: "nothing was merged; prune stale remote branches ('git fetch --prune'), then pull again")
        }
        // Every event of the ancestor is on both sides: unchanged when others have it; else unchanged or
        // re-sealed as the same decision (a rebase's or a stash's earlier step re-sealed a local event).
        let ourDrafts = Dictionary(ours.map { ($0.id, ValidatedDraft(restating: $0)) }) { first, _ in first }
        let theirDrafts = Dictionary(theirs.map { ($0.id, ValidatedDraft(restating: $0)) }) { first, _ in first }
        for event in changedBase {
            let mustStay = published.contains(event.hash)
            for (side, hashes, drafts) in [(names.theirs, theirHashes, theirDrafts), (names.ours, ourHashes, ourDrafts)] where !hashes.contains(event.hash) {
                if !mustStay, drafts[event.id]?.matches(RecordedContent(event)) == true { continue }
                throw rewrite(by: side, of: event, published: mustStay)
            }
        }
        let oursPublished = ours.count > shared && published.contains(ours[shared].hash)
        let theirsPublished = theirs.count > shared && published.contains(theirs[shared].hash)
        if oursPublished && theirsPublished {
            throw LogError(.integrity, "\(names.ours) and \(names.theirs) each hold events others already have that the other lacks (#\(ours[shared].seq) on one side, #\(theirs[shared].seq) on the other): both cannot keep their hashes — someone force-pushed over events others had, or two pushed branches of the log were both extended",
                           hint: "nothing was merged; a log grows on one shared branch: if a force-push dropped events, push them back ('git reflog' of the remote branch shows them); if a branch was extended, re-record its events on the shared branch")
        }
        let keepOurs = oursPublished || (!theirsPublished && sides.rebasing)
        let (kept, keptStore, other) = keepOurs ? (ours, ourStore, theirs) : (theirs, theirStore, ours)
        let keptHashes = keepOurs ? ourHashes : theirHashes
        let (keptName, movingName) = keepOurs ? (names.ours, names.theirs) : (names.theirs, names.ours)
        try refuseSchemas(in: kept[shared...], of: keptName)
        try refuseSchemas(in: other[shared...], of: movingName)
        let moving = other.filter { !keptHashes.contains($0.hash) }
        // Subjects both sides changed: leaving out the decisions both sides hold (re-sealed on one of them).
        let keptIDs = Set(kept[shared...].map(\.id)), movingIDs = Set(moving.map(\.id))
        let concurrent = ConcurrentChanges.describe(local: moving.filter { !keptIDs.contains($0.id) },
                                                    incoming: kept[shared...].filter { !movingIDs.contains($0.id) }, zone: configuration.timeZone)
        // Nothing to move: the kept side is the merge.
        guard !moving.isEmpty else {
            return (keepOurs ? sides.ours : sides.theirs, Report(shared: shared, incoming: kept.count - shared, resealed: [], resigned: 0, alreadyIncoming: 0, concurrentChanges: concurrent))
        }
        var resealed: [(Int, Int)] = []
        var alreadyIncoming = 0, resigned = 0
        var ruleBreaks: [String] = []
        let runs = signedRuns(of: moving, in: other)
        if !runs.isEmpty && signer == nil {
            throw LogError(.signing, "events #\(moving[runs[0].lowerBound].seq) and on of \(movingName) were signed, and re-sealing changes their hashes, but no signing key is set here to sign them again",
                           hint: "nothing was merged; set yours with 'decisionlog config set signing.key <path>', then pull again")
        }
        let drafts = moving.map(ValidatedDraft.init(restating:))
        let signing = runs.isEmpty ? nil : signer.map { AppendSigning(signer: $0, runs: runs) }
        do throws(LogError) {
            var request = AppendRequest(drafts: drafts, recordedBy: recordedBy, signing: signing)
            request.enforcesRules = false  // each side accepted its events; a break their joining makes is reported
            let receipt = try keptStore.append(request)
            ruleBreaks = receipt.ruleBreaks
            let present = Set(receipt.alreadyPresent.map(\.id))
            resealed = zip(moving.filter { !present.contains($0.id) }, receipt.appended).map { ($0.seq, $1.seq) }
            alreadyIncoming = receipt.alreadyPresent.count
            // A run whose events the kept side all had was not signed again.
            resigned = runs.filter { run in run.contains { !present.contains(moving[$0].id) } }.count
        } catch where error.code == .signing {
            throw LogError(.signing, "the re-sealed events of \(movingName) cannot be signed again: \(error.message)", hint: "nothing was merged; check signing.key")
        } catch where error.code == .conflict {
            let first = error.rejections.first.map { moving[$0.position] }
            let which = first.map { "event #\($0.seq) (\($0.id)) of \(movingName) is also in \(keptName) with other content" } ?? "an event's id of \(movingName) is in \(keptName) with other content"
            throw LogError(.conflict, "\(which): \(error.message)",
                           hint: "nothing was merged; an id names one decision, so one side recorded it wrongly: retract one and record it again under a new id",
                           rejections: error.rejections)
        } catch {
            throw LogError(error.code, "the events of \(movingName) cannot be re-sealed on \(keptName): \(error.message)",
                           hint: "nothing was merged; resolve by hand, or ask who changed the log's schemas", rejections: error.rejections)
        }
        let bytes: [UInt8]
        do throws(SystemError) { bytes = try FileSystem.readFile(keptStore.folder.eventsFile, mode: .read.inLog) } catch {
            throw LogError.system(error, doing: "read the merged log")
        }
        var report = Report(shared: shared, incoming: kept.count - shared, resealed: resealed, resigned: resigned,
                            alreadyIncoming: alreadyIncoming, concurrentChanges: concurrent)
        report.ruleBreaks = ruleBreaks
        return (bytes, report)
    }

    /// The events of the common ancestor's file (its complete lines); throws when a line is not an event.
    private static func ancestor(_ bytes: [UInt8]) throws(LogError) -> [Event] {
        var events: [Event] = []
        for (index, line) in LineBytes.completeLines(of: bytes).split(separator: 0x0A).enumerated() {
            do throws(EventDecodingError) { events.append(try Event(line: line)) } catch {
                throw LogError(.integrity, "the common ancestor's log cannot be read at line \(index + 1): \(error.message)", hint: "nothing was merged")
            }
        }
        return events
    }

    /// The refusal of a side that lacks `event`, which the common ancestor held (and others too, when
    /// `published`).
    private static func rewrite(by side: String, of event: Event, published: Bool) -> LogError {
        guard published else {
            return LogError(.integrity, "\(side) drops event #\(event.seq) (\(event.type) on \(event.subject)), which the common ancestor held",
                            hint: "nothing was merged; an event is never dropped from a log, even one not pushed yet — keep its commit (in a rebase), or retract the event with a new one")
        }
        let what = event.seq == 1 ? "is another log (or rewrote its first event): its first event is not the one both sides shared"
            : "changes history both sides already shared: event #\(event.seq) is not in it as it was in the common ancestor"
        return LogError(.integrity, "\(side) \(what)",
                        hint: "nothing was merged; published events never change — find who rewrote the log ('git log -p' on events.jsonl), and compare with 'decisionlog verify --head'")
    }

    /// Refuses `events` (new on one side) when one registers a schema decisionlog cannot use safely:
    /// registering it through `schema add` would be refused too.
    private static func refuseSchemas(in events: ArraySlice<Event>, of side: String) throws(LogError) {
        for event in events {
            guard case .schemaRegistered(let registration) = event.payload else { continue }
            if let issue = SchemaRegistry.problems(registering: registration).first {
                throw LogError(.rejectedDraft, "event #\(event.seq) of \(side) registers \(registration.definedType) v\(registration.version) with a schema decisionlog refuses: \(issue)",
                               hint: "nothing was merged; ask whoever registered it to register a schema 'decisionlog schema add' accepts")
            }
        }
    }

    /// The runs of `localOnly` (positions in it) that one signature vouched for in `ours`: consecutive local
    /// events the same signature covered (`EventSignature.run`). Events no signature covered are in no run.
    static func signedRuns(of localOnly: [Event], in ours: [Event]) -> [ClosedRange<Int>] {
        // The signature covering each event of `ours` (a verified log: event seq n at position n - 1).
        let coverage = SignatureCheck.coverage(of: ours.map(SignatureCheck.Entry.init)).vouchedBy
        func carrierOf(_ event: Event) -> Int? { coverage[event.seq - 1] }
        var runs: [ClosedRange<Int>] = []
        for (position, event) in localOnly.enumerated() {
            guard let carrier = carrierOf(event) else { continue }
            if let last = runs.last, last.upperBound == position - 1, carrierOf(localOnly[last.upperBound]) == carrier {
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
