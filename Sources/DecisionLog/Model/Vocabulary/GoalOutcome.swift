/// How a goal ended.
public enum GoalOutcome: String, PayloadChoice {
    case achieved, missed, dropped
}
