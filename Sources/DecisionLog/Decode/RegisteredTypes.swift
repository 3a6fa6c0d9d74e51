/// The team-defined types registered so far in a pass over the log, in seq order, and the rules the log
/// keeps about them: each type's versions are registered 1, 2, 3… and never twice, and an event of a type the
/// tool does not have comes after the `schema.registered` event that defines its type and version. An event
/// of a type neither built in nor registered before it was written by a newer decisionlog (a built-in type
/// this one does not know), or the log is out of order; it is refused rather than read as something it is
/// not.
struct RegisteredTypes {
    /// The seq of the event that registered each version of each type.
    var seqOfVersion: [String: [Int: Int]] = [:]

    /// None registered yet: the start of a log.
    init() {}

    /// Takes in `event`; returns what is wrong, when something is.
    mutating func problem(with event: Event) -> (kind: IntegrityProblem.Kind, message: String)? {
        switch event.payload {
        case .schemaRegistered(let registration):
            let versions = seqOfVersion[registration.definedType] ?? [:]
            if let first = versions[registration.version] {
                return (.malformed, "registers \(registration.definedType) v\(registration.version) again; #\(first) registered it, and a registered version never changes")
            }
            let next = (versions.keys.max() ?? 0) + 1
            guard registration.version == next else {
                return (.malformed, "registers \(registration.definedType) v\(registration.version), but the next version is v\(next)")
            }
            seqOfVersion[registration.definedType, default: [:]][registration.version] = event.seq
        case .custom(let custom) where seqOfVersion[custom.type.name]?[custom.version] == nil:
            return (.needsNewerTool, "\(custom.type) v\(custom.version) is neither a built-in type nor registered before this event; a newer decisionlog may have written it — upgrade to read it")
        default:
            break
        }
        return nil
    }
}
