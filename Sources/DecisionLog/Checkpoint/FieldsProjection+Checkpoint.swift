extension FieldsProjection: CheckpointedProjection {
    static let checkpointVersion: UInt32 = 1

    static func write(_ state: [Subject: Record], to writer: inout CheckpointWriter) {
        writer.subjects(state) { writer, record in
            writer.records.int(record.count)
            for field in record.keys.sorted() {
                writer.value(field)
                writer.history(record[field]!)
            }
        }
    }

    static func read(from reader: inout CheckpointReader) throws(CheckpointError) -> [Subject: Record] {
        try reader.subjects { (reader: inout CheckpointReader) throws(CheckpointError) -> Record in
            var record = Record()
            for _ in 0..<(try reader.count()) {
                let field: String = try reader.value()
                record[field] = try reader.history()
            }
            return record
        }
    }
}

extension FieldsProjection.Setting: CheckpointValue {
    func write(to writer: inout CheckpointBytesWriter) {
        value.write(to: &writer)
        type.write(to: &writer)
    }

    static func read(from reader: inout CheckpointBytesReader) throws(CheckpointError) -> FieldsProjection.Setting {
        FieldsProjection.Setting(value: try JSONValue.read(from: &reader), type: try EventType.read(from: &reader))
    }
}
