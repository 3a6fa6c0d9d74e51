/// The team-defined types registered so far in a pass over the log, in seq order, and the rules the log
/// keeps about them: each type's versions are registered 1, 2, 3… and never twice, and an event of a type the
/// tool does not have comes after the `schema.registered` event that defines its type and version. An event
/// of a type neither built in nor registered before it was written by a newer decisionlog (a built-in type
/// this one does not know), or the log is out of order; it is refused rather than read as something it is
/// not.
struct RegisteredTypes {
    /// What an event has to do with team-defined types: it registers a version of one, or is of one.
    enum Use: Sendable {
        case registers(type: String, version: Int)
        case isOf(type: String, version: Int)

        /// What `payload` has to do with team-defined types; nil for a payload of a built-in type.
        init?(_ payload: Payload) {
            switch payload {
            case .schemaRegistered(let registration): self = .registers(type: registration.definedType, version: registration.version)
            case .custom(let custom): self = .isOf(type: custom.type.name, version: custom.version)
            default: return nil
            }
        }
    }

    /// The seq of the event that registered each version of each type.
    var seqOfVersion: [String: [Int: Int]] = [:]

    /// None registered yet: the start of a log.
    init() {}

    /// Takes in `event`; returns what is wrong, when something is.
    mutating func problem(with event: Event) -> (kind: IntegrityProblem.Kind, message: String)? {
        guard let use = Use(event.payload) else { return nil }
        return problem(with: use, seq: event.seq)
    }

    /// Takes in what the event at `seq` does with a team-defined type; returns what is wrong, when something is.
    mutating func problem(with use: Use, seq: Int) -> (kind: IntegrityProblem.Kind, message: String)? {
        switch use {
        case .registers(let type, let version):
            let versions = seqOfVersion[type] ?? [:]
            if let first = versions[version] {
                return (.malformed, "registers \(type) v\(version) again; #\(first) registered it, and a registered version never changes")
            }
            let next = (versions.keys.max() ?? 0) + 1
            guard version == next else {
                return (.malformed, "registers \(type) v\(version), but the next version is v\(next)")
            }
            seqOfVersion[type, default: [:]][version] = seq
        case .isOf(let type, let version) where seqOfVersion[type]?[version] == nil:
            return (.needsNewerTool, "\(type) v\(version) is neither a built-in type nor registered before this event; a newer decisionlog may have written it — upgrade to read it")
        case .isOf:
            break
        }
        return nil
    }
}
