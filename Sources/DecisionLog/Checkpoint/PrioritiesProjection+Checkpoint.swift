extension PrioritiesProjection: CheckpointedProjection {
    static let checkpointVersion: UInt32 = 1

    static func write(_ state: [Subject: Record], to writer: inout CheckpointWriter) {
        writer.subjects(state) { writer, record in
            let frameworks = PriorityFramework.allCases.filter { record[$0] != nil }
            writer.records.int(frameworks.count)
            for framework in frameworks {
                writer.value(framework.rawValue)
                writer.history(record[framework]!)
            }
        }
    }

    static func read(from reader: inout CheckpointReader) throws(CheckpointError) -> [Subject: Record] {
        try reader.subjects { (reader: inout CheckpointReader) throws(CheckpointError) -> Record in
            var record = Record()
            for _ in 0..<(try reader.count()) {
                guard let framework = PriorityFramework(rawValue: try reader.value(String.self)) else {
                    throw CheckpointError("a priority framework in the checkpoint is not known")
                }
                record[framework] = try reader.history()
            }
            return record
        }
    }
}
