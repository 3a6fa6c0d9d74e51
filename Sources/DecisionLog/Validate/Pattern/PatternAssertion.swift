/// A condition on the position between two scalars.
enum PatternAssertion: Equatable {
    case start, end, wordBoundary, notWordBoundary
}
