extension RegisteredTypes {
    /// The registrations a checkpoint lists (those made before the event it follows).
    init(_ keys: [CheckpointFile.SchemaKey]) {
        for key in keys { seqOfVersion[key.type, default: [:]][key.version] = key.seq }
    }

    /// Every registration so far, in a stable order (for a checkpoint to list).
    var keys: [CheckpointFile.SchemaKey] {
        seqOfVersion.keys.sorted().flatMap { type in
            seqOfVersion[type]!.keys.sorted().map { CheckpointFile.SchemaKey(type: type, version: $0, seq: seqOfVersion[type]![$0]!) }
        }
    }
}
