/// `owner.assigned`: someone becomes the owner of a subject, optionally with a full RACI, DACI or RAPID
/// role set naming who is responsible, consulted, informed, and so on.
public struct OwnerAssigned: EventPayload {
    public static let type: EventType = "owner.assigned"
    public static let summary = "Assign a subject's owner, optionally with a RACI, DACI or RAPID role set."
    public static let subjectKind: String? = nil
    /// Every role name any framework uses, in a stable order.
    public static let roleNames: [String] = {
        var names: [String] = []
        for framework in RoleFramework.allCases { for role in framework.roles where !names.contains(role) { names.append(role) } }
        return names
    }()
    public static let fields: [PayloadField] =
        [
            .required("owner", String.self, "The person accountable for the subject."),
            .optional("framework", RoleFramework.self, "The role framework of the role lists below."),
        ] + roleNames.map { role in
            let frameworks = RoleFramework.allCases.filter { $0.roles.contains(role) }.map { $0.rawValue.uppercased() }
            return .people(role, "\(frameworks.joined(separator: "/")) role: the people who are \(role).")
        }

    public let owner: String
    /// The framework of `roles`, when a role set is given.
    public let framework: RoleFramework?
    /// People per role name of `framework`; roles nobody holds are absent.
    public let roles: [String: [String]]

    /// An assignment; every key of `roles` must be a role of `framework`.
    public init(owner: String, framework: RoleFramework? = nil, roles: [String: [String]] = [:]) {
        self.owner = owner
        self.framework = framework
        self.roles = roles
    }

    public init(reading r: PayloadReader) {
        owner = r.required("owner")
        framework = r.optional("framework")
        var roles: [String: [String]] = [:]
        for role in OwnerAssigned.roleNames {
            if let people: [String] = r.optional(role), !people.isEmpty { roles[role] = people }
        }
        self.roles = roles
        if !roles.isEmpty {
            if let framework {
                for role in roles.keys.sorted() where !framework.roles.contains(role) {
                    r.problem(role, "not a \(framework.rawValue.uppercased()) role; its roles are \(framework.roles.joined(separator: ", "))")
                }
            } else if !r.has("framework") {
                r.problem("framework", "missing; role lists need their framework: raci, daci or rapid")
            }
        }
    }

    public func write(to w: inout PayloadWriter) {
        w.set("owner", owner)
        w.set("framework", framework)
        for (role, people) in roles { w.set(role, people) }
    }
}
