extension GoalsProjection: CheckpointedProjection {
    static let checkpointVersion: UInt32 = 2

    static func write(_ state: State, to writer: inout CheckpointWriter) {
        KPIsProjection.write(state.metrics, to: &writer)
        writer.subjects(state.goals) { writer, record in
            writer.history(record.title)
            writer.history(record.timeframe)
            writer.history(record.owner)
            writer.history(record.metric)
            writer.history(record.target)
            writer.history(record.confidence)
            writer.history(record.closing)
        }
    }

    static func read(from reader: inout CheckpointReader) throws(CheckpointError) -> State {
        var state = State()
        state.metrics = try KPIsProjection.read(from: &reader)
        state.goals = try reader.subjects { (reader: inout CheckpointReader) throws(CheckpointError) -> Record in
            var record = Record()
            record.title = try reader.history()
            record.timeframe = try reader.history()
            record.owner = try reader.history()
            record.metric = try reader.history()
            record.target = try reader.history()
            record.confidence = try reader.history()
            record.closing = try reader.history()
            return record
        }
        return state
    }
}

extension GoalsProjection.Target: CheckpointValue {
    func write(to writer: inout CheckpointBytesWriter) {
        value.write(to: &writer)
        unit.write(to: &writer)
    }

    static func read(from reader: inout CheckpointBytesReader) throws(CheckpointError) -> GoalsProjection.Target {
        GoalsProjection.Target(value: try Double.read(from: &reader), unit: try MeasureUnit?.read(from: &reader))
    }
}
