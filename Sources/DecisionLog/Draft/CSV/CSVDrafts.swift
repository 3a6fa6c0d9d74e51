/// A spreadsheet of decisions read as drafts: the header row names each column's field — an envelope member
/// (`type`, `subject`, `effective`, `actor`, `role`, `reason`, `id`, `links`) or a payload field by its
/// name or option name (`title`, `target`, `review-by`) — ignoring case, spaces, hyphens and underscores;
/// `mappings` rename columns the team named otherwise, or ignore them (an empty field). Columns the log
/// sets itself (`seq`, `recorded`, `hash`…), as `export` writes them, are ignored, so an export imports.
public struct CSVDrafts: Sendable {
    /// What a column holds.
    public enum Column: Sendable, Hashable {
        /// An envelope member of the draft: type, subject, effectiveAt, reason, id or links.
        case envelope(String)
        /// The decider's name.
        case actorName
        /// The decider's role.
        case actorRole
        /// A payload field, by its key (lowercase letters and digits only).
        case payload(key: String)
        /// Nothing the draft takes.
        case ignored
    }

    /// One data row: the line it starts on and its draft, or what is wrong with the row as a row.
    public struct Row: Sendable {
        /// The 1-based line the row starts on.
        public let line: Int
        /// The draft the row describes (validation comes later), or why the row has none.
        public let draft: Result<EventDraft, ValidationFailure>
    }

    /// What each column holds, in order.
    public let columns: [Column]
    /// The data rows, in file order.
    public let rows: [Row]

    /// Reads `table` (its first record the header), renaming columns by `mappings` (column → field; an empty
    /// field ignores the column); payload cells take the shape of their field in the row's type, as found in
    /// `schemas`. Throws `CSVHeaderError` as `Header.init` does.
    public init(_ table: CSVTable, mappings: [(column: String, field: String)] = [], schemas: SchemaRegistry) throws(CSVHeaderError) {
        guard let first = table.records.first else { throw CSVHeaderError(problems: ["the file is empty; its first row names the columns (type,subject,effective,actor,role,…)"]) }
        let header = try Header(first, separator: table.separator, mappings: mappings, schemas: schemas)
        columns = header.columns
        rows = header.rows(table.records.dropFirst(), schemas: schemas)
    }

    /// A header row read: what each column holds, for reading the rows below it (a whole table's, or a file's
    /// part by part).
    public struct Header: Sendable {
        /// What each column holds, in order.
        public let columns: [Column]
        private let names: [String]
        private let decimalComma: Bool

        /// Reads the header `record` of a table whose fields are separated by `separator`, renaming columns by
        /// `mappings`. Throws `CSVHeaderError` listing every column that names no field, every mapping that
        /// names no column, every field given twice, and a missing `type` column.
        public init(_ header: CSVTable.Record, separator: UInt8, mappings: [(column: String, field: String)], schemas: SchemaRegistry) throws(CSVHeaderError) {
            var problems: [String] = []
            var targets = header.fields.map { $0.trimmingWhitespace }
            for mapping in mappings {
                let index = targets.indices.first { header.fields[$0].trimmingWhitespace == mapping.column }
                    ?? targets.indices.first { CSVDrafts.key(header.fields[$0]) == CSVDrafts.key(mapping.column) }
                guard let index else {
                    problems.append("--map \(mapping.column)=\(mapping.field): the header has no column '\(mapping.column)'; its columns are \(header.fields.map { $0.trimmingWhitespace }.joined(separator: ", "))")
                    continue
                }
                targets[index] = mapping.field
            }
            let payloadKeys = CSVDrafts.payloadKeys(schemas)
            var columns: [Column] = []
            var seen: [Column: Int] = [:]
            for (index, target) in targets.enumerated() {
                let name = header.fields[index].trimmingWhitespace
                let column = target.isEmpty ? .ignored : CSVDrafts.column(for: CSVDrafts.key(target), payloadKeys: payloadKeys)
                guard let column else {
                    let hint = NearestName.suggestion(for: CSVDrafts.key(target), among: Array(CSVDrafts.envelopeKeys.keys) + payloadKeys.sorted())
                        .map { " (did you mean '\($0)'?)" } ?? ""
                    problems.append("column \(index + 1) '\(name.quotedForMessage)' names no field\(hint); rename it, map it with --map '\(name.quotedForMessage)=<field>', or ignore it with --map '\(name.quotedForMessage)='")
                    columns.append(.ignored)
                    continue
                }
                if column != .ignored, let earlier = seen[column] {
                    problems.append("columns \(earlier + 1) '\(header.fields[earlier].trimmingWhitespace.quotedForMessage)' and \(index + 1) '\(name.quotedForMessage)' both give \(target); keep one, or ignore one with --map '\(name.quotedForMessage)='")
                }
                seen[column] = seen[column] ?? index
                columns.append(column)
            }
            if !columns.contains(.envelope("type")) {
                problems.append("no column gives the event type; name one 'type' or map one with --map '<column>=type'")
            }
            guard problems.isEmpty else { throw CSVHeaderError(problems: problems) }
            self.columns = columns
            names = header.fields
            decimalComma = separator == UInt8(ascii: ";")
        }

        /// The data rows among `records`, each with its draft (validation comes later) or what is wrong with it
        /// as a row; payload cells take the shape of their field in the row's type, as found in `schemas`.
        public func rows(_ records: some Collection<CSVTable.Record>, schemas: SchemaRegistry) -> [Row] {
            records.map { row($0, schemas: schemas) }
        }

        /// The data row `record`, as `rows` reads each.
        public func row(_ record: CSVTable.Record, schemas: SchemaRegistry) -> Row {
            guard record.fields.count == columns.count else {
                let issue = ValidationIssue(path: "", message: "the row has \(record.fields.count) field\(record.fields.count == 1 ? "" : "s") but the header has \(columns.count); check for a missing or extra separator, or quote a field that holds one")
                return Row(line: record.line, draft: .failure(ValidationFailure([issue])))
            }
            return Row(line: record.line, draft: CSVDrafts.draft(record.fields, header: names, columns: columns, schemas: schemas, decimalComma: decimalComma))
        }

        /// Whether `record` registers a schema (its type is `schema.registered`).
        public func registers(_ record: CSVTable.Record) -> Bool {
            guard let type = columns.firstIndex(of: .envelope("type")), type < record.fields.count else { return false }
            return record.fields[type].trimmingWhitespace == SchemaRegistered.type.name
        }
    }

    /// The draft of one row: envelope members from their columns, payload cells converted to their fields'
    /// shapes. Empty cells give nothing; a non-empty cell in a column that is not a field of the row's type
    /// is a problem of the row.
    private static func draft(_ cells: [String], header: [String], columns: [Column], schemas: SchemaRegistry, decimalComma: Bool) -> Result<EventDraft, ValidationFailure> {
        var draft = EventDraft()
        var actor: JSONObject = [:]
        var payload: [(column: Int, key: String, text: String)] = []
        for (index, column) in columns.enumerated() {
            let text = cells[index].trimmingWhitespace
            guard !text.isEmpty else { continue }
            switch column {
            case .envelope("links"):
                let ids = text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " }).map { JSONValue.string(String($0)) }
                draft.set("links", .array(ids))
            case .envelope(let member): draft.set(member, .string(text))
            case .actorName: actor["name"] = .string(text)
            case .actorRole: actor["role"] = .string(text)
            case .payload(let key): payload.append((index, key, text))
            case .ignored: break
            }
        }
        if !actor.isEmpty { draft.set("actor", .object(actor)) }
        guard let type = draft.type, let kind = schemas.kind(named: type) else {
            // An unknown or missing type: validation says so; the payload cannot be read without it.
            return .success(draft)
        }
        var issues: [ValidationIssue] = []
        var members: JSONObject = [:]
        let fields = builtInFields[type] ?? fieldsByKey(kind)
        for cell in payload {
            guard let field = fields[cell.key] else {
                issues.append(ValidationIssue(path: "", message: "column '\(header[cell.column].trimmingWhitespace)': not a field of \(type); leave it empty on this row"))
                continue
            }
            if field.shape == .number || field.shape == .integer {
                switch CSVNumber.read(cell.text, decimalComma: decimalComma) {
                case .some(.success(let number)): members[field.name] = .number(number); continue
                case .some(.failure(let problem)):
                    issues.append(ValidationIssue(path: "", message: "column '\(header[cell.column].trimmingWhitespace)': \(problem.message)"))
                    continue
                case nil: break
                }
            }
            members[field.name] = field.value(fromCell: cell.text)
        }
        guard issues.isEmpty else { return .failure(ValidationFailure(issues)) }
        draft.payload = members
        return .success(draft)
    }

    /// A column name's key: its letters and digits, lowercased ("Review by", "review-by" and "reviewBy" are
    /// all "reviewby").
    static func key(_ name: String) -> String {
        // ASCII names (nearly all) byte by byte: this runs for every payload cell.
        var ascii: [UInt8] = []
        ascii.reserveCapacity(name.utf8.count)
        for byte in name.utf8 {
            switch byte {
            case 0x80...: return String(name.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }.map(Character.init))
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): ascii.append(byte + 0x20)
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): ascii.append(byte)
            default: continue
            }
        }
        return String(decoding: ascii, as: UTF8.self)
    }

    /// A type's fields by their column key (the first field of each key).
    private static func fieldsByKey(_ kind: PayloadKind) -> [String: PayloadField] {
        Dictionary(kind.fields.map { (key($0.name), $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Each built-in type's fields by their column key, made once rather than for every cell.
    private static let builtInFields: [String: [String: PayloadField]] = Dictionary(uniqueKeysWithValues: Vocabulary.kinds.map { ($0.type.name, fieldsByKey($0)) })

    /// The envelope members a column may name, by key.
    private static let envelopeKeys: [String: Column] = [
        "type": .envelope("type"), "subject": .envelope("subject"), "effective": .envelope("effectiveAt"),
        "effectiveat": .envelope("effectiveAt"), "reason": .envelope("reason"), "id": .envelope("id"),
        "links": .envelope("links"), "link": .envelope("links"), "actor": .actorName, "actorname": .actorName,
        "role": .actorRole, "actorrole": .actorRole,
    ]

    /// The members the log sets itself, which an export writes and an import ignores.
    private static let sealedKeys: Set<String> = ["seq", "recorded", "recordedat", "recordedby", "schemaversion", "prev", "hash"]

    private static func column(for key: String, payloadKeys: Set<String>) -> Column? {
        if let column = envelopeKeys[key] { return column }
        if sealedKeys.contains(key) { return .ignored }
        if payloadKeys.contains(key) { return .payload(key: key) }
        // "payload.target", as a flattened JSON export names it.
        let field = String(key.dropFirst("payload".count))
        return key.hasPrefix("payload") && payloadKeys.contains(field) ? .payload(key: field) : nil
    }

    /// The keys of every payload field of every type, the team's included.
    private static func payloadKeys(_ schemas: SchemaRegistry) -> Set<String> {
        let kinds = Vocabulary.kinds + schemas.teamTypes.compactMap(schemas.kind(named:))
        return Set(kinds.flatMap { $0.fields.map { key($0.name) } })
    }
}
