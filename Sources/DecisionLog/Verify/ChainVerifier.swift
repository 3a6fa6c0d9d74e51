/// The invariant checker of a log: fed the lines in order, it proves that each is a well-formed, canonical
/// event whose hash matches its bytes, that each links to the one before, that seq runs 1, 2, 3… with no
/// gap, that ids are unique and that recorded time never goes back.
///
/// `verify`, appends to a log whose file changed behind the tool's back, and the tests all use this one
/// checker, so they agree on what a valid log is.
public struct ChainVerifier: Sendable {
    /// The head after the lines checked so far.
    public private(set) var head: LogHead = .empty
    /// How many lines were checked.
    public private(set) var count = 0
    private var ids = EventIDSet()
    private var registered = RegisteredTypes()

    /// A checker at the start of a log.
    public init() {}

    /// Checks the next line (without its newline) and returns the first problem with it, if any; after a
    /// problem the checker's state is unspecified.
    public mutating func check(line: UnsafeRawBufferPointer, number: Int) -> IntegrityProblem? {
        switch ChainVerifier.checkAlone(line, number: number) {
        case .success(let event): return checkInChain(event, number: number)
        case .failure(let problem):
            count += 1
            return problem
        }
    }

    /// What a line is on its own — its event, or the first thing wrong with it that no other line is needed
    /// to see: no hash member, bytes that do not match it, not an event, not in canonical form. Lines can be
    /// checked this way in any order, on every core.
    static func checkAlone(_ line: UnsafeRawBufferPointer, number: Int) -> Result<Event, IntegrityProblem> {
        guard let hashes = EventLine.hashes(of: line) else {
            return .failure(IntegrityProblem(.malformed, line: number, seq: nil,
                                             "the line does not end with a hash member; it is not an event the log wrote"))
        }
        let decoded = Result { () throws(EventDecodingError) -> (event: Event, isCanonical: Bool) in
            if let canonical = try Event.decodeCanonical(line.assumingMemoryBound(to: UInt8.self), checkingForm: true) { return canonical }
            let event = try Event(generalLine: line)
            return (event, event.line.dropLast().elementsEqual(line))
        }
        if hashes.stored != hashes.computed {
            return .failure(IntegrityProblem(.hashMismatch, line: number, seq: (try? decoded.get().event.seq) ?? EventLine.leadingSeq(of: line),
                                             "its bytes do not match its hash: the event was changed after it was sealed"))
        }
        switch decoded {
        case .success(let result) where !result.isCanonical:
            return .failure(IntegrityProblem(.notCanonical, line: number, seq: result.event.seq,
                                             "the line is not in canonical form: it was rewritten by something other than decisionlog"))
        case .success(let result):
            return .success(result.event)
        case .failure(let error):
            return .failure(IntegrityProblem(error.needsNewerTool ? .needsNewerTool : .malformed, line: number, seq: EventLine.leadingSeq(of: line),
                                             error.needsNewerTool ? error.message : "not a valid event: \(error.message)"))
        }
    }

    /// What the chain needs of a line that is fine on its own: small, so a batch of them moves between
    /// threads cheaply.
    struct Link: Sendable {
        let seq: Int
        let id: EventID
        let prev: Digest
        let hash: Digest
        let recordedAt: Timestamp
        /// What it does with a team-defined type; nil for most events.
        let typeUse: RegisteredTypes.Use?

        init(_ event: Event) {
            (seq, id, prev, hash, recordedAt) = (event.seq, event.id, event.prev, event.hash, event.recordedAt)
            typeUse = RegisteredTypes.Use(event.payload)
        }
    }

    /// A line that is fine on its own, as a pass over the whole log keeps it: its link, and the event or its
    /// rules' view only when the caller asked for them (the event boxed, so a batch of lines that do not keep
    /// it stays small to move).
    struct CheckedLine: Sendable {
        final class EventBox: Sendable {
            let event: Event
            init(_ event: Event) { self.event = event }
        }

        let link: Link
        let rule: RuleEvent?
        let kept: EventBox?
    }

    /// Starts loading the id set's slot that checking `link` reads (a hint, given a few lines ahead: the set
    /// is larger than the caches).
    func prefetch(_ link: Link) { ids.prefetch(link.id) }

    /// Checks `event`, a line that is fine on its own, against the lines before it: seq, link, recorded
    /// time, registrations and id.
    mutating func checkInChain(_ event: Event, number: Int) -> IntegrityProblem? {
        checkInChain(Link(event), number: number)
    }

    /// Checks `link`, of a line that is fine on its own, against the lines before it.
    mutating func checkInChain(_ link: Link, number: Int) -> IntegrityProblem? {
        count += 1
        let expectedSeq = head.seq + 1
        if link.seq != expectedSeq {
            let what = link.seq < expectedSeq ? "repeats or goes back" : "skips ahead"
            return IntegrityProblem(.sequenceGap, line: number, seq: link.seq,
                                    "seq \(what): expected #\(expectedSeq); events were removed, duplicated or reordered")
        }
        if link.prev != head.hash {
            return IntegrityProblem(.brokenLink, line: number, seq: link.seq,
                                    "prev does not match the hash of event #\(head.seq): the chain is broken here")
        }
        if link.recordedAt < head.recordedAt {
            return IntegrityProblem(.clockWentBack, line: number, seq: link.seq,
                                    "recorded at \(link.recordedAt), before event #\(head.seq) (\(head.recordedAt))")
        }
        if let use = link.typeUse, let problem = registered.problem(with: use, seq: link.seq) {
            return IntegrityProblem(problem.kind, line: number, seq: link.seq, problem.message)
        }
        if !ids.insert(link.id) {
            return IntegrityProblem(.duplicateID, line: number, seq: link.seq, "the id \(link.id) appears earlier in the log")
        }
        head = LogHead(seq: link.seq, hash: link.hash, recordedAt: link.recordedAt)
        return nil
    }

    /// Verifies a whole events file: every complete line, then the end (an incomplete final line is a
    /// problem of its own, `incompleteTail`), and that the log still holds `recorded` when given. Returns the
    /// head, or throws the first `IntegrityProblem`; throws `SystemError` when the file cannot be read. `progress`
    /// hears how many bytes are checked after each batch of lines; `observe` is shown each event that
    /// verified, in order, with where its line lies (to check something else against the same pass); `judge`
    /// is shown, in order, each verified event that a domain rule is about, as the rules see it.
    package static func verify(_ file: FileDescriptor, size: Int64? = nil, expecting recorded: RecordedHead? = nil,
                              progress: ((_ bytesChecked: Int64) -> Void)? = nil,
                              observe: ((_ event: Event, _ span: LineSpan) -> Void)? = nil,
                              judge: ((RuleEvent) -> Void)? = nil) throws -> LogHead {
        var end: ScanEnd? = nil
        let head: LogHead
        do {
            head = try verify(reading: { emit in end = try LineScanner.scanBatches(file, to: size) { emit($0) } },
                              expecting: recorded, progress: progress, observe: observe, judge: judge, checkingEnd: false)
        } catch let error as OverlongLine {
            throw IntegrityProblem(.malformed, line: error.lineNumber, seq: nil,
                                   "the line is longer than \(EventLine.maximumLength) bytes; it is not an event the log wrote")
        }
        if let end, end.incompleteTailLength > 0 {
            throw IntegrityProblem(.incompleteTail, line: end.lines + 1, seq: nil,
                                   "the file ends with an incomplete line of \(end.incompleteTailLength) bytes (an interrupted write)")
        }
        if let problem = recorded?.problem(ifLogEndsAt: head) { throw problem }
        return head
    }

    /// Verifies the lines `read` hands over, batch by batch, in seq order (from any store), and that the log
    /// still holds `recorded` when given (`checkingEnd`: also that it does not end before it). Returns the
    /// head or throws the first `IntegrityProblem`; rethrows what `read` throws. `observe` and `judge` are as
    /// for a file.
    package static func verify(reading read: (_ emit: (LineBatch) -> Bool) throws -> Void, expecting recorded: RecordedHead? = nil,
                               progress: ((_ bytesChecked: Int64) -> Void)? = nil,
                               observe: ((_ event: Event, _ span: LineSpan) -> Void)? = nil,
                               judge: ((RuleEvent) -> Void)? = nil, checkingEnd: Bool = true) throws -> LogHead {
        var verifier = ChainVerifier()
        var problem: IntegrityProblem? = nil
        // Lines are checked on their own on every core, a batch at a time, then in order against each other. The
        // workers keep of each event only what the caller asked for: most passes need its link alone.
        let (keepsEvents, keepsRules) = (observe != nil, judge != nil)
        let check = { @Sendable (line: UnsafeRawBufferPointer, number: Int) -> Result<CheckedLine, IntegrityProblem> in
            ChainVerifier.checkAlone(line, number: number).map { event in
                CheckedLine(link: Link(event), rule: keepsRules ? RuleEvent(event) : nil, kept: keepsEvents ? CheckedLine.EventBox(event) : nil)
            }
        }
        _ = try BatchPipeline.run(read: read, transform: check) { batch, results in
            for (index, result) in results.enumerated() {
                let number = batch.firstNumber + index
                if index + 8 < results.count, case .success(let ahead) = results[index + 8] { verifier.prefetch(ahead.link) }
                switch result {
                case .success(let line):
                    problem = verifier.checkInChain(line.link, number: number)
                    if problem == nil, let recorded, line.link.seq == recorded.seq { problem = recorded.problem(ifHashIs: line.link.hash, line: number) }
                    if problem == nil, let judge, let rule = line.rule { judge(rule) }
                    if problem == nil, let observe, let event = line.kept?.event {
                        let range = batch.ranges[index]
                        observe(event, LineSpan(start: batch.offset + Int64(range.lowerBound), end: batch.offset + Int64(range.upperBound) + 1))
                    }
                case .failure(let lineProblem): problem = lineProblem
                }
                if problem != nil { return false }
            }
            if let last = batch.ranges.last { progress?(batch.offset + Int64(last.upperBound) + 1) }
            return true
        }
        if let problem { throw problem }
        if checkingEnd, let problem = recorded?.problem(ifLogEndsAt: verifier.head) { throw problem }
        return verifier.head
    }
}
