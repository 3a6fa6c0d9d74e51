extension AgreementsProjection: CheckpointedProjection {
    static let checkpointVersion: UInt32 = 1

    static func write(_ state: [Subject: History<AgreementRecorded>], to writer: inout CheckpointWriter) {
        writer.subjects(state) { writer, history in writer.history(history) }
    }

    static func read(from reader: inout CheckpointReader) throws(CheckpointError) -> [Subject: History<AgreementRecorded>] {
        try reader.subjects { (reader: inout CheckpointReader) throws(CheckpointError) -> History<AgreementRecorded> in try reader.history() }
    }
}

extension SyncsProjection: CheckpointedProjection {
    static let checkpointVersion: UInt32 = 1

    static func write(_ state: [Subject: History<SyncHeld>], to writer: inout CheckpointWriter) {
        writer.subjects(state) { writer, history in writer.history(history) }
    }

    static func read(from reader: inout CheckpointReader) throws(CheckpointError) -> [Subject: History<SyncHeld>] {
        try reader.subjects { (reader: inout CheckpointReader) throws(CheckpointError) -> History<SyncHeld> in try reader.history() }
    }
}

extension AgreementRecorded: CheckpointValue {}
extension SyncHeld: CheckpointValue {}
