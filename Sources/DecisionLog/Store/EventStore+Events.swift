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
        // Lines are read and decoded on other threads, on every core, while this one visits them in order.
        var visited = 0
        let transform = chain == nil ? Self.decode : Self.decodeAndHash
        let end = try BatchPipeline.run(read: { [self] emit in try readBatches(from: position) { emit($0) } }, transform: transform) { batch, decoded in
            for index in 0..<batch.count {
                let number = batch.firstNumber + index
                let event: Event
                switch decoded[index] {
                case .success(let decodedEvent):
                    event = decodedEvent.event
                    chain?.take(event, hashMatches: decodedEvent.hashMatches)
                case .failure(let error):
                    let problem = IntegrityProblem(error.needsNewerTool ? .needsNewerTool : .malformed, line: number, seq: nil, error.message)
                    throw LogError.integrity(problem, action: "read the log", isWrite: false)
                }
                if let problem = registered.problem(with: event) {
                    throw LogError.integrity(IntegrityProblem(problem.kind, line: number, seq: event.seq, problem.message), action: "read the log", isWrite: false)
                }
                let range = batch.ranges[index]
                let span = LineSpan(start: batch.offset + Int64(range.lowerBound), end: batch.offset + Int64(range.upperBound) + 1)
                visited += 1
                if !(try visit(event, batch[index], span)) { return false }
            }
            return true
        }
        return end ?? ReadEnd(lines: visited, skippedInterruptedWrite: false)
    }

    /// A stored line decoded, or why it does not decode.
    @Sendable private static func decode(_ line: UnsafeRawBufferPointer, _ number: Int) -> Result<(event: Event, hashMatches: Bool), EventDecodingError> {
        do throws(EventDecodingError) { return .success((try Event(line: line), true)) } catch { return .failure(error) }
    }

    /// A stored line decoded, and whether its bytes match its hash.
    @Sendable private static func decodeAndHash(_ line: UnsafeRawBufferPointer, _ number: Int) -> Result<(event: Event, hashMatches: Bool), EventDecodingError> {
        decode(line, number).map { decoded in
            let hashes = EventLine.hashes(of: line)
            return (decoded.event, hashes.map { $0.stored == $0.computed && $0.stored == decoded.event.hash } ?? false)
        }
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
