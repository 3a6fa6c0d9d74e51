/// How much a request may hold and how long it may take; what keeps a slow or hostile client from holding
/// the server.
public struct HTTPLimits: Sendable {
    /// The longest request line, in bytes (414 past it).
    public var requestLine = 8 * 1024
    /// The most bytes of header fields (431 past it).
    public var headerBytes = 32 * 1024
    /// The most header fields (431 past it).
    public var headerCount = 100
    /// The largest body (413 past it).
    public var body = 256 * 1024
    /// Milliseconds a request may take to arrive whole, from its first byte (408 past it).
    public var requestMilliseconds = 10_000
    /// Milliseconds a kept-alive connection may sit idle between requests before it is closed.
    public var idleMilliseconds = 5_000
    /// Milliseconds a response may take to be taken by the client before the connection is dropped.
    public var writeMilliseconds = 30_000
    /// The most connections served at once; the next ones get 503.
    public var connections = 256

    /// The defaults above.
    public init() {}
}
