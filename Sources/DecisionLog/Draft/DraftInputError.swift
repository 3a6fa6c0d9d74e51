/// Draft text that is not a JSON object.
public enum DraftInputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text is not JSON.
    case syntax(JSONSyntaxError)
    /// The text is JSON but not an object.
    case notAnObject(String)

    public var description: String {
        switch self {
        case .syntax(let error): "malformed JSON at \(error)"
        case .notAnObject(let kind): "a draft must be a JSON object, got \(kind)"
        }
    }
}
