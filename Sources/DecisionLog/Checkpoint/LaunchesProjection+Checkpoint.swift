extension LaunchesProjection: CheckpointedProjection {
    static let checkpointVersion: UInt32 = 2

    static func write(_ state: [Subject: Record], to writer: inout CheckpointWriter) {
        writer.subjects(state) { writer, record in
            writer.history(record.steps)
        }
    }

    static func read(from reader: inout CheckpointReader) throws(CheckpointError) -> [Subject: Record] {
        try reader.subjects { (reader: inout CheckpointReader) throws(CheckpointError) -> Record in
            var record = Record()
            record.steps = try reader.history()
            return record
        }
    }
}

extension LaunchStep: CheckpointValue {
    func write(to writer: inout CheckpointBytesWriter) {
        switch self {
        case .scheduled(let name, let date):
            writer.u8(0)
            name.write(to: &writer)
            date.write(to: &writer)
        case .moved(let date, let cause):
            writer.u8(1)
            date.write(to: &writer)
            cause.write(to: &writer)
        case .shipped(let day):
            writer.u8(2)
            day.write(to: &writer)
        case .cancelled(let day):
            writer.u8(3)
            day.write(to: &writer)
        }
    }

    static func read(from reader: inout CheckpointBytesReader) throws(CheckpointError) -> LaunchStep {
        switch try reader.u8() {
        case 0: return .scheduled(name: try String.read(from: &reader), date: try CalendarDate.read(from: &reader))
        case 1: return .moved(date: try CalendarDate.read(from: &reader), cause: try String?.read(from: &reader))
        case 2: return .shipped(try CalendarDate.read(from: &reader))
        case 3: return .cancelled(try CalendarDate?.read(from: &reader))
        default: throw CheckpointError("a launch step in the checkpoint is not known")
        }
    }
}
