/// A projection whose state can be saved in a checkpoint and read back: every view but the timeline (whose
/// state is the events themselves). Reading gives back a state that answers exactly as the one written, its
/// histories still in the mapped file.
protocol CheckpointedProjection: Projection {
    /// The version of the state's layout in checkpoints; bump it when `write` changes, and checkpoints of
    /// the old layout are no longer used.
    static var checkpointVersion: UInt32 { get }
    /// Writes `state`.
    static func write(_ state: State, to writer: inout CheckpointWriter)
    /// Reads a state `write` wrote; throws for bytes that are not one.
    static func read(from reader: inout CheckpointReader) throws(CheckpointError) -> State
}
