/// Why a page cannot be made: a status and a sentence for the reader saying what to change.
public struct WebFailure: Error, Sendable {
    /// 400 for a moment that cannot be read, 404 for a page that does not exist, 500 for a log that cannot be read.
    let status: HTTPStatus
    /// What is wrong and what to do, in one sentence.
    public let message: String

    /// The failure as the JSON pages answer it: `error` and `status`.
    var json: String {
        OrderedJSON.object([("error", .value(.string(message))), ("status", .value(.number(Double(status.rawValue))))]).pretty
    }

    init(_ status: HTTPStatus, _ message: String) {
        self.status = status
        self.message = message
    }
}
