/// A parsed pattern: what `PatternProgram` compiles.
indirect enum PatternNode: Equatable {
    /// Matches nothing at all, taking no text (an empty alternative).
    case empty
    /// One scalar of a set.
    case scalar(ScalarSet)
    /// Any scalar but a line terminator (`.`).
    case anyButNewline
    /// Each part in turn.
    case sequence([PatternNode])
    /// Any one of the alternatives.
    case alternatives([PatternNode])
    /// The node `min` to `max` times (nil: no upper bound).
    case repeated(PatternNode, min: Int, max: Int?)
    /// A position condition, taking no text.
    case assertion(PatternAssertion)
}
