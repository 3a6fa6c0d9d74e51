/// The longest actor name and role, in characters.
let maximumNameLength = 100

extension EventDraft {
    /// Checks every rule a draft must meet before anything is written: known type (built-in, or registered
    /// in `schemas`), valid subject of the right kind, an actor with name and role, a valid effective time,
    /// the reason where the type requires one, valid links and id, and a payload that meets the type's
    /// latest schema and then the rules between its fields (for a schema registration: a usable schema; the
    /// log checks its version when appending).
    ///
    /// Throws `ValidationFailure` with every problem found, each with its JSON path. Without `checkingShapes`
    /// the payload is not held against its JSON Schema, only read as its type: for a draft whose very bytes
    /// already passed that check (an import's second reading of an unchanged file).
    public func validated(in context: DraftContext, schemas: SchemaRegistry = SchemaRegistry(), checkingShapes: Bool = true) throws(ValidationFailure) -> ValidatedDraft {
        var issues: [ValidationIssue] = []
        func problem(_ path: String, _ message: String) { issues.append(ValidationIssue(path: path, message: message)) }

        for name in members.keys.sorted() where !EventDraft.allowedMembers.contains(name) {
            if EventDraft.sealedMembers.contains(name) {
                problem(name, "is set by the log when the event is sealed; remove it from the draft")
            } else {
                let hint = NearestName.suggestion(for: name, among: EventDraft.allowedMembers).map { "; did you mean \"\($0)\"?" }
                problem(name, "not a member of a draft" + (hint ?? "; a draft has " + EventDraft.allowedMembers.joined(separator: ", ")))
            }
        }

        var kind: PayloadKind? = nil
        switch members["type"] {
        case nil, .null?: problem("type", "missing; expected an event type such as goal.set (see 'decisionlog help types')")
        case .string(let name)?:
            kind = schemas.kind(named: name)
            if kind == nil { problem("type", EventDraft.unknownTypeMessage(name, among: schemas.typeNames)) }
        case let other?: problem("type", "expected an event type name, got \(other.kindName)")
        }

        var subject: Subject? = nil
        switch members["subject"] {
        case nil, .null?: problem("subject", "missing; expected what the event is about, e.g. " + EventDraft.subjectExample(kind))
        case .string(let text)?:
            if let reason = Subject.problem(with: text) {
                problem("subject", "\"\(text.quotedForMessage)\" is not a subject: \(reason)")
            } else if let kind, let required = kind.subjectKind, Subject(text)!.kind != required {
                problem("subject", "a \(kind.type) event is about a \(required): expected a subject such as \(EventDraft.subjectExample(kind)), got \"\(text.quotedForMessage)\"")
            } else {
                subject = Subject(text)
            }
        case let other?: problem("subject", "expected a subject such as launch/atlas, got \(other.kindName)")
        }

        let actor = validatedActor(problem)

        var effectiveAt = context.now
        switch members["effectiveAt"] {
        case nil, .null?: break
        case .string(let text)?:
            do throws(TimeFormatError) { effectiveAt = try TimeInput(parsing: text, in: context.timeZone).instant } catch {
                problem("effectiveAt", "expected a date or date-time, got \"\(text.quotedForMessage)\": \(error.problem)")
            }
        case let other?: problem("effectiveAt", "expected a date or date-time as text, got \(other.excerpt())")
        }

        var reason: String? = nil
        if let value = members["reason"], value != .null {
            do throws(FieldProblem) { reason = try String(json: value) } catch { problem("reason", error.message) }
        } else if let kind, kind.requiresReason {
            problem("reason", "missing; a \(kind.type) event must say why (--reason)")
        }

        var links: [EventID] = []
        if let value = members["links"], value != .null {
            do throws(FieldProblem) { links = try [EventID](json: value) } catch { problem("links" + error.subpath, error.message) }
        }

        var id: EventID? = nil
        if let value = members["id"], value != .null {
            do throws(FieldProblem) { id = try EventID(json: value) } catch { problem("id", error.message) }
        }

        var payload: Payload? = nil
        if let kind {
            // The schema (the shape every reader relies on), then the rules between fields; where both find a
            // problem with the same value, the schema's message stands.
            var json = members["payload"] ?? .object([:])
            // Timeframes given by their fiscal-year name (FY27-Q2) are stored as the timeframe they name.
            if case .object(var fields) = json {
                for field in kind.fields where field.shape == .timeframe {
                    guard case .string(let text)? = fields[field.name] else { continue }
                    do throws(TimeFormatError) {
                        if let named = try Timeframe(fiscalName: text, startMonth: context.fiscalYearStart, naming: context.fiscalYearNaming) {
                            fields[field.name] = .string(named.description)
                        }
                    } catch {
                        problem("payload.\(field.name)", "\"\(text.quotedForMessage)\": \(error.problem)")
                    }
                }
                json = .object(fields)
            }
            let shapeIssues = checkingShapes ? schemas.validatePayload(json, type: kind.type.name) : []
            issues += shapeIssues
            do throws(ValidationFailure) {
                let typed = try kind.decode(json)
                if shapeIssues.isEmpty { payload = typed }
            } catch {
                let reported = Set(shapeIssues.map(\.path))
                issues += error.issues.filter { !reported.contains($0.path) }
            }
        }

        switch payload {
        case .decisionSuperseded(let superseded)? where superseded.by == subject:
            problem("payload.by", "a decision cannot supersede itself; name the decision that replaces \(superseded.by)")
        case .schemaRegistered(let registration)?:
            issues += SchemaRegistry.problems(registering: registration)
            if let subject, subject.text != "schema/" + registration.definedType {
                problem("subject", "a schema.registered event is about the type it defines: expected schema/\(registration.definedType), got \(subject)")
            }
        default:
            break
        }
        guard issues.isEmpty, let actor, let subject, let payload else { throw ValidationFailure(issues) }
        return ValidatedDraft(id: id, effectiveAt: effectiveAt, effectiveAtIsDefault: members["effectiveAt"] == nil || members["effectiveAt"] == .null,
                              actor: actor, subject: subject, reason: reason, links: links, payload: payload)
    }

    /// An actor's two members: each key, the option that gives it, and an example.
    private static let actorParts = [("name", "--actor", "\"Dana Reyes\""), ("role", "--role", "CMO, CPO, PM, Sales or CS")]

    private func validatedActor(_ problem: (String, String) -> Void) -> Actor? {
        guard let value = members["actor"], value != .null else {
            problem("actor", "missing; a decision with no decider is not recorded: pass --actor NAME --role ROLE, or set DECISIONLOG_ACTOR and DECISIONLOG_ROLE")
            return nil
        }
        guard case .object(let parts) = value else {
            problem("actor", "expected an object with name and role, got \(value.kindName)")
            return nil
        }
        var name: String? = nil, role: String? = nil
        for (key, label, example) in EventDraft.actorParts {
            guard let part = parts[key], part != .null else {
                problem("actor.\(key)", "missing; expected the decider's \(key) (\(label)), e.g. \(example)")
                continue
            }
            do throws(FieldProblem) {
                let text = try String(json: part)
                // Counted in bytes first: a name of at most that many bytes has at most that many characters. A
                // text has no carriage return (a control character), so a newline is one byte and one character.
                if text.utf8.count > maximumNameLength && text.count > maximumNameLength {
                    problem("actor.\(key)", "is \(text.count) characters long; at most \(maximumNameLength) are allowed")
                } else if text.utf8.contains(0x0A) || text.utf8.contains(0x09) {
                    problem("actor.\(key)", "must be on one line")
                } else if key == "name" { name = text } else { role = text }
            } catch { problem("actor.\(key)", error.message) }
        }
        if parts.keys.contains(where: { $0 != "name" && $0 != "role" }) {
            for key in parts.keys.sorted() where key != "name" && key != "role" {
                problem("actor.\(key)", "not a member of an actor; an actor has name and role")
            }
        }
        guard let name, let role else { return nil }
        return Actor(name: name, role: role)
    }

    /// "unknown event type "goal.sett"; did you mean "goal.set"? …", suggesting among `types` (the built-in
    /// ones by default; pass a registry's to include the team's).
    public static func unknownTypeMessage(_ name: String, among types: [String] = Vocabulary.typeNames) -> String {
        let hint = NearestName.suggestion(for: name, among: types).map { "; did you mean \"\($0)\"?" }
        return "unknown event type \"\(name.quotedForMessage)\"" + (hint ?? "; see 'decisionlog help types' for the list, 'decisionlog schema list' for the team's")
    }

    private static func subjectExample(_ kind: PayloadKind?) -> String {
        switch kind?.subjectKind {
        case "goal": "goal/q3-pipeline"
        case "metric": "metric/conversion-rate"
        case "launch": "launch/atlas"
        case "decision": "decision/pricing-2025"
        case "agreement": "agreement/q3-gtm"
        case "sync": "sync/2025-09-01"
        case let other?: "\(other)/name"
        case nil: kind?.type == "priority.changed" ? "feature/sso" : "launch/atlas"
        }
    }
}
