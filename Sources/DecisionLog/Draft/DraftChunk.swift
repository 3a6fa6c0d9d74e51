/// A run of drafts from a file, each read from its text when asked (on any thread) with the line it starts
/// on: a part of a JSON Lines file or a spreadsheet's rows. What `DraftBatch` validates.
public struct DraftChunk: Sendable {
    /// How many drafts the chunk holds.
    public let count: Int
    /// Whether a draft of the chunk may register a schema (then the chunk is validated in order).
    public let registers: Bool
    /// Draft `index` (0-based in the chunk), with its line number, or why its text holds none; read with
    /// `schemas` (the thread's own copy), where the shape of its fields depends on its type (a CSV row's).
    public let draft: @Sendable (_ index: Int, _ schemas: SchemaRegistry) -> (number: Int, draft: Result<EventDraft, ValidationFailure>)

    /// A chunk of `count` drafts given by `draft`.
    public init(count: Int, registers: Bool, draft: @escaping @Sendable (Int, SchemaRegistry) -> (number: Int, draft: Result<EventDraft, ValidationFailure>)) {
        self.count = count
        self.registers = registers
        self.draft = draft
    }

    /// The drafts of JSON Lines text whose first line is line `firstLine`: one a line that is not blank.
    public init(jsonLines bytes: [UInt8], firstLine: Int = 1) {
        let ranges = DraftChunk.lineRanges(bytes, firstLine: firstLine)
        let registers = bytes.withUnsafeBytes { ByteSearch.contains("schema.registered", in: $0) }
        self.init(count: ranges.count, registers: registers) { index, _ in (ranges[index].number, DraftChunk.parse(bytes[ranges[index].range])) }
    }

    /// The drafts of a spreadsheet's rows, numbered by the line each starts on.
    public init(rows: [CSVDrafts.Row]) {
        let registers = rows.contains { (try? $0.draft.get())?.type == SchemaRegistered.type.name }
        self.init(count: rows.count, registers: registers) { index, _ in (rows[index].line, rows[index].draft) }
    }

    /// Each line that is not blank: its number and its bytes without the newline (or a `\r` before it).
    private static func lineRanges(_ bytes: [UInt8], firstLine: Int) -> [(number: Int, range: Range<Int>)] {
        var ranges: [(number: Int, range: Range<Int>)] = []
        bytes.withUnsafeBytes { buffer in
            var start = 0, number = firstLine - 1
            while start < buffer.count {
                number += 1
                let newline = ByteSearch.firstIndex(of: UInt8(ascii: "\n"), in: buffer, from: start) ?? buffer.count
                var end = newline
                if end > start && buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                if buffer[start..<end].contains(where: { !isBlank($0) }) { ranges.append((number, start..<end)) }
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

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }
}
