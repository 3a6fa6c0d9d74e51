/// Why a page cannot be made: a status and a sentence for the reader saying what to change.
struct WebFailure: Error {
    /// 400 for a moment that cannot be read, 404 for a page that does not exist, 500 for a log that cannot be read.
    let status: HTTPStatus
    /// What is wrong and what to do, in one sentence.
    let message: String

    init(_ status: HTTPStatus, _ message: String) {
        self.status = status
        self.message = message
    }
}
