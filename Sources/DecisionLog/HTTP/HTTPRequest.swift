/// One HTTP/1.1 request as the parser read it: the method, the target split into decoded path segments and
/// query parameters, the header fields and the body.
public struct HTTPRequest: Sendable {
    /// The method, e.g. GET.
    public let method: String
    /// The request target as sent, e.g. `/views/launches?as-of=2025-Q2`.
    public let target: String
    /// The path's segments after the first `/`, each percent-decoded on its own (so `%2F` stays inside a segment).
    public let segments: [String]
    /// The query's parameters in order, percent-decoded (`+` read as a space).
    public let query: [(name: String, value: String)]
    /// The minor version: 1 for HTTP/1.1, 0 for HTTP/1.0.
    public let minorVersion: Int
    /// The header fields in order, names lowercased.
    public let headers: [(name: String, value: String)]
    /// The body (empty without Content-Length).
    public let body: [UInt8]
    /// Whether the client has closed the connection since sending the request (the server sets it), so a
    /// handler that waited can skip costly work nobody will read.
    public var clientLeft: @Sendable () -> Bool = { false }

    /// A request; see the properties.
    public init(method: String, target: String, segments: [String], query: [(name: String, value: String)], minorVersion: Int,
                headers: [(name: String, value: String)], body: [UInt8]) {
        self.method = method
        self.target = target
        self.segments = segments
        self.query = query
        self.minorVersion = minorVersion
        self.headers = headers
        self.body = body
    }

    /// The value of the first header field called `name` (any case), or nil.
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name == lowered }?.value
    }

    /// The value of the first query parameter called `name`, or nil; an empty value counts as not given.
    public func parameter(_ name: String) -> String? {
        guard let value = query.first(where: { $0.name == name })?.value, !value.isEmpty else { return nil }
        return value
    }

    /// Whether the client wants the connection kept open after this request (HTTP/1.1 unless it says close;
    /// HTTP/1.0 only when it asks for keep-alive).
    public var keepsAlive: Bool {
        let tokens = (header("connection") ?? "").lowercased().split(separator: ",").map { HTTPRequestParser.trimmed($0.utf8) }
        return minorVersion >= 1 ? !tokens.contains("close") : tokens.contains("keep-alive")
    }
}
