/// A JSON Lines file of drafts (one JSON object a line; blank lines are skipped), validated line by line in
/// file order — the shared path of `schema check` and `import`. A line that registers a schema makes its type
/// usable on the lines after it.
public struct DraftBatch {
    /// One line's draft, valid or not.
    public struct Line {
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

    /// Reads and validates `bytes` in `context` against `schemas` (which learns each schema a valid line
    /// registers). A draft without an actor gets `defaultActor`, when there is one.
    public init(_ bytes: [UInt8], context: DraftContext, schemas: SchemaRegistry, defaultActor: Actor? = nil) {
        var lines: [Line] = []
        var number = 0
        for text in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            let body = text.last == UInt8(ascii: "\r") ? text.dropLast() : text
            guard body.contains(where: { !DraftBatch.isBlank($0) }) else { continue }
            lines.append(Line(number: number, result: DraftBatch.validate(body, context: context, schemas: schemas, defaultActor: defaultActor)))
        }
        self.lines = lines
    }

    private static func validate(_ text: ArraySlice<UInt8>, context: DraftContext, schemas: SchemaRegistry,
                                 defaultActor: Actor?) -> Result<ValidatedDraft, ValidationFailure> {
        var draft: EventDraft
        do throws(DraftInputError) { draft = try EventDraft(jsonText: text) } catch {
            let message = switch error {
            case .syntax(let syntax): "malformed JSON at column \(syntax.column): \(syntax.message)"
            case .notAnObject: error.description
            }
            return .failure(ValidationFailure([ValidationIssue(path: "", message: message + "; each line holds one JSON object")]))
        }
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
