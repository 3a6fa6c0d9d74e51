/// What a step did to a launch's plan.
public enum LaunchMoveKind: String, Sendable {
    case scheduled, slip, pullIn = "pull-in", restated, shipped, cancelled
}
