extension DecisionsProjection: CheckpointedProjection {
    static let checkpointVersion: UInt32 = 1

    static func write(_ state: [Subject: Record], to writer: inout CheckpointWriter) {
        writer.subjects(state) { writer, record in
            writer.history(record.record)
            writer.history(record.supersededBy)
        }
    }

    static func read(from reader: inout CheckpointReader) throws(CheckpointError) -> [Subject: Record] {
        try reader.subjects { (reader: inout CheckpointReader) throws(CheckpointError) -> Record in
            var record = Record()
            record.record = try reader.history()
            record.supersededBy = try reader.history()
            return record
        }
    }
}
