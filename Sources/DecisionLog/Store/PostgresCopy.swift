/// PostgreSQL's binary COPY format (the protocol's "binary file format"): how lines go into the events table
/// byte for byte and come back out, without the text format's escaping.
enum PostgresCopy {
    /// The fixed start of a binary COPY stream: signature, flags, header-extension length.
    static let header: [UInt8] = Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00] + [0, 0, 0, 0] + [0, 0, 0, 0]
    /// The end of a binary COPY stream.
    static let trailer: [UInt8] = [0xFF, 0xFF]

    /// Appends one row of the events table — log id, seq, id, subject, byte offset, line — to `output`.
    static func appendEventRow(logID: String, event: Event, offset: Int64, line: UnsafeRawBufferPointer, to output: inout [UInt8]) {
        appendInt16(6, to: &output)
        appendField(Array(logID.utf8), to: &output)
        appendInt64Field(Int64(event.seq), to: &output)
        appendField(Array(event.id.description.utf8), to: &output)
        appendField(Array(event.subject.text.utf8), to: &output)
        appendInt64Field(offset, to: &output)
        appendInt32(Int32(line.count), to: &output)
        output.append(contentsOf: line)
    }

    private static func appendField(_ bytes: [UInt8], to output: inout [UInt8]) {
        appendInt32(Int32(bytes.count), to: &output)
        output.append(contentsOf: bytes)
    }

    private static func appendInt64Field(_ value: Int64, to output: inout [UInt8]) {
        appendInt32(8, to: &output)
        withUnsafeBytes(of: value.bigEndian) { output.append(contentsOf: $0) }
    }

    private static func appendInt32(_ value: Int32, to output: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { output.append(contentsOf: $0) }
    }

    private static func appendInt16(_ value: Int16, to output: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { output.append(contentsOf: $0) }
    }

    /// Reads a binary COPY stream of rows (seq bigint, byte_offset bigint, line bytea) fed in pieces of any
    /// size, handing each row on as it completes.
    struct RowReader {
        private var pending: [UInt8] = []
        private var sawHeader = false
        /// True once the trailer was read.
        private(set) var finished = false

        /// Takes `piece` and calls `row` with each row it completes; throws `PostgresError` for a stream
        /// that is not binary COPY of the three columns.
        mutating func take(_ piece: UnsafeRawBufferPointer, row: (_ seq: Int, _ offset: Int64, _ line: UnsafeRawBufferPointer) throws -> Void) throws {
            pending.append(contentsOf: piece)
            var position = 0
            let consumed: Int = try pending.withUnsafeBytes { bytes in
                func int(_ at: Int, _ width: Int) -> Int64 {
                    var value: Int64 = 0
                    for index in at..<(at + width) { value = value << 8 | Int64(bytes[index]) }
                    return width == 2 ? Int64(Int16(truncatingIfNeeded: value)) : width == 4 ? Int64(Int32(truncatingIfNeeded: value)) : value
                }
                if !sawHeader {
                    guard bytes.count >= 19 else { return 0 }
                    guard bytes.prefix(11).elementsEqual(PostgresCopy.header.prefix(11)) else { throw Self.malformed }
                    let extensionLength = Int(int(15, 4))
                    guard extensionLength >= 0, bytes.count >= 19 + extensionLength else { return 0 }
                    position = 19 + extensionLength
                    sawHeader = true
                }
                while !finished, bytes.count - position >= 2 {
                    let fields = int(position, 2)
                    if fields == -1 {
                        finished = true
                        position += 2
                        break
                    }
                    guard fields == 3 else { throw Self.malformed }
                    // seq and offset: 4 + 8 bytes each; then the line's length and bytes.
                    guard bytes.count - position >= 2 + 12 + 12 + 4 else { break }
                    guard int(position + 2, 4) == 8, int(position + 14, 4) == 8 else { throw Self.malformed }
                    let length = Int(int(position + 26, 4))
                    guard length >= 0 else { throw Self.malformed }
                    guard bytes.count - position >= 30 + length else { break }
                    try row(Int(int(position + 6, 8)), int(position + 18, 8), UnsafeRawBufferPointer(rebasing: bytes[(position + 30)..<(position + 30 + length)]))
                    position += 30 + length
                }
                return position
            }
            pending.removeFirst(consumed)
        }

        private static let malformed = PostgresError(message: "the database sent rows in an unexpected form", sqlState: nil, connectionLost: false)
    }
}
