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
    func schemas(in store: FileEventStore) throws(CommandFailure) -> SchemaRegistry {
        do { return try store.schemaRegistry() } catch let error as LogError { throw CommandFailure(error) } catch {
            throw CommandFailure("cannot read the log's schemas: \(error)", .ioError)
        }
    }

    /// The one event `text` names in `store` (`EventStore.lookUp`); `what` names where the reference was given
    /// in the failure when it names none, or several.
    func event(_ text: String, in store: FileEventStore, what: String) throws -> Event {
        switch try store.lookUp(text) {
        case .found(let event): return event
        case .notAReference: throw CommandFailure("\(what): '\(text.quotedForMessage)' is not an event reference; use #seq or an event id", .invalidInput)
        case .missing(let reference): throw CommandFailure("\(what): no event \(reference) in this log", .invalidInput)
        case .ambiguous(let count): throw CommandFailure("\(what): '\(text.quotedForMessage)' matches \(count) events; give more of the id", .invalidInput)
        }
    }

    /// Turns references in `links` (`--link`) and a retraction's event into ids, and gives a retraction without
    /// a subject the retracted event's subject.
    func resolveReferences(in draft: inout EventDraft, links: [String], store: FileEventStore) throws {
        if !links.isEmpty {
            var ids: [JSONValue] = draft.members["links"]?.arrayValue ?? []
            for link in links { ids.append(.string(try event(link, in: store, what: "--link").id.description)) }
            draft.set("links", .array(ids))
        }
        guard draft.type == EventRetracted.type.name, case .string(let target)? = draft.payload["event"] else { return }
        if EventID(target) != nil && draft.members["subject"] != nil { return }
        let retracted = try event(target, in: store, what: "--event")
        draft.payload["event"] = .string(retracted.id.description)
        if draft.members["subject"] == nil { draft.set("subject", .string(retracted.subject.text)) }
    }
}
