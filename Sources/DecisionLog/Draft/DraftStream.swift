/// A file of drafts — JSON Lines, or a spreadsheet's CSV with a header row naming the fields (`CSVDrafts`) —
/// read a part at a time, so a file of any size is read in bounded memory: each part ends at the end of a
/// line (of a record, for CSV), and a line longer than a part makes the part grow to hold it. Read as often
/// as asked (an import reads it twice).
public struct DraftStream: Sendable {
    /// Where the drafts come from.
    public enum Input: Sendable {
        /// A file, by its absolute path: read a part at a time.
        case file(String)
        /// Text already read (standard input).
        case bytes([UInt8])
    }

    /// How the drafts are written.
    public enum Format: Sendable, Equatable {
        /// One JSON object a line.
        case jsonLines
        /// A header row naming the fields, then one row a draft.
        case csv
    }

    /// Where the drafts come from.
    public let input: Input
    /// The format named, or nil for the one the first character says ("{" for JSON Lines, an empty file
    /// included; anything else for CSV).
    public let format: Format?
    /// CSV: the columns to read as other fields (column → field; an empty field ignores the column).
    public let mappings: [(column: String, field: String)]
    /// About how many bytes a part holds.
    public let partBytes: Int

    /// The longest line (CSV: record) a file may have: 8 MiB. A draft's event takes at most 1 MiB, so a longer
    /// line can hold no draft the log would take, and reading it whole would let a file exhaust memory.
    public static let longestLine = 8 << 20

    /// A stream of the drafts in `input`; see the properties.
    public init(_ input: Input, format: Format? = nil, mappings: [(column: String, field: String)] = [], partBytes: Int = 4 << 20) {
        self.input = input
        self.format = format
        self.mappings = mappings
        self.partBytes = max(partBytes, 64)
    }

    /// Calls `body` with each part's drafts, in file order, and how many bytes of the input have been read
    /// of how many; a CSV file's rows are read with `schemas` (the shapes of payload fields). Throws
    /// `DraftStreamError` when the input cannot be read, is not CSV, has a header that does not name the
    /// fields, or holds no draft, and rethrows what `body` throws.
    public func forEachChunk(schemas: SchemaRegistry, _ body: (DraftChunk, _ read: Int64, _ total: Int64) throws -> Void) throws {
        let head = try head()
        let isCSV = DraftStream.isCSV(head, format: format)
        // The separator the header line uses most (`CSVTable.separator`), read before the first part is cut.
        let separator = CSVTable.separator(of: head.starts(with: [0xEF, 0xBB, 0xBF]) ? head.dropFirst(3) : head[...])
        var csv: CSVDrafts.Header? = nil
        var firstLine = 1, drafts = 0
        // A JSON Lines line longer than any draft needs is a draft refused on its line.
        func overlong(_ length: Int64) throws {
            let issue = ValidationIssue(path: "", message: "the line takes \(length) bytes; no draft needs more than \(DraftStream.longestLine >> 20) MiB (its event may take at most 1 MiB): shorten its texts")
            let line = firstLine
            firstLine += 1
            drafts += 1
            try body(DraftChunk(count: 1, registers: false) { _, _ in (line, .failure(ValidationFailure([issue]))) }, 0, 0)
        }
        try forEachPart(cut: isCSV ? { CSVTable.recordsEnd($0, separator: separator) } : { ($0.lastIndex(of: 0x0A).map { $0 + 1 } ?? $0.startIndex) - $0.startIndex },
                        skipsOverlong: !isCSV, overlong: overlong) { part, isFirst, isLast, read, total in
            var part = part
            if isFirst, part.starts(with: [0xEF, 0xBB, 0xBF]) { part = part.dropFirst(3) }
            guard isCSV else {
                let chunk = DraftChunk(jsonLines: Array(part), firstLine: firstLine)
                firstLine += part.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                drafts += chunk.count
                try body(chunk, read, total)
                return
            }
            let table: CSVTable
            do throws(CSVSyntaxError) { table = try CSVTable(parsing: part, separator: separator, firstLine: firstLine) } catch {
                throw DraftStreamError.notCSV(error)
            }
            firstLine = table.nextLine
            var records = table.records[...]
            if csv == nil {
                guard let first = records.first else {
                    if isLast { throw DraftStreamError.badHeader(CSVHeaderError(problems: ["the file is empty; its first row names the columns (type,subject,effective,actor,role,…)"])) }
                    return
                }
                do throws(CSVHeaderError) { csv = try CSVDrafts.Header(first, separator: separator, mappings: mappings, schemas: schemas) } catch {
                    throw DraftStreamError.badHeader(error)
                }
                records = records.dropFirst()
            }
            // Rows become drafts as they are validated, on every core (each share with its own registry, as
            // validation has), unless one registers a schema.
            let header = csv!, rows = Array(records)
            let chunk = DraftChunk(count: rows.count, registers: rows.contains(where: header.registers)) { index, schemas in
                let row = header.row(rows[index], schemas: schemas)
                return (row.line, row.draft)
            }
            drafts += chunk.count
            try body(chunk, read, total)
        }
        if drafts == 0 { throw DraftStreamError.empty(csv: isCSV) }
    }

    /// Calls `body` with each part of the input: whole lines (whole records, for CSV, whose line breaks inside
    /// quotes do not end them), the last part whatever is left.
    /// With `skipsOverlong`, a line longer than `longestLine` is skipped, its length given to `overlong`;
    /// without (CSV, whose records cannot be skipped without reading their quotes), it is an error.
    private func forEachPart(cut: (ArraySlice<UInt8>) -> Int, skipsOverlong: Bool, overlong: Overlong,
                             _ body: (ArraySlice<UInt8>, _ isFirst: Bool, _ isLast: Bool, _ read: Int64, _ total: Int64) throws -> Void) throws {
        switch input {
        case .bytes(let bytes):
            try body(bytes[...], true, true, Int64(bytes.count), Int64(bytes.count))
        case .file(let path):
            let file: FileDescriptor
            let total: Int64
            do throws(SystemError) {
                file = try FileDescriptor.open(path, .read)
                total = try file.status().size
            } catch { throw DraftStreamError.unreadable(error) }
            defer { file.close() }
            var buffer: [UInt8] = [], offset: Int64 = 0, size = partBytes, isFirst = true
            while true {
                let kept = buffer.count
                buffer += repeatElement(0, count: size - kept)
                var filled = kept
                while filled < size {
                    let count = try Self.read(file, into: &buffer, from: filled, at: offset)
                    if count == 0 { break }
                    filled += count
                    offset += Int64(count)
                }
                buffer.removeLast(size - filled)
                if filled < size {
                    try body(buffer[...], isFirst, true, offset, max(total, offset))
                    return
                }
                let end = cut(buffer[...])
                guard end > 0 else {
                    // One line longer than the part: grow the part to hold it, up to what no draft needs.
                    if size < DraftStream.longestLine {
                        size = min(size * 2, DraftStream.longestLine)
                        continue
                    }
                    guard skipsOverlong else { throw DraftStreamError.overlong(start: offset - Int64(buffer.count)) }
                    // Longer still: read on to its end without keeping it, and go on after it.
                    var length = Int64(buffer.count)
                    var block = [UInt8](repeating: 0, count: partBytes)
                    buffer = []
                    while true {
                        let count = try Self.read(file, into: &block, from: 0, at: offset)
                        if count == 0 { break }
                        offset += Int64(count)
                        if let newline = block[..<count].firstIndex(of: 0x0A) {
                            length += Int64(newline)
                            buffer = Array(block[(newline + 1)..<count])
                            break
                        }
                        length += Int64(count)
                    }
                    try overlong(length)
                    isFirst = false
                    size = max(partBytes, buffer.count * 2)
                    continue
                }
                try body(buffer[..<end], isFirst, false, offset - Int64(buffer.count - end), max(total, offset))
                isFirst = false
                buffer.removeFirst(end)
                size = max(partBytes, min(buffer.count * 2, DraftStream.longestLine))
            }
        }
    }

    /// Hears the length of a line skipped for being longer than `longestLine`.
    private typealias Overlong = (_ length: Int64) throws -> Void

    /// Reads from `offset` of `file` into `buffer` from index `start` on; returns how many bytes (0 at the end).
    private static func read(_ file: FileDescriptor, into buffer: inout [UInt8], from start: Int, at offset: Int64) throws -> Int {
        do throws(SystemError) {
            return try buffer.withUnsafeMutableBytes { raw in
                Result { () throws(SystemError) in try file.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[start...]), at: offset) }
            }.get()
        } catch { throw DraftStreamError.unreadable(error) }
    }

    /// What the file is now (size, inode, times), to tell whether it changed between two readings; nil for
    /// text already read, which cannot change.
    func version() -> [Int64]? {
        guard case .file(let path) = input, let status = try? FileSystem.status(path) else { return nil }
        return [status.size, Int64(bitPattern: status.inode), Int64(bitPattern: status.device), status.changeTimeNanoseconds, status.modificationTimeNanoseconds]
    }

    /// Whether the input is CSV: as named, else by its first character other than a space or a byte-order
    /// mark ("{" for JSON Lines, as an empty file is read).
    public func isCSV() throws -> Bool { DraftStream.isCSV(try head(), format: format) }

    private static func isCSV(_ head: [UInt8], format: Format?) -> Bool {
        if let format { return format == .csv }
        let first = head.first { $0 > 0x20 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }
        return first != nil && first != UInt8(ascii: "{")
    }

    /// The first 4 KiB of the input, which tell its format and a CSV file's separator.
    private func head() throws -> [UInt8] {
        switch input {
        case .bytes(let bytes): return Array(bytes.prefix(4096))
        case .file(let path):
            var head = [UInt8](repeating: 0, count: 4096)
            do throws(SystemError) {
                let file = try FileDescriptor.open(path, .read)
                defer { file.close() }
                var filled = 0
                while filled < head.count {
                    let count = try head.withUnsafeMutableBytes { raw in
                        Result { () throws(SystemError) in try file.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...]), at: Int64(filled)) }
                    }.get()
                    if count == 0 { break }
                    filled += count
                }
                head.removeLast(head.count - filled)
            } catch { throw DraftStreamError.unreadable(error) }
            return head
        }
    }
}
