/// An item's priority under one framework.
public enum PriorityValue: Sendable, Equatable {
    case moscow(MoSCoW)
    case kano(KanoCategory)
    case rice(RICEScore)
    case rank(Int)

    /// The framework the value belongs to.
    public var framework: PriorityFramework {
        switch self {
        case .moscow: .moscow
        case .kano: .kano
        case .rice: .rice
        case .rank: .rank
        }
    }
}
