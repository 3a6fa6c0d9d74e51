extension LaunchesProjection: CheckpointedProjection {
    static let checkpointVersion: UInt32 = 1

    static func write(_ state: [Subject: Record], to writer: inout CheckpointWriter) {
        writer.subjects(state) { writer, record in
            writer.history(record.name)
            writer.history(record.dates)
            writer.history(record.outcome)
        }
    }

    static func read(from reader: inout CheckpointReader) throws(CheckpointError) -> [Subject: Record] {
        try reader.subjects { (reader: inout CheckpointReader) throws(CheckpointError) -> Record in
            var record = Record()
            record.name = try reader.history()
            record.dates = try reader.history()
            record.outcome = try reader.history()
            return record
        }
    }
}

extension LaunchesProjection.Outcome: CheckpointValue {
    func write(to writer: inout CheckpointBytesWriter) {
        switch self {
        case .scheduled: writer.u8(0)
        case .shipped(let day):
            writer.u8(1)
            day.write(to: &writer)
        case .cancelled(let day):
            writer.u8(2)
            day.write(to: &writer)
        }
    }

    static func read(from reader: inout CheckpointBytesReader) throws(CheckpointError) -> LaunchesProjection.Outcome {
        switch try reader.u8() {
        case 0: return .scheduled
        case 1: return .shipped(try CalendarDate.read(from: &reader))
        case 2: return .cancelled(try CalendarDate?.read(from: &reader))
        default: throw CheckpointError("a launch outcome in the checkpoint is not known")
        }
    }
}
