/// A checkpointed view whose state is one history of records per subject (agreements, syncs): written and
/// read as such, so the view declares only its version.
protocol SubjectHistoriesCheckpoint: CheckpointedProjection where State == [Subject: History<Record>] {
    /// The records each subject's history holds.
    associatedtype Record: CheckpointValue
}

extension SubjectHistoriesCheckpoint {
    static func write(_ state: State, to writer: inout CheckpointWriter) {
        writer.subjects(state) { writer, history in writer.history(history) }
    }

    static func read(from reader: inout CheckpointReader) throws(CheckpointError) -> State {
        try reader.subjects { (reader: inout CheckpointReader) throws(CheckpointError) -> History<Record> in try reader.history() }
    }
}

extension AgreementsProjection: SubjectHistoriesCheckpoint {
    typealias Record = AgreementRecorded
    static let checkpointVersion: UInt32 = 1
}

extension SyncsProjection: SubjectHistoriesCheckpoint {
    typealias Record = SyncHeld
    static let checkpointVersion: UInt32 = 1
}

extension AgreementRecorded: CheckpointValue {}
extension SyncHeld: CheckpointValue {}
