/// A CSV file (RFC 4180) read into records: fields separated by a comma — or by the semicolon or tab the
/// header line uses instead, as spreadsheets in some locales write — records by line breaks (LF or CRLF),
/// fields quoted with `"` where they hold separators, quotes or line breaks (`""` inside is one quote).
/// A UTF-8 byte-order mark is skipped, and so are blank lines and rows of empty fields. A field decisionlog
/// protected from running as a spreadsheet formula (`'=…`) is read back as it was (`CSVCell.unprotect`).
public struct CSVTable: Sendable, Equatable {
    /// One record: the line it starts on (1-based) and its fields, in order.
    public struct Record: Sendable, Equatable {
        /// The line the record starts on; a quoted field may carry it over several lines.
        public let line: Int
        /// The fields, as written (quotes removed).
        public let fields: [String]
    }

    /// Every non-blank record, in file order; the first is the header when the file has one.
    public let records: [Record]
    /// The byte that separates fields: a comma, a semicolon or a tab.
    public let separator: UInt8
    /// The line after the last record read: where the next part of the file starts.
    public let nextLine: Int

    /// Reads `bytes`; throws `CSVSyntaxError` naming the line of an unterminated quote, text after a closing
    /// quote, a quote inside an unquoted field or bytes that are not UTF-8.
    public init(parsing bytes: [UInt8]) throws(CSVSyntaxError) {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        try self.init(parsing: bytes[start...], separator: CSVTable.separator(of: bytes[start...]), firstLine: 1)
    }

    /// Reads whole records from `bytes`, a part of a file that starts on line `firstLine` and ends at the end
    /// of a record (`recordsEnd`), fields separated by `separator`; throws as `init(parsing:)`.
    public init(parsing bytes: ArraySlice<UInt8>, separator: UInt8, firstLine: Int) throws(CSVSyntaxError) {
        self.separator = separator
        var reader = Reader(bytes: Array(bytes), position: 0, separator: separator, line: firstLine)
        var records: [Record] = []
        while let record = try reader.nextRecord() {
            // A blank line, or a spreadsheet's empty row (",,,,"), holds no record.
            if record.fields.allSatisfy({ $0.trimmingWhitespace.isEmpty }) { continue }
            records.append(Record(line: record.line, fields: record.fields.map(CSVCell.unprotect)))
        }
        self.records = records
        nextLine = reader.line
    }

    /// Where the last whole record of `bytes` ends (after its line break), reading from the start of a record
    /// with fields separated by `separator`: 0 when no line break ends one. A quote opens a quoted field only
    /// at the start of a field, as `init(parsing:)` reads it, so a line break inside a quoted field is not
    /// taken for a record's end, and a stray quote (`5" screen`) opens nothing.
    ///
    /// It jumps from quote to quote (`memchr`): outside quotes, the bytes before the next quote can only end
    /// records, and that quote opens a field when a separator or a line break comes just before it.
    public static func recordsEnd(_ bytes: ArraySlice<UInt8>, separator: UInt8) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            let raw = UnsafeRawBufferPointer(buffer), count = buffer.count, quote = UInt8(ascii: "\"")
            func breaks(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }
            var end = 0, index = 0
            scan: while index < count {
                let next = ByteSearch.firstIndex(of: quote, in: raw, from: index) ?? count
                // The last line break before that quote ends a record.
                var back = next
                while back > index {
                    back -= 1
                    if breaks(buffer[back]) { end = back + 1; break }
                }
                guard next < count else { break }
                // A quote opens a quoted field only at a field's start (else it is a stray quote, as in 5" screen).
                let opens = next == 0 || buffer[next - 1] == separator || breaks(buffer[next - 1])
                index = next + 1
                guard opens else { continue }
                // Inside quotes, up to a quote that is not doubled; a field still open at the end ends no record.
                while true {
                    guard let close = ByteSearch.firstIndex(of: quote, in: raw, from: index) else { break scan }
                    index = close + 1
                    guard index < count, buffer[index] == quote else { break }
                    index += 1
                }
            }
            // A CR whose LF is still to come belongs with it: cut before the CR.
            if end > 0, end == count, buffer[end - 1] == 0x0D { end -= 1 }
            return end
        }
    }

    /// The separator the first line uses most, outside quotes: a comma, a semicolon or a tab (a comma when
    /// it has none of them).
    public static func separator(of bytes: ArraySlice<UInt8>) -> UInt8 {
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, UInt8(ascii: "\t"): 0]
        var quoted = false
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            else if !quoted && (byte == 0x0A || byte == 0x0D) { break }
            else if !quoted, counts[byte] != nil { counts[byte]! += 1 }
        }
        let comma = UInt8(ascii: ",")
        let best = counts.max { $0.value < $1.value || ($0.value == $1.value && $1.key == comma) }!
        return best.value == 0 ? comma : best.key
    }

    /// A cursor over the bytes that reads one record at a time.
    private struct Reader {
        let bytes: [UInt8]
        var position: Int
        let separator: UInt8
        var line = 1

        mutating func nextRecord() throws(CSVSyntaxError) -> (line: Int, fields: [String])? {
            guard position < bytes.count else { return nil }
            let recordLine = line
            var fields: [String] = []
            while true {
                fields.append(try nextField())
                guard position < bytes.count else { return (recordLine, fields) }
                let byte = bytes[position]
                position += 1
                if byte == separator { continue }
                // A line break ends the record: LF, or CR followed by LF, or a lone CR.
                if byte == 0x0D && position < bytes.count && bytes[position] == 0x0A { position += 1 }
                line += 1
                return (recordLine, fields)
            }
        }

        /// One field, leaving `position` at the separator or line break after it (or the end).
        private mutating func nextField() throws(CSVSyntaxError) -> String {
            if position < bytes.count && bytes[position] == UInt8(ascii: "\"") {
                let openingLine = line
                position += 1
                var value: [UInt8] = []
                while true {
                    guard position < bytes.count else {
                        throw CSVSyntaxError(line: openingLine, message: "a quoted field is not closed; end it with \" (a quote inside is written \"\")")
                    }
                    let byte = bytes[position]
                    position += 1
                    if byte == UInt8(ascii: "\"") {
                        if position < bytes.count && bytes[position] == UInt8(ascii: "\"") { value.append(byte); position += 1; continue }
                        break
                    }
                    if byte == 0x0A || (byte == 0x0D && (position >= bytes.count || bytes[position] != 0x0A)) { line += 1 }
                    value.append(byte)
                }
                if position < bytes.count, !isEnd(bytes[position]) {
                    throw CSVSyntaxError(line: line, message: "text after the closing quote of a field; quote the whole field and write a quote inside it as \"\"")
                }
                return try text(value[...], line: openingLine)
            }
            let fieldStart = position
            while position < bytes.count, !isEnd(bytes[position]) {
                if bytes[position] == UInt8(ascii: "\"") {
                    throw CSVSyntaxError(line: line, message: "a quote inside an unquoted field; quote the whole field and write the quote as \"\"")
                }
                position += 1
            }
            return try text(bytes[fieldStart..<position], line: line)
        }

        private func isEnd(_ byte: UInt8) -> Bool { byte == separator || byte == 0x0A || byte == 0x0D }

        private func text(_ bytes: ArraySlice<UInt8>, line: Int) throws(CSVSyntaxError) -> String {
            let text = bytes.withUnsafeBufferPointer { buffer -> String?? in
                // One pass over the bytes, without branches, for a NUL and for any byte past ASCII.
                var (zero, high): (UInt8, UInt8) = (0, 0)
                for byte in buffer {
                    zero |= byte == 0 ? 1 : 0
                    high |= byte
                }
                guard zero == 0 else { return nil }
                return high < 0x80 ? String(decoding: buffer, as: UTF8.self) : .some(String(validating: buffer, as: UTF8.self))
            }
            guard let checked = text else { throw CSVSyntaxError(line: line, message: "a field holds a NUL character; remove it") }
            guard let valid = checked else { throw CSVSyntaxError(line: line, message: "the text is not valid UTF-8; save the file as UTF-8") }
            return valid
        }
    }
}
