/// The open end of a server-sent event stream: what a streaming response writes its events to.
public struct HTTPEventStream: Sendable {
    let send: @Sendable ([UInt8]) -> Bool

    /// Sends one event called `name` with `data` (one line); false once the client has gone.
    public func event(_ name: String, data: String) -> Bool {
        send(Array("event: \(name)\ndata: \(data)\n\n".utf8))
    }

    /// Sends a comment line, which keeps the connection open through proxies and finds out whether the
    /// client is still there; false once it has gone.
    public func keepAlive() -> Bool { send(Array(": keep-alive\n\n".utf8)) }
}
