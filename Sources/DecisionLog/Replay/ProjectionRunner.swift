/// A projection's fold in progress: its state, behind closures, for folding events and building views.
/// Confined to the replay that made it (not `Sendable`).
final class ProjectionRunner {
    private let foldEvent: (Event, Stamp) -> Void
    /// A function that builds the view's rows from the state as it stands now (a copy, which later folds do not
    /// change), on any thread.
    let rowsOfState: () -> @Sendable (ViewContext) -> [ViewRow]
    /// The fold's state as it stands, for a reader that knows the projection (the report).
    let state: () -> Any
    /// Writes the state to a checkpoint, for checkpointed views.
    let save: ((inout CheckpointWriter) -> Void)?
    /// Replaces the state with a checkpoint's, for checkpointed views.
    let load: ((inout CheckpointReader) throws(CheckpointError) -> Void)?

    init<P: Projection>(_ projection: P.Type) {
        let box = Box(P.initialState())
        foldEvent = { P.fold(&box.value, $0, $1) }
        rowsOfState = {
            let state = box.value
            return { P.rows(state, $0) }
        }
        state = { box.value }
        save = nil
        load = nil
    }

    init<P: CheckpointedProjection>(_ projection: P.Type) {
        let box = Box(P.initialState())
        foldEvent = { P.fold(&box.value, $0, $1) }
        rowsOfState = {
            let state = box.value
            return { P.rows(state, $0) }
        }
        state = { box.value }
        save = { P.write(box.value, to: &$0) }
        load = { (reader: inout CheckpointReader) throws(CheckpointError) in box.value = try P.read(from: &reader) }
    }

    func fold(_ event: Event, _ stamp: Stamp) { foldEvent(event, stamp) }

    private final class Box<Value> {
        var value: Value
        init(_ value: Value) { self.value = value }
    }
}
