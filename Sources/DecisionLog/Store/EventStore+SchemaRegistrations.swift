extension SchemaRegistration {
    /// The registration a stored line records, or nil when it records another type. A canonical line names
    /// its type at a fixed place, so other lines are skipped undecoded and scanning a large log for
    /// registrations costs little more than reading it; a line in any other layout is decoded.
    static func read(line: UnsafeRawBufferPointer, number: Int) throws(LogError) -> SchemaRegistration? {
        guard mayRegister(line) else { return nil }
        do throws(EventDecodingError) { return SchemaRegistration(try Event(line: line)) } catch {
            let problem = IntegrityProblem(error.needsNewerTool ? .needsNewerTool : .malformed, line: number, seq: nil, error.message)
            throw LogError.integrity(problem, action: "read the log", isWrite: false)
        }
    }

    private static let seqKey = Array(#"{"seq":"#.utf8)
    private static let typeKey = Array(#""type":""#.utf8)
    private static let registeredType = Array(#""type":"schema.registered""#.utf8)

    /// False only for a canonical line (`{"seq":N,"id":"<uuid>","type":"…`) of another type.
    private static func mayRegister(_ line: UnsafeRawBufferPointer) -> Bool {
        guard line.starts(with: seqKey) else { return true }
        var index = seqKey.count
        while index < line.count, line[index] >= UInt8(ascii: "0"), line[index] <= UInt8(ascii: "9") { index += 1 }
        let typeStart = index + #","id":""#.utf8.count + 36 + #"","#.utf8.count
        guard typeStart + registeredType.count <= line.count else { return true }
        let rest = UnsafeRawBufferPointer(rebasing: line[typeStart...])
        guard rest.starts(with: typeKey) else { return true }
        return rest.starts(with: registeredType)
    }
}

extension EventStore {
    /// Every team schema registered in the log (its `schema.registered` events), in seq order: what
    /// `SchemaRegistry(registrations:)` needs to validate drafts of team-defined types.
    public func schemaRegistrations() throws -> [SchemaRegistration] {
        var found: [SchemaRegistration] = []
        _ = try readLines { line, number in
            if let registration = try SchemaRegistration.read(line: line, number: number) { found.append(registration) }
            return true
        }
        return found
    }

    /// A registry of the built-in schemas and every schema registered in the log.
    public func schemaRegistry() throws -> SchemaRegistry { SchemaRegistry(registrations: try schemaRegistrations()) }
}
