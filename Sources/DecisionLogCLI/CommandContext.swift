import DecisionLog

/// What every command runs with: the environment, the current folder and the console.
struct CommandContext {
    let environment: [String: String]
    let currentDirectory: String
    let console: Console
    /// How the tool was invoked (its argv[0]), for hints that repeat it.
    var programPath = "decisionlog"
    /// The logs this command opened, whose warnings are shown when it ends.
    let openedLogs = OpenedLogs()

    /// Opens the log named by `--log`, `$DECISIONLOG_DIR`, or found above the current folder.
    func openLog(_ arguments: ParsedArguments) throws(CommandFailure) -> any EventStore {
        try openLog(explicitPath: arguments.log)
    }

    /// Opens the log at `explicitPath`, else `$DECISIONLOG_DIR`, else found above the current folder.
    func openLog(explicitPath: String?) throws(CommandFailure) -> any EventStore {
        do throws(LogError) {
            let folder = try LogFolder.locate(explicitPath: explicitPath, environment: environment, currentDirectory: currentDirectory)
            // The environment's time zone and fiscal-year start win over the log's, for this process.
            let store = try EventStores.open(folder, adjusting: { Settings.applyEnvironment(environment, to: &$0) })
            openedLogs.stores.append(store)
            noteSharedDecider(store.configuration)
            return store
        } catch {
            throw CommandFailure(error)
        }
    }

    /// Writes `settings` to this person's settings file; returns its path.
    @discardableResult
    func save(_ settings: UserSettings) throws(CommandFailure) -> String {
        guard let path = settings.path else { throw CommandFailure("cannot find your settings file: set $XDG_CONFIG_HOME or $HOME", .failure) }
        do throws(SystemError) {
            try FileSystem.makeDirectories(Paths.parent(of: path))
            try FileSystem.replaceFile(path, with: Array(settings.text.utf8), durable: true)
        } catch {
            throw CommandFailure("cannot write \(path): \(error.reason); check the folder is writable", error.isPermission ? .permissionDenied : .ioError)
        }
        return path
    }

    /// Says once per person and log — a mark in their state folder remembers — that the log's shared default
    /// decider no longer decides for anyone.
    private func noteSharedDecider(_ config: LogConfig) {
        guard let notice = Settings.sharedDeciderNotice(config), let state = Paths.stateFolder(environment: environment) else { return }
        let mark = Paths.join(Paths.join(state, "notices"), "shared-decider-\(config.logID)")
        guard !FileSystem.exists(mark) else { return }
        console.error("note: " + notice)
        try? FileSystem.makeDirectories(Paths.parent(of: mark))
        try? FileSystem.replaceFile(mark, with: Array("shown\n".utf8), durable: false)
    }

    /// The schemas of the log at `logPath` (else the one `openLog` finds; built-in ones only when there is no
    /// log there), for help pages that list a team type's options; never fails.
    func schemasIfAny(logPath: String?) -> SchemaRegistry {
        guard let store = try? openLog(explicitPath: logPath),
              let registry = try? store.schemaRegistry() else { return SchemaRegistry() }
        return registry
    }

    /// The user's own settings file, or nil when it cannot be read (a warning says why); problems in it are
    /// warned about, and the lines with them ignored.
    var userSettings: UserSettings? {
        do throws(SystemError) {
            let settings = try UserSettings(environment: environment)
            for problem in settings.problems { console.error("warning: \(problem); the line is ignored") }
            return settings
        } catch {
            console.error("warning: cannot read your settings \(UserSettings.path(environment: environment) ?? ""): \(error.reason); they are ignored")
            return nil
        }
    }

    /// The output format when `--format` is not given: `$DECISIONLOG_FORMAT`, else the log's, else the user's
    /// setting, when it is one of `supported`; else `fallback`.
    func defaultFormat(_ store: any EventStore, supported: [String], fallback: String = "table") -> String {
        let setting = Settings.resolve(.format, environment: environment, log: store.configuration, user: userSettings).value
        return setting.flatMap { supported.contains($0) ? $0 : nil } ?? fallback
    }

    /// The checkpoints queries start from and leave, every `$DECISIONLOG_CHECKPOINT_EVERY` events (default
    /// 10,000); nil when that is 0 (replay every query from the start, write none), or when there is no
    /// checkpoint key to prove them with: none when neither $XDG_STATE_HOME nor $HOME is set, and a warning
    /// when the key cannot be used.
    func checkpoints(of store: any EventStore) -> CheckpointStore? {
        let interval = checkpointInterval
        // Checkpoints prove themselves against the events file; a log in a database has none (its mirror,
        // 'decisionlog pull --into', does).
        guard interval > 0, store is FileEventStore, CheckpointKey.path(environment: environment) != nil else { return nil }
        do throws(SystemError) {
            return CheckpointStore(folder: store.folder, logID: store.configuration.logID, key: try CheckpointKey.load(environment: environment), interval: interval)
        } catch {
            console.error("warning: checkpoints are off: \(error)")
            return nil
        }
    }

    /// What an append keeps the id index with (`AppendRequest.idIndex`): the checkpoint key and interval, as
    /// for checkpoints; nil, without a word, when there are none or the key cannot be used (a query warns).
    func idIndexing(of store: any EventStore) -> (key: CheckpointKey, interval: Int)? {
        guard checkpointInterval > 0, store is FileEventStore, CheckpointKey.path(environment: environment) != nil,
              let key = try? CheckpointKey.load(environment: environment)
        else { return nil }
        return (key, checkpointInterval)
    }

    /// `$DECISIONLOG_CHECKPOINT_EVERY`, else 10,000: the events past the newest checkpoint (or id index) a
    /// read must find to write a new one; 0 turns both off.
    private var checkpointInterval: Int { environment["DECISIONLOG_CHECKPOINT_EVERY"].flatMap { Int($0) } ?? 10_000 }

    /// `text`, a key file's path (`~/` for $HOME, or relative to the current folder), as a full path; throws
    /// when no readable file is there.
    func signingKeyPath(_ text: String) throws(CommandFailure) -> String {
        var path = text.trimmingWhitespace
        if path == "~" || path.hasPrefix("~/"), let home = environment["HOME"] { path = home + path.dropFirst() }
        path = Paths.absolute(path, from: currentDirectory)
        guard !text.trimmingWhitespace.isEmpty, (try? FileSystem.readFile(path)) != nil else {
            throw CommandFailure("no key at \(path.isEmpty ? "''" : path); give the path of your SSH private key (or of its .pub when ssh-agent holds it), or make one with 'ssh-keygen -t ed25519'", .invalidInput)
        }
        return path
    }

    /// How appends are signed: with the key `signing.key` names ($DECISIONLOG_SIGNING_KEY, else your settings
    /// file), one signature per run; nil when no key is set.
    func signing() -> AppendSigning? {
        Settings.resolve(.signingKey, environment: environment, log: nil, user: userSettings).value.map { AppendSigning(signer: SSHSigner(keyPath: $0)) }
    }

    /// Who is typing: `$DECISIONLOG_IDENTITY`, else the OS user at this host.
    var recordedBy: String {
        if let identity = environment["DECISIONLOG_IDENTITY"], !identity.isEmpty { return identity }
        return "\(ProcessFacts.userName())@\(ProcessFacts.hostName())"
    }

    /// The bytes of the file at `path` (relative to the current folder), or of standard input for `-`, and
    /// how to name it in messages; throws a failure saying why it cannot be read.
    func readInputFile(_ path: String) throws(CommandFailure) -> (name: String, bytes: [UInt8]) {
        let name = path == "-" ? "standard input" : path
        do throws(SystemError) {
            return (name, path == "-" ? try console.readInput() : try FileSystem.readFile(Paths.absolute(path, from: currentDirectory)))
        } catch {
            throw CommandFailure("cannot read \(name): \(error.reason); check the path", error.isNotFound ? .invalidInput : .ioError)
        }
    }

    /// Writes `text`, in `format`, to standard output (as data for programs when the format is one —
    /// `isDataFormat` — else as text for people); or, given `output`, replaces that file (relative to the
    /// current folder) whole and durably, byte for byte. Throws a failure saying why the file cannot be written.
    func deliver(_ text: String, format: String, to output: String? = nil) throws(CommandFailure) {
        guard let output else {
            if Self.isDataFormat(format) { console.writeData(text) } else { console.writeOut(text) }
            return
        }
        do throws(SystemError) { try FileSystem.replaceFile(Paths.absolute(output, from: currentDirectory), with: Array(text.utf8), durable: true) } catch {
            throw CommandFailure("cannot write \(output): \(error.reason); check the folder exists and is writable", error.isPermission ? .permissionDenied : .ioError)
        }
    }

    /// Whether output in `format` is data for programs, written exactly as rendered (JSON, JSON Lines, CSV,
    /// HTML), rather than text for people, whose controls are escaped on the way out.
    static func isDataFormat(_ format: String) -> Bool { ["json", "jsonl", "csv", "html"].contains(format) }

    /// Prints the reader's warning about what an interrupted write left, when the read skipped it.
    func warnIfSkipped(_ skippedInterruptedWrite: Bool) {
        if skippedInterruptedWrite {
            console.error("warning: skipped the end of the log, left by a write that was interrupted before it was acknowledged; run 'decisionlog repair' to remove it")
        }
    }
}
