/// The prioritisation frameworks a team can use.
public enum PriorityFramework: String, PayloadChoice {
    case moscow, kano, rice, rank
}
