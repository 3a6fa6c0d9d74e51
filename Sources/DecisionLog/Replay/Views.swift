/// The views the tool knows, in the order help lists them. Adding a view: write its `Projection` in a file
/// of its own and list it here.
public enum Views {
    /// Every view.
    public static let all: [ViewKind] = [
        ViewKind(GoalsProjection.self),
        ViewKind(KPIsProjection.self),
        ViewKind(PrioritiesProjection.self),
        ViewKind(LaunchesProjection.self),
        ViewKind(OwnersProjection.self),
        ViewKind(DecisionsProjection.self),
        ViewKind(AgreementsProjection.self),
        ViewKind(SyncsProjection.self),
        ViewKind(FieldsProjection.self),
        ViewKind(TimelineProjection.self),
    ]

    /// The views that keep checkpoints: all but the timeline.
    public static var checkpointed: [ViewKind] { all.filter { $0.checkpointVersion != nil } }

    /// The view called `name`, or nil.
    public static func named(_ name: String) -> ViewKind? { all.first { $0.name == name } }

    /// Every view's name.
    public static var names: [String] { all.map(\.name) }
}
