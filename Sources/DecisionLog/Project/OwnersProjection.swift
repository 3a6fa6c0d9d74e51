/// The owners view: who owns each subject, and its RACI, DACI or RAPID role set — who is responsible,
/// accountable, consulted, informed, and so on. Each `owner.assigned` replaces the subject's assignment,
/// owner and role set (none, if it gives none); a goal's owner from `goal.set` changes the owner only.
public enum OwnersProjection: Projection {
    public static let name = "owners"
    public static let summary = "Who is accountable, consulted and informed for what (RACI / DACI / RAPID)."
    public static let columns: [ViewColumn] = [
        ViewColumn("subject"), ViewColumn("owner"), ViewColumn("framework", priority: 2), ViewColumn("roles", wraps: true),
    ]

    /// A subject's owner and role-set histories.
    public struct Record: Sendable {
        var owner = History<String>()
        var roles = History<OwnerAssigned>()

        mutating func retract(_ id: EventID) {
            owner.retract(id)
            roles.retract(id)
        }
    }

    public static func initialState() -> [Subject: Record] { [:] }

    public static func fold(_ state: inout [Subject: Record], _ event: Event, _ stamp: Stamp) {
        switch event.payload {
        case .ownerAssigned(let p):
            state[event.subject, default: Record()].owner.record(p.owner, stamp)
            // The role set is replaced too: an assignment without one clears the previous one.
            state[event.subject, default: Record()].roles.record(p, stamp)
        case .goalSet(let p):
            if let owner = p.owner { state[event.subject, default: Record()].owner.record(owner, stamp) }
        case .eventRetracted(let r):
            state[event.subject]?.retract(r.event)
        default:
            break
        }
    }

    /// Short role names for tables: RACI's R, A, C, I; DACI's D, A, C, I; RAPID's R, A, P, I, D.
    static func letter(_ role: String) -> String {
        switch role {
        case "contributors": "C"
        default: role.prefix(1).uppercased()
        }
    }

    public static func rows(_ state: [Subject: Record], _ context: ViewContext) -> [ViewRow] {
        state.mapInSubjectOrder { subject, record -> ViewRow? in
            guard let owner = record.owner.latest(context.asOf) else { return nil }
            let assignment = record.roles.latest(context.asOf)
            let set = assignment.flatMap { $0.value.framework != nil && !$0.value.roles.isEmpty ? $0 : nil }
            var roles: Cell = .text(nil)
            if let set, let framework = set.value.framework {
                let present = framework.roles.filter { set.value.roles[$0] != nil }
                let object = JSONValue.object(JSONObject(present.map { role in
                    (role, JSONValue.array(set.value.roles[role]!.map(JSONValue.string)))
                }))
                let text = present.map { "\(letter($0)): \(set.value.roles[$0]!.joined(separator: ", "))" }.joined(separator: "; ")
                roles = Cell(object, text: text, source: set.stamp)
            }
            return ViewRow(key: subject.text, subject: subject, cells: [
                "subject": .text(subject.text),
                "owner": .text(owner.value, source: owner.stamp),
                "framework": .text(set?.value.framework?.rawValue.uppercased(), source: set?.stamp),
                "roles": roles,
            ])
        }.compactMap { $0 }
    }

    public static func describeChange(_ column: ViewColumn, from before: Cell, to after: Cell) -> String? {
        switch column.key {
        case "owner": "owner \(before.text.isEmpty ? "(none)" : before.text) → \(after.text.isEmpty ? "(none)" : after.text)"
        case "roles": "roles \(before.text.isEmpty ? "(none)" : before.text) → \(after.text.isEmpty ? "(none)" : after.text)"
        default: nil
        }
    }
}
