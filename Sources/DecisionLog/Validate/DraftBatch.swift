/// Drafts — a part of a JSON Lines file (one JSON object a line; blank lines are skipped) or a spreadsheet's
/// rows (`CSVDrafts`) — validated line by line in file order: the shared path of `schema check` and `import`
/// (`DraftChunk`). A line that registers a schema makes its type usable on the lines after it.
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

    /// The lines that are not valid drafts.
    public var failures: [(number: Int, failure: ValidationFailure)] {
        lines.compactMap { line in
            if case .failure(let failure) = line.result { return (line.number, failure) }
            return nil
        }
    }

    /// Reads and validates `bytes`, JSON Lines, in `context` against `schemas` (which learns each schema a
    /// valid line registers). A draft without an actor gets `defaultActor`, when there is one.
    public init(_ bytes: [UInt8], context: DraftContext, schemas: SchemaRegistry, defaultActor: Actor? = nil) {
        self.init(DraftChunk(jsonLines: bytes), context: context, schemas: schemas, defaultActor: defaultActor)
    }

    /// Validates the drafts of a spreadsheet's rows, numbered by the line each starts on, as `init(_:context:…)`
    /// validates a file's lines.
    public init(_ csv: CSVDrafts, context: DraftContext, schemas: SchemaRegistry, defaultActor: Actor? = nil) {
        self.init(DraftChunk(rows: csv.rows), context: context, schemas: schemas, defaultActor: defaultActor)
    }

    /// Validates the drafts of `chunk`. Drafts that register no schema are validated on every core (each share
    /// of them with its own copy of the registry); when one does, in order on one, so each sees the schemas
    /// registered above it. `checkingShapes` as for `EventDraft.validated(in:schemas:checkingShapes:)`.
    public init(_ chunk: DraftChunk, context: DraftContext, schemas: SchemaRegistry, defaultActor: Actor? = nil, checkingShapes: Bool = true) {
        let count = chunk.count, draft = chunk.draft
        @Sendable func line(_ index: Int, _ schemas: SchemaRegistry) -> Line {
            let (number, parsed) = draft(index, schemas)
            return Line(number: number, result: parsed.flatMap {
                DraftBatch.validate($0, context: context, schemas: schemas, defaultActor: defaultActor, checkingShapes: checkingShapes)
            })
        }
        if chunk.registers || count < 256 {
            lines = (0..<count).map { line($0, schemas) }
        } else {
            let registrations = schemas.registrations
            lines = ParallelMapping.map(count: count) {
                let schemas = SchemaRegistry(registrations: registrations)
                return { line($0, schemas) }
            }
        }
    }

    private static func validate(_ draft: EventDraft, context: DraftContext, schemas: SchemaRegistry,
                                 defaultActor: Actor?, checkingShapes: Bool) -> Result<ValidatedDraft, ValidationFailure> {
        var draft = draft
        if let defaultActor, draft.members["actor"] == nil { draft.setActor(name: defaultActor.name, role: defaultActor.role) }
        do throws(ValidationFailure) {
            let validated = try draft.validated(in: context, schemas: schemas, checkingShapes: checkingShapes)
            if case .schemaRegistered(let registration) = validated.payload {
                schemas.register(SchemaRegistration(registration, stamp: nil))
            }
            return .success(validated)
        } catch {
            return .failure(error)
        }
    }
}
