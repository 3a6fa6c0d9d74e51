import DecisionLog

/// `decisionlog checkpoint`: brings every view's checkpoint up to the end of the log.
enum CheckpointCommand: Command {
    static let spec = CommandSpec(
        name: "checkpoint", abstract: "Save every view's state at the end of the log, so queries start from there.",
        discussion: "Queries already leave checkpoints every $DECISIONLOG_CHECKPOINT_EVERY events (default 10,000; 0 turns them off); this writes them now. Each view starts from its newest checkpoint and folds the events after it; --rebuild replays from the first event instead. Checkpoints live in the log folder's cache/ (not shared through git) and are checked before use: a damaged one, one of another log, or one whose event is no longer where it was is ignored and removed.",
        options: [
            .init(name: "rebuild", value: nil, help: "Ignore existing checkpoints: replay every view from the first event."),
            CommandSpec.logOption,
        ])

    static func run(_ arguments: ArraySlice<String>, in context: CommandContext) throws {
        let args = try ArgumentParser.parse(arguments, for: spec)
        let store = try context.openLog(args)
        let checkpoints = CheckpointStore(folder: store.folder, logID: store.configuration.logID, interval: 1, readsExisting: !args.flag("rebuild"))
        let views = Views.checkpointed
        let size = (try? FileSystem.status(store.folder.eventsFile))??.size ?? 0
        let bar = ProgressBar(args.flag("rebuild") ? "Rebuilding" : "Checkpointing", in: context)
        defer { bar.finish() }
        let replay = try Replay(store, views: views, known: .everything, checkpoints: checkpoints) { bar.update($0, of: size) }
        bar.finish()
        context.warnIfSkipped(replay.skippedInterruptedWrite)
        guard replay.lastSeq > 0 else {
            context.console.out("The log is empty: there is nothing to checkpoint.")
            return
        }
        let bytes = views.reduce(Int64(0)) { $0 + checkpoints.size(of: $1.name, seq: replay.lastSeq) }
        context.console.out("Checkpoints of \(views.map(\.name).joined(separator: ", ")) at #\(replay.lastSeq) (\(megabytes(bytes)) in all)")
    }

    /// `12.3 MB`.
    static func megabytes(_ bytes: Int64) -> String {
        let tenths = (bytes * 10 + 500_000) / 1_000_000
        return "\(tenths / 10).\(tenths % 10) MB"
    }
}
