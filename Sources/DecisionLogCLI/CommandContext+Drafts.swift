import DecisionLog

/// What the commands that record drafts (add, import, schema add, schema check) share: who decided, the log's
/// schemas, and event references.
extension CommandContext {
    /// The decider the person typing names (`Settings.decider`: the options, the environment, their own
    /// settings) — unless the draft names one of its own and the options none, when validation judges the
    /// draft's (nil is returned). With nobody named and a log whose shared configuration still names a default,
    /// `explaining` says why that no longer decides (a file of drafts, whose rows may name their own, does not).
    func decider(_ named: (name: String?, role: String?), draftNamesOne: Bool, config: LogConfig, explaining: Bool = true) throws(CommandFailure) -> Actor? {
        if named.name == nil && named.role == nil && draftNamesOne { return nil }
        let actor: Actor?
        do throws(SettingError) { actor = try Settings.decider(flags: named, environment: environment, user: userSettings) } catch {
            throw CommandFailure(error.message, .invalidInput)
        }
        if actor == nil, explaining, let notice = Settings.sharedDeciderNotice(config) {
            throw CommandFailure("who decided? Name them with --actor and --role: \(notice)", .invalidInput)
        }
        return actor
    }

    /// The log's schemas, read from `store`.
    func schemas(in store: any EventStore) throws(CommandFailure) -> SchemaRegistry {
        do { return try store.schemaRegistry() } catch let error as LogError { throw CommandFailure(error) } catch {
            throw CommandFailure("cannot read the log's schemas: \(error)", .ioError)
        }
    }

    /// Turns references in `links` (`--link`) and a retraction's event into ids (`EventStore.resolveEventReferences`).
    func resolveReferences(in draft: inout EventDraft, links: [String], store: any EventStore) throws {
        do { try store.resolveEventReferences(in: &draft, links: links, labels: ("--link", "--event")) } catch let failure as ReferenceFailure {
            throw CommandFailure(failure.message, .invalidInput)
        }
    }
}
