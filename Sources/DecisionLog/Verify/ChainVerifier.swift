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

    /// Checks `event`, a line that is fine on its own, against the lines before it: seq, link, recorded
    /// time, registrations and id.
    mutating func checkInChain(_ event: Event, number: Int) -> IntegrityProblem? {
        count += 1
        let expectedSeq = head.seq + 1
        if event.seq != expectedSeq {
            let what = event.seq < expectedSeq ? "repeats or goes back" : "skips ahead"
            return IntegrityProblem(.sequenceGap, line: number, seq: event.seq,
                                    "seq \(what): expected #\(expectedSeq); events were removed, duplicated or reordered")
        }
        if event.prev != head.hash {
            return IntegrityProblem(.brokenLink, line: number, seq: event.seq,
                                    "prev does not match the hash of event #\(head.seq): the chain is broken here")
        }
        if event.recordedAt < head.recordedAt {
            return IntegrityProblem(.clockWentBack, line: number, seq: event.seq,
                                    "recorded at \(event.recordedAt), before event #\(head.seq) (\(head.recordedAt))")
        }
        if let problem = registered.problem(with: event) {
            return IntegrityProblem(problem.kind, line: number, seq: event.seq, problem.message)
        }
        if !ids.insert(event.id) {
            return IntegrityProblem(.duplicateID, line: number, seq: event.seq, "the id \(event.id) appears earlier in the log")
        }
        head = LogHead(seq: event.seq, hash: event.hash, recordedAt: event.recordedAt)
        return nil
    }

    /// Verifies a whole events file: every complete line, then the end (an incomplete final line is a
    /// problem of its own, `incompleteTail`), and that the log still holds `recorded` when given. Returns the
    /// head, or throws the first `IntegrityProblem`; throws `SystemError` when the file cannot be read. `progress`
    /// hears how many bytes are checked after each batch of lines; `observe` is shown each event that
    /// verified, in order, with where its line lies (to check something else against the same pass).
    package static func verify(_ file: FileDescriptor, size: Int64? = nil, expecting recorded: RecordedHead? = nil,
                              progress: ((_ bytesChecked: Int64) -> Void)? = nil,
                              observe: ((_ event: Event, _ span: LineSpan) -> Void)? = nil) throws -> LogHead {
        var end: ScanEnd? = nil
        let head: LogHead
        do {
            head = try verify(reading: { emit in end = try LineScanner.scanBatches(file, to: size) { emit($0) } },
                              expecting: recorded, progress: progress, observe: observe, checkingEnd: false)
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
    /// head or throws the first `IntegrityProblem`; rethrows what `read` throws.
    package static func verify(reading read: (_ emit: (LineBatch) -> Bool) throws -> Void, expecting recorded: RecordedHead? = nil,
                               progress: ((_ bytesChecked: Int64) -> Void)? = nil,
                               observe: ((_ event: Event, _ span: LineSpan) -> Void)? = nil, checkingEnd: Bool = true) throws -> LogHead {
        var verifier = ChainVerifier()
        var problem: IntegrityProblem? = nil
        // Lines are checked on their own on every core, a batch at a time, then in order against each other.
        _ = try BatchPipeline.run(read: read, transform: { line, number in ChainVerifier.checkAlone(line, number: number) }) { batch, results in
            for (index, result) in results.enumerated() {
                let number = batch.firstNumber + index
                switch result {
                case .success(let event):
                    problem = verifier.checkInChain(event, number: number)
                    if problem == nil, let recorded, event.seq == recorded.seq { problem = recorded.problem(ifHashIs: event.hash, line: number) }
                    if problem == nil, let observe {
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
