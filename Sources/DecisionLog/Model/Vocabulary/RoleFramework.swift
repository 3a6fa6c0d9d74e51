/// The responsibility-assignment frameworks, each with its roles.
public enum RoleFramework: String, PayloadChoice {
    case raci, daci, rapid

    /// The role names of the framework, in its usual order.
    public var roles: [String] {
        switch self {
        case .raci: ["responsible", "accountable", "consulted", "informed"]
        case .daci: ["driver", "approver", "contributors", "informed"]
        case .rapid: ["recommend", "agree", "perform", "input", "decide"]
        }
    }
}
