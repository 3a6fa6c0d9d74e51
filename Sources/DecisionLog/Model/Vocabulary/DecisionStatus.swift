/// Where a decision stands.
public enum DecisionStatus: String, PayloadChoice {
    case proposed, accepted, rejected
}
