import DecisionLog

/// `decisionlog checkpoint`: brings every view's checkpoint up to the end of the log.
enum CheckpointCommand: Command {
    static let spec = CommandSpec(
        name: "checkpoint", abstract: "Save every view's state at the end of the log, so queries start from there.",
        discussion: "Queries already leave checkpoints every $DECISIONLOG_CHECKPOINT_EVERY events (default 10,000; 0 turns them off); this writes them now. Each view starts from its newest checkpoint and folds the events after it; --rebuild replays from the first event instead. Every event folded is verified first (its hash and its link to the one before): a log that fails verification gets no checkpoint past the damage. Checkpoints live in the log folder's cache/ (not shared through git), each carrying a MAC under your own key ($XDG_STATE_HOME/decisionlog/checkpoint.key, else ~/.local/state/decisionlog/checkpoint.key, made on first use), and are checked before use: one your decisionlog did not write, a changed one, one of another log, or one whose event is no longer where it was is ignored and removed.",
        options: [
            rebuild.declaration,
            CommandSpec.logOption,
        ])

    static let rebuild = Flag("rebuild", help: "Ignore existing checkpoints: replay every view from the first event.")

    static func run(_ arguments: SplitArguments, in context: CommandContext) throws {
        let args = try ArgumentParser.parse(arguments, for: spec)
        let store = try context.openLog(args)
        guard store is FileEventStore else {
            throw CommandFailure("checkpoints prove themselves against an events file, and this log is in PostgreSQL; keep a mirror with 'decisionlog pull --into DIR' and checkpoint that", .invalidInput)
        }
        let key: CheckpointKey
        do throws(SystemError) { key = try CheckpointKey.load(environment: context.environment) } catch {
            throw CommandFailure("cannot write checkpoints without a checkpoint key: \(error); set $HOME (or $XDG_STATE_HOME) to a folder of yours", .failure)
        }
        let checkpoints = CheckpointStore(folder: store.folder, logID: store.configuration.logID, key: key, interval: 1, readsExisting: !args.flag(rebuild))
        let views = Views.checkpointed
        let size = (try? FileSystem.status(store.folder.eventsFile))??.size ?? 0
        let bar = ProgressBar(args.flag(rebuild) ? "Rebuilding" : "Checkpointing", in: context)
        defer { bar.finish() }
        let replay = try Replay(store, views: views, known: .everything, checkpoints: checkpoints) { bar.update($0, of: size) }
        bar.finish()
        context.warnIfSkipped(replay.skippedInterruptedWrite)
        if let broken = replay.chainBrokenAt {
            throw CommandFailure("the log fails verification at event #\(broken), so no checkpoint was written past it: checkpoints only follow events that verify; run 'decisionlog verify' for details", .verificationFailed)
        }
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
