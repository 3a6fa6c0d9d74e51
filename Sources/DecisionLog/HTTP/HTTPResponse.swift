/// A response to send: a status, header fields and a body, or a stream of server-sent events.
public struct HTTPResponse: Sendable {
    /// The status.
    public var status: HTTPStatus
    /// Header fields beyond those the server adds (Date, Content-Length, Connection and the security headers).
    public var headers: [(name: String, value: String)]
    /// The body.
    public var body: [UInt8]
    /// For a stream of server-sent events: what writes the events, called once the head is sent; nil for a
    /// plain response.
    public var stream: (@Sendable (HTTPEventStream) -> Void)?

    /// A response with `body`, of `contentType`.
    public init(_ status: HTTPStatus, contentType: String, body: [UInt8], headers: [(name: String, value: String)] = []) {
        self.status = status
        self.headers = [("Content-Type", contentType)] + headers
        self.body = body
        self.stream = nil
    }

    /// A plain-text response saying `text`, for errors.
    public static func text(_ status: HTTPStatus, _ text: String) -> HTTPResponse {
        HTTPResponse(status, contentType: "text/plain; charset=utf-8", body: Array((text + "\n").utf8))
    }

    /// A stream of server-sent events written by `write`.
    public static func eventStream(_ write: @escaping @Sendable (HTTPEventStream) -> Void) -> HTTPResponse {
        var response = HTTPResponse(.ok, contentType: "text/event-stream", body: [], headers: [("Cache-Control", "no-store")])
        response.stream = write
        return response
    }

    /// The response's head and (unless `omittingBody`, for HEAD) body as bytes, with `extra` header fields.
    func serialized(omittingBody: Bool, keepAlive: Bool, extra: [(name: String, value: String)]) -> [UInt8] {
        var head = "HTTP/1.1 \(status.rawValue) \(status.reason)\r\n"
        for (name, value) in headers + extra { head += "\(name): \(value)\r\n" }
        if stream == nil { head += "Content-Length: \(body.count)\r\n" }
        head += keepAlive && stream == nil ? "Connection: keep-alive\r\n" : "Connection: close\r\n"
        head += "\r\n"
        var bytes = Array(head.utf8)
        if !omittingBody && stream == nil { bytes += body }
        return bytes
    }
}
