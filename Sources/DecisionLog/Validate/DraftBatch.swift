import Synchronization

/// A file of drafts — JSON Lines (one JSON object a line; blank lines are skipped) or a spreadsheet's rows
/// (`CSVDrafts`) — validated line by line in file order: the shared path of `schema check` and `import`. A line that registers a schema makes its type
/// usable on the lines after it.
public struct DraftBatch: Sendable {
    /// One line's draft, valid or not.
    public struct Line: Sendable {
        /// The 1-based line number in the file.
        public let number: Int
        /// The validated draft, or every problem with it.
        public let result: Result<ValidatedDraft, ValidationFailure>
    }

    /// Every non-blank line, in file order.
    public let lines: [Line]

    /// The valid drafts, in file order.
    public var drafts: [ValidatedDraft] { lines.compactMap { try? $0.result.get() } }

    /// Hears how many drafts of how many are checked, from any thread, every 1,024 drafts.
    public typealias Progress = @Sendable (_ checked: Int, _ total: Int) -> Void

    /// The lines that are not valid drafts.
    public var failures: [(number: Int, failure: ValidationFailure)] {
        lines.compactMap { line in
            if case .failure(let failure) = line.result { return (line.number, failure) }
            return nil
        }
    }

    /// Reads and validates `bytes` in `context` against `schemas` (which learns each schema a valid line
    /// registers). A draft without an actor gets `defaultActor`, when there is one.
    public init(_ bytes: [UInt8], context: DraftContext, schemas: SchemaRegistry, defaultActor: Actor? = nil, progress: Progress? = nil) {
        let ranges = DraftBatch.lineRanges(bytes)
        let registers = bytes.withUnsafeBytes { ByteSearch.contains("schema.registered", in: $0) }
        self.init(count: ranges.count, registers: registers, context: context, schemas: schemas, defaultActor: defaultActor, progress: progress) { index in
            (ranges[index].number, DraftBatch.parse(bytes[ranges[index].range]))
        }
    }

    /// Validates the drafts of a spreadsheet's rows, numbered by the line each starts on, as `init(_:context:…)`
    /// validates a file's lines.
    public init(_ csv: CSVDrafts, context: DraftContext, schemas: SchemaRegistry, defaultActor: Actor? = nil, progress: Progress? = nil) {
        let rows = csv.rows
        let registers = rows.contains { (try? $0.draft.get())?.type == SchemaRegistered.type.name }
        self.init(count: rows.count, registers: registers, context: context, schemas: schemas, defaultActor: defaultActor, progress: progress) { index in
            (rows[index].line, rows[index].draft)
        }
    }

    /// Validates `count` drafts, each given by `draft` with its line number. Drafts that register no schema
    /// are validated on every core (each share of them with its own copy of the registry); when one does, in
    /// order on one, so each sees the schemas registered above it.
    private init(count: Int, registers: Bool, context: DraftContext, schemas: SchemaRegistry, defaultActor: Actor?, progress: Progress?,
                 draft: @escaping @Sendable (Int) -> (number: Int, draft: Result<EventDraft, ValidationFailure>)) {
        let checked = Mutex(0)
        @Sendable func line(_ index: Int, _ schemas: SchemaRegistry) -> Line {
            let (number, parsed) = draft(index)
            if let progress, index % 1024 == 1023 { progress(checked.withLock { $0 += 1024; return $0 }, count) }
            return Line(number: number, result: parsed.flatMap { DraftBatch.validate($0, context: context, schemas: schemas, defaultActor: defaultActor) })
        }
        if registers || count < 256 {
            lines = (0..<count).map { line($0, schemas) }
        } else {
            let registrations = schemas.registrations
            lines = ParallelMapping.map(count: count) {
                let schemas = SchemaRegistry(registrations: registrations)
                return { line($0, schemas) }
            }
        }
    }

    /// Each line that is not blank: its 1-based number and its bytes without the newline (or a `\r` before it).
    private static func lineRanges(_ bytes: [UInt8]) -> [(number: Int, range: Range<Int>)] {
        var ranges: [(number: Int, range: Range<Int>)] = []
        bytes.withUnsafeBytes { buffer in
            var start = 0, number = 0
            while start <= buffer.count {
                number += 1
                let newline = ByteSearch.firstIndex(of: UInt8(ascii: "\n"), in: buffer, from: start) ?? buffer.count
                var end = newline
                if end > start && buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                if buffer[start..<end].contains(where: { !DraftBatch.isBlank($0) }) { ranges.append((number, start..<end)) }
                start = newline + 1
            }
        }
        return ranges
    }

    /// The draft on one line, or why the line holds none.
    private static func parse(_ text: ArraySlice<UInt8>) -> Result<EventDraft, ValidationFailure> {
        do throws(DraftInputError) { return .success(try EventDraft(jsonText: text)) } catch {
            let message = switch error {
            case .syntax(let syntax): "malformed JSON at column \(syntax.column): \(syntax.message)"
            case .notAnObject: error.description
            }
            return .failure(ValidationFailure([ValidationIssue(path: "", message: message + "; each line holds one JSON object")]))
        }
    }

    private static func validate(_ draft: EventDraft, context: DraftContext, schemas: SchemaRegistry,
                                 defaultActor: Actor?) -> Result<ValidatedDraft, ValidationFailure> {
        var draft = draft
        if let defaultActor, draft.members["actor"] == nil { draft.setActor(name: defaultActor.name, role: defaultActor.role) }
        do throws(ValidationFailure) {
            let validated = try draft.validated(in: context, schemas: schemas)
            if case .schemaRegistered(let registration) = validated.payload {
                schemas.register(SchemaRegistration(registration, stamp: nil))
            }
            return .success(validated)
        } catch {
            return .failure(error)
        }
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }
}
