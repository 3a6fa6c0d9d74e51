/// Reads a view's state from its checkpoint: the projection reads its records in the order it wrote them,
/// and each history comes back mapped.
struct CheckpointReader {
    let file: CheckpointFile
    var records: CheckpointBytesReader

    init(_ file: CheckpointFile) {
        self.file = file
        records = CheckpointBytesReader(file.records)
    }

    /// The next history, as `CheckpointWriter.history` wrote it.
    mutating func history<Value: CheckpointValue>(_: Value.Type = Value.self) throws(CheckpointError) -> History<Value> {
        let offset = try records.int(), count = try records.int()
        let length = count * CheckpointFile.entryLength + (count + 1) * 8
        guard offset >= 0, count >= 0, offset <= file.entries.count - length else { throw CheckpointError("a history lies outside its region") }
        let table = UnsafeRawBufferPointer(rebasing: file.entries[offset..<(offset + length)])
        return History(kept: MappedHistory(file: file, table: table, count: count, decode: { (reader: inout CheckpointBytesReader) throws(CheckpointError) -> Value in
            try Value.read(from: &reader)
        }))
    }

    /// The next value written with `CheckpointWriter.value`.
    mutating func value<Value: CheckpointValue>(_: Value.Type = Value.self) throws(CheckpointError) -> Value { try Value.read(from: &records) }

    /// A count written with `records.int`, checked to be one.
    mutating func count() throws(CheckpointError) -> Int {
        let count = try records.int()
        guard count >= 0, count <= records.bytes.count else { throw CheckpointError("a count in the checkpoint is out of range") }
        return count
    }

    /// A map from subjects, each record read with `read`.
    mutating func subjects<Record>(_ read: (inout CheckpointReader) throws(CheckpointError) -> Record) throws(CheckpointError) -> [Subject: Record] {
        let count = try count()
        var result: [Subject: Record] = [:]
        result.reserveCapacity(count)
        for _ in 0..<count {
            let subject: Subject = try value()
            result[subject] = try read(&self)
        }
        return result
    }
}
