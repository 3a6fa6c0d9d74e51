import Synchronization

/// An HTTP/1.1 server on one address: a thread a connection, every read and write bounded by a deadline,
/// requests read by `HTTPRequestParser`, and a Host check against DNS rebinding. What to answer is the
/// handler's; the server adds the framing and the security headers.
public final class HTTPServer: Sendable {
    /// Answers one request. Called on the connection's thread, so it may be called on several at once.
    public typealias Handler = @Sendable (HTTPRequest) -> HTTPResponse

    /// The address it listens on, e.g. 127.0.0.1.
    public let address: String
    /// The port it listens on.
    public let port: Int
    /// The Host header values it answers, lowercased (`127.0.0.1:8080`, `localhost:8080`).
    public let hosts: Set<String>
    /// What requests are held to.
    public let limits: HTTPLimits
    private let listener: TCPListener
    private let handler: Handler
    private let headers: [(name: String, value: String)]
    private let log: (@Sendable (String) -> Void)?
    private let open = Atomic<Int>(0)

    /// Listens on `address` at `port` (0: a free one). Requests must name one of `hostNames` (with the port;
    /// bare for port 80) in their Host header, else they get 421. Every response carries `headers` (the
    /// security policy). `log` hears one line a request. Throws `SystemError` when the address cannot be bound.
    public init(address: String, port: Int, hostNames: [String], limits: HTTPLimits = HTTPLimits(),
                headers: [(name: String, value: String)] = [], log: (@Sendable (String) -> Void)? = nil,
                handler: @escaping Handler) throws(SystemError) {
        listener = try TCPListener.listen(address: address, port: port)
        self.address = address
        self.port = listener.port
        var hosts: Set<String> = []
        for name in hostNames {
            let lowered = name.lowercased()
            let bracketed = lowered.contains(":") ? "[\(lowered)]" : lowered
            hosts.insert("\(bracketed):\(listener.port)")
            if listener.port == 80 { hosts.insert(bracketed) }
        }
        self.hosts = hosts
        self.limits = limits
        self.headers = headers
        self.log = log
        self.handler = handler
    }

    /// Serves until the process ends; throws `SystemError` when the listener fails.
    public func run() throws(SystemError) {
        defer { listener.close() }
        while true {
            guard let connection = try listener.accept() else { continue }
            if open.add(1, ordering: .relaxed).newValue > limits.connections {
                refuse(connection, .serviceUnavailable, "the server is serving \(limits.connections) connections; try again")
                continue
            }
            do throws(SystemError) {
                try Threads.detach { [self] in
                    serve(connection)
                }
            } catch {
                refuse(connection, .serviceUnavailable, "the server has no thread to spare; try again")
            }
        }
    }

    /// Answers `status` and closes, for a connection the server will not serve. It runs on the accepting
    /// thread, so it gives the peer a tenth of a second at most.
    private func refuse(_ connection: TCPConnection, _ status: HTTPStatus, _ problem: String) {
        let deadline = Deadline.after(milliseconds: 100)
        try? connection.write(HTTPResponse.text(status, problem).serialized(omittingBody: false, keepAlive: false, extra: extraHeaders), by: deadline)
        connection.closeAfterDraining(by: deadline)
        open.subtract(1, ordering: .relaxed)
    }

    private var extraHeaders: [(name: String, value: String)] { [("Date", HTTPDate.now)] + headers }

    /// Reads requests from `connection` and answers them until it closes, errs, idles or asks to close.
    private func serve(_ connection: TCPConnection) {
        defer {
            connection.closeAfterDraining(by: .after(milliseconds: 1000))
            open.subtract(1, ordering: .relaxed)
        }
        let parser = HTTPRequestParser(limits: limits)
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        var waitFirst = limits.requestMilliseconds
        while true {
            // Idle between requests: wait for the next one's first byte, else close.
            if received.isEmpty {
                guard connection.isReadable(within: Int32(waitFirst)) else { return }
            }
            waitFirst = limits.idleMilliseconds
            let deadline = Deadline.after(milliseconds: limits.requestMilliseconds)
            var outcome = parser.parse(received)
            while case .incomplete = outcome {
                let count: Int
                do throws(SystemError) {
                    count = try chunk.withUnsafeMutableBytes { buffer in Result { () throws(SystemError) in try connection.read(into: buffer, by: deadline) } }.get()
                } catch {
                    if !received.isEmpty { write(.text(.requestTimeout, "the request did not arrive in \(limits.requestMilliseconds / 1000) seconds"), to: connection, head: false, keepAlive: false) }
                    return
                }
                if count == 0 { return }
                received += chunk[0..<count]
                outcome = parser.parse(received)
            }
            switch outcome {
            case .incomplete:
                return
            case .refused(let status, let problem):
                log?("- \(status.rawValue) \(problem)")
                write(.text(status, "Refused: \(problem)."), to: connection, head: false, keepAlive: false)
                return
            case .request(let request, let length):
                received.removeFirst(length)
                let started = Deadline.now
                var request = request
                request.clientLeft = { connection.hasClosedItsSide }
                let response = respond(to: request)
                let keepAlive = request.keepsAlive && response.stream == nil
                guard write(response, to: connection, head: request.method == "HEAD", keepAlive: keepAlive) else { return }
                log?("\(request.method) \(request.target) \(response.status.rawValue) \(Self.milliseconds(since: started)) ms")
                if let stream = response.stream, request.method != "HEAD" {
                    stream(HTTPEventStream { bytes in
                        (try? connection.write(bytes, by: .after(milliseconds: self.limits.writeMilliseconds))) != nil
                    })
                    return
                }
                if !keepAlive { return }
            }
        }
    }

    /// The handler's answer, unless the Host header names another server (a DNS-rebinding page).
    private func respond(to request: HTTPRequest) -> HTTPResponse {
        if let host = request.header("host"), !hosts.contains(host.lowercased()) {
            return .text(.misdirectedRequest, "This server answers to \(hosts.sorted().joined(separator: " or ")), not to the host this request names.")
        }
        return handler(request)
    }

    @discardableResult
    private func write(_ response: HTTPResponse, to connection: TCPConnection, head: Bool, keepAlive: Bool) -> Bool {
        let bytes = response.serialized(omittingBody: head, keepAlive: keepAlive, extra: extraHeaders)
        return (try? connection.write(bytes, by: .after(milliseconds: limits.writeMilliseconds))) != nil
    }

    private static func milliseconds(since start: Deadline) -> String {
        let tenths = (Deadline.now.nanoseconds - start.nanoseconds) / 100_000
        return "\(tenths / 10).\(tenths % 10)"
    }
}
