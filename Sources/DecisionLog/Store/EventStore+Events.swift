extension EventStore {
    /// Decodes the stored events in seq order and calls `visit` with each and its stored line (valid only
    /// during the call); `visit` returns false to stop. A line that does not decode throws `LogError`
    /// (`.integrity`, or `.unsupportedFormat` for events of a newer tool — a newer version of a built-in
    /// type, or a type neither built in nor registered before it).
    public func forEachEvent(_ visit: (_ event: Event, _ line: UnsafeRawBufferPointer) throws -> Bool) throws -> ReadEnd {
        var registered = RegisteredTypes()
        var unchecked: ChainWalk? = nil
        return try forEachEvent(from: .start, registered: &registered, chain: &unchecked) { event, line, _ in try visit(event, line) }
    }

    /// As `forEachEvent(_:)`, from `position` on, with the team types registered before it in `registered`
    /// (which takes in the registrations read), and each line's place in the file. With `chain`, each line
    /// is also checked against its hash and linked to the one before, on every core, from the event `chain`
    /// starts at (the one before `position`): `chain` ends where the chain still held.
    func forEachEvent(from position: LogPosition, registered: inout RegisteredTypes, chain: inout ChainWalk?,
                      _ visit: (_ event: Event, _ line: UnsafeRawBufferPointer, _ span: LineSpan) throws -> Bool) throws -> ReadEnd {
        try forEachEvent(from: position, selecting: .everything, registered: &registered, chain: &chain) { header, event, line, span in
            try visit(event!, line, span)
        }
    }

    /// As `forEachEvent(from:registered:chain:_:)`, decoding in full only the events `selection` takes:
    /// `visit` has every event's header, and the event itself when it was decoded (always, for a line in
    /// another layout than the canonical one).
    func forEachEvent(from position: LogPosition, selecting selection: DecodedTypes, registered: inout RegisteredTypes, chain: inout ChainWalk?,
                      _ visit: (_ header: EventHeader, _ event: Event?, _ line: UnsafeRawBufferPointer, _ span: LineSpan) throws -> Bool) throws -> ReadEnd {
        try forEachEvent(from: position, selecting: selection, registered: &registered, chain: &chain,
                         deriving: Optional<@Sendable (Event) -> Bool?>.none) { header, event, _, line, span in try visit(header, event, line, span) }
    }

    /// As `forEachEvent(from:selecting:registered:chain:_:)`, also giving `visit` what `derive` makes of each
    /// decoded event — run on the decoding threads, beside the decoding, for work the visiting thread would
    /// otherwise do alone (rendering an export's rows).
    func forEachEvent<Derived: Sendable>(from position: LogPosition, selecting selection: DecodedTypes, registered: inout RegisteredTypes,
                                         chain: inout ChainWalk?, deriving derive: (@Sendable (Event) -> Derived?)?,
                                         _ visit: (_ header: EventHeader, _ event: Event?, _ derived: Derived?, _ line: UnsafeRawBufferPointer, _ span: LineSpan) throws -> Bool) throws -> ReadEnd {
        // Lines are read and decoded on other threads, on every core, while this one visits them in order.
        var visited = 0
        let hashing = chain != nil
        // Nothing generic in what the decoding threads run: the runtime would look a generic type up for every
        // line (a tuple's under a lock).
        var erased: (@Sendable (Event) -> (any Sendable)?)? = nil
        if let derive { erased = { event in derive(event).map { $0 as any Sendable } } }
        let transform: @Sendable (UnsafeRawBufferPointer, Int) -> DerivedLine = { [erased] line, _ in
            let decoded = DecodedLine.decode(line, selection, hashing: hashing)
            guard let erased, case .success(let read) = decoded, let event = read.event else { return DerivedLine(line: decoded, derived: nil) }
            return DerivedLine(line: decoded, derived: erased(event))
        }
        let end = try BatchPipeline.run(read: { [self] emit in try readBatches(from: position) { emit($0) } }, transform: transform) { batch, decoded in
            for index in 0..<batch.count {
                let number = batch.firstNumber + index
                let line: DecodedLine
                switch decoded[index].line {
                case .success(let decodedLine):
                    line = decodedLine
                    chain?.take(line.header, hashMatches: line.hashMatches)
                case .failure(let error):
                    let problem = IntegrityProblem(error.needsNewerTool ? .needsNewerTool : .malformed, line: number, seq: nil, error.message)
                    throw LogError.integrity(problem, action: "read the log", isWrite: false)
                }
                if let event = line.event, let problem = registered.problem(with: event) {
                    throw LogError.integrity(IntegrityProblem(problem.kind, line: number, seq: event.seq, problem.message), action: "read the log", isWrite: false)
                }
                let range = batch.ranges[index]
                let span = LineSpan(start: batch.offset + Int64(range.lowerBound), end: batch.offset + Int64(range.upperBound) + 1)
                visited += 1
                if !(try visit(line.header, line.event, decoded[index].derived.map { $0 as! Derived }, batch[index], span)) { return false }
            }
            return true
        }
        return end ?? ReadEnd(lines: visited, skippedInterruptedWrite: false)
    }

    /// The events `reference` names: one, or several when an id prefix is ambiguous, or none.
    public func events(matching reference: EventReference) throws -> [Event] {
        var found: [Event] = []
        _ = try forEachEvent { event, _ in
            if reference.matches(event) { found.append(event) }
            if case .seq(let seq) = reference { return event.seq < seq }
            if case .id = reference { return found.isEmpty }
            return true
        }
        return found
    }
}

/// A line as the decoding threads leave it: decoded, and what the pass derives from its event (of the type the
/// pass's `derive` returns).
struct DerivedLine: Sendable {
    let line: Result<DecodedLine, EventDecodingError>
    let derived: (any Sendable)?
}
