extension KPIsProjection: CheckpointedProjection {
    static let checkpointVersion: UInt32 = 1

    static func write(_ state: [Subject: Record], to writer: inout CheckpointWriter) {
        writer.subjects(state) { writer, record in
            writer.history(record.definition)
            writer.history(record.targets)
            writer.history(record.actuals)
        }
    }

    static func read(from reader: inout CheckpointReader) throws(CheckpointError) -> [Subject: Record] {
        try reader.subjects { (reader: inout CheckpointReader) throws(CheckpointError) -> Record in
            var record = Record()
            record.definition = try reader.history()
            record.targets = try reader.history()
            record.actuals = try reader.history()
            return record
        }
    }
}
