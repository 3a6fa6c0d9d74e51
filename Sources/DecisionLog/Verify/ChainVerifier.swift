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
    private var ids: Set<EventID> = []
    private var registered = RegisteredTypes()

    /// A checker at the start of a log.
    public init() {}

    /// Checks the next line (without its newline) and returns the first problem with it, if any; after a
    /// problem the checker's state is unspecified.
    public mutating func check(line: UnsafeRawBufferPointer, number: Int) -> IntegrityProblem? {
        count += 1
        let expectedSeq = head.seq + 1
        guard let hashes = EventLine.hashes(of: line) else {
            return IntegrityProblem(.malformed, line: number, seq: nil,
                                    "the line does not end with a hash member; it is not an event the log wrote")
        }
        let decoded = Result { () throws(EventDecodingError) -> Event in try Event(line: line) }
        if hashes.stored != hashes.computed {
            return IntegrityProblem(.hashMismatch, line: number, seq: (try? decoded.get().seq) ?? EventLine.leadingSeq(of: line),
                                    "its bytes do not match its hash: the event was changed after it was sealed")
        }
        let event: Event
        switch decoded {
        case .success(let decodedEvent): event = decodedEvent
        case .failure(let error):
            return IntegrityProblem(error.needsNewerTool ? .needsNewerTool : .malformed, line: number, seq: EventLine.leadingSeq(of: line),
                                    error.needsNewerTool ? error.message : "not a valid event: \(error.message)")
        }
        if event.line.dropLast().elementsEqual(line) == false {
            return IntegrityProblem(.notCanonical, line: number, seq: event.seq,
                                    "the line is not in canonical form: it was rewritten by something other than decisionlog")
        }
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
        if !ids.insert(event.id).inserted {
            return IntegrityProblem(.duplicateID, line: number, seq: event.seq, "the id \(event.id) appears earlier in the log")
        }
        head = LogHead(seq: event.seq, hash: event.hash, recordedAt: event.recordedAt)
        return nil
    }

    /// Verifies a whole events file: every complete line, then the end (an incomplete final line is a
    /// problem of its own, `incompleteTail`). Returns the head, or throws the first `IntegrityProblem`;
    /// throws `SystemError` when the file cannot be read.
    public static func verify(_ file: FileDescriptor, size: Int64? = nil,
                              progress: ((_ linesChecked: Int) -> Void)? = nil) throws -> LogHead {
        var verifier = ChainVerifier()
        var problem: IntegrityProblem? = nil
        let end: ScanEnd
        do {
            end = try LineScanner.scan(file, to: size) { line, number, _ in
                problem = verifier.check(line: line, number: number)
                if number % 100_000 == 0 { progress?(number) }
                return problem == nil
            }
        } catch let error as OverlongLine {
            throw IntegrityProblem(.malformed, line: error.lineNumber, seq: nil,
                                   "the line is longer than \(EventLine.maximumLength) bytes; it is not an event the log wrote")
        }
        if let problem { throw problem }
        if end.incompleteTailLength > 0 {
            throw IntegrityProblem(.incompleteTail, line: end.lines + 1, seq: nil,
                                   "the file ends with an incomplete line of \(end.incompleteTailLength) bytes (an interrupted write)")
        }
        return verifier.head
    }
}
