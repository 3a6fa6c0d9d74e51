/// Reads HTTP/1.1 requests from the bytes a connection received, strictly (RFC 9112) and within limits: what
/// it cannot read with certainty is refused with a status rather than guessed at, so the server and any
/// proxy in front of it never read one request two ways.
public struct HTTPRequestParser: Sendable {
    /// The limits a request is held to.
    public let limits: HTTPLimits

    /// A parser holding requests to `limits`.
    public init(limits: HTTPLimits = HTTPLimits()) { self.limits = limits }

    /// What the bytes received so far hold.
    public enum Outcome: Sendable {
        /// Not a whole request yet; read more.
        case incomplete
        /// A whole request, taking the first `length` bytes.
        case request(HTTPRequest, length: Int)
        /// A request that cannot be served: answer with `status`, saying `problem`, and close.
        case refused(HTTPStatus, problem: String)
    }

    /// Reads the first request in `bytes` (the start of what the connection received).
    public func parse(_ bytes: some RandomAccessCollection<UInt8>) -> Outcome {
        let buffer = Array(bytes)
        // A client may send empty lines before a request (RFC 9112 §2.2).
        var start = 0
        while start < buffer.count, buffer[start] == 13 || buffer[start] == 10 { start += 1 }
        guard let lineEnd = lineEnd(buffer, from: start) else {
            return buffer.count - start > limits.requestLine ? .refused(.uriTooLong, problem: "the request line is longer than \(limits.requestLine) bytes") : .incomplete
        }
        if lineEnd.contentEnd - start > limits.requestLine {
            return .refused(.uriTooLong, problem: "the request line is longer than \(limits.requestLine) bytes")
        }
        let line = buffer[start..<lineEnd.contentEnd]
        let parts = line.split(separator: 32, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else {
            return .refused(.badRequest, problem: "the request line is not 'METHOD target HTTP/1.1'")
        }
        guard parts[0].allSatisfy(HTTPRequestParser.isTokenByte) else { return .refused(.badRequest, problem: "the method is not a token") }
        let version = Array(parts[2])
        guard version.count == 8, version.starts(with: Array("HTTP/".utf8)), version[6] == UInt8(ascii: "."),
              (48...57).contains(version[5]), (48...57).contains(version[7]) else {
            return .refused(.badRequest, problem: "the protocol is not HTTP/1.x")
        }
        guard version[5] == UInt8(ascii: "1") else { return .refused(.versionNotSupported, problem: "only HTTP/1.0 and HTTP/1.1 are served") }
        let target = Array(parts[1])
        guard target.first == UInt8(ascii: "/"), target.allSatisfy({ $0 > 32 && $0 < 127 }) else {
            return .refused(.badRequest, problem: "the target is not a path starting with /")
        }
        guard let (segments, query) = HTTPRequestParser.splitTarget(target) else {
            return .refused(.badRequest, problem: "the target's percent-encoding is not UTF-8")
        }

        // Header fields, up to the empty line.
        var headers: [(name: String, value: String)] = []
        var position = lineEnd.next
        let headersStart = position
        while true {
            guard let end = self.lineEnd(buffer, from: position) else {
                return buffer.count - headersStart > limits.headerBytes ? .refused(.headersTooLarge, problem: "the header fields are larger than \(limits.headerBytes) bytes") : .incomplete
            }
            if end.contentEnd - headersStart > limits.headerBytes {
                return .refused(.headersTooLarge, problem: "the header fields are larger than \(limits.headerBytes) bytes")
            }
            if end.contentEnd == position { position = end.next; break }
            let field = buffer[position..<end.contentEnd]
            guard field.first != 32, field.first != 9 else { return .refused(.badRequest, problem: "a header field is folded over lines") }
            guard let colon = field.firstIndex(of: UInt8(ascii: ":")), colon > field.startIndex,
                  field[field.startIndex..<colon].allSatisfy(HTTPRequestParser.isTokenByte) else {
                return .refused(.badRequest, problem: "a header field is not 'Name: value'")
            }
            let valueBytes = field[(colon + 1)...]
            guard valueBytes.allSatisfy({ $0 == 9 || ($0 >= 32 && $0 != 127) }) else {
                return .refused(.badRequest, problem: "a header field's value holds a control character")
            }
            headers.append((String(decoding: field[field.startIndex..<colon], as: UTF8.self).lowercased(), HTTPRequestParser.trimmed(valueBytes)))
            if headers.count > limits.headerCount { return .refused(.headersTooLarge, problem: "there are more than \(limits.headerCount) header fields") }
            position = end.next
        }

        let minor = Int(version[7] - 48)
        let hosts = headers.filter { $0.name == "host" }
        if minor >= 1 && hosts.count != 1 || hosts.count > 1 {
            return .refused(.badRequest, problem: hosts.isEmpty ? "the request has no Host header" : "the request has more than one Host header")
        }
        if headers.contains(where: { $0.name == "transfer-encoding" }) {
            return .refused(.notImplemented, problem: "chunked request bodies are not accepted; send Content-Length")
        }
        let lengths = headers.filter { $0.name == "content-length" }.map(\.value)
        var bodyLength = 0
        if let first = lengths.first {
            guard lengths.allSatisfy({ $0 == first }), !first.isEmpty, first.utf8.count <= 18, first.utf8.allSatisfy({ (48...57).contains($0) }),
                  let length = Int(first) else {
                return .refused(.badRequest, problem: "the Content-Length is not one number")
            }
            bodyLength = length
        }
        if bodyLength > limits.body { return .refused(.contentTooLarge, problem: "the body is larger than \(limits.body) bytes") }
        guard buffer.count - position >= bodyLength else { return .incomplete }
        let request = HTTPRequest(method: String(decoding: parts[0], as: UTF8.self), target: String(decoding: target, as: UTF8.self),
                                  segments: segments, query: query, minorVersion: minor, headers: headers,
                                  body: Array(buffer[position..<(position + bodyLength)]))
        return .request(request, length: position + bodyLength)
    }

    /// Where the line starting at `start` ends: before its CRLF (or a bare LF), and where the next begins.
    private func lineEnd(_ buffer: [UInt8], from start: Int) -> (contentEnd: Int, next: Int)? {
        guard start < buffer.count, let newline = buffer[start...].firstIndex(of: 10) else { return nil }
        let contentEnd = newline > start && buffer[newline - 1] == 13 ? newline - 1 : newline
        return (contentEnd, newline + 1)
    }

    /// Whether `byte` may appear in a token (a method or a field name).
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        default: Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }

    /// `bytes` without the spaces and tabs around it, as text.
    static func trimmed(_ bytes: some Collection<UInt8>) -> String {
        let array = Array(bytes)
        guard let first = array.firstIndex(where: { $0 != 32 && $0 != 9 }), let last = array.lastIndex(where: { $0 != 32 && $0 != 9 }) else { return "" }
        return String(decoding: array[first...last], as: UTF8.self)
    }

    /// The target's path segments, each decoded, and its query parameters; nil when a percent-escape is
    /// malformed or decodes to something that is not UTF-8.
    static func splitTarget(_ target: [UInt8]) -> (segments: [String], query: [(name: String, value: String)])? {
        let question = target.firstIndex(of: UInt8(ascii: "?")) ?? target.endIndex
        var segments: [String] = []
        for raw in target[1..<question].split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            guard let segment = percentDecoded(raw, plusIsSpace: false) else { return nil }
            segments.append(segment)
        }
        var query: [(name: String, value: String)] = []
        if question < target.endIndex {
            for pair in target[(question + 1)...].split(separator: UInt8(ascii: "&")) {
                let equals = pair.firstIndex(of: UInt8(ascii: "=")) ?? pair.endIndex
                guard let name = percentDecoded(pair[..<equals], plusIsSpace: true),
                      let value = percentDecoded(equals < pair.endIndex ? pair[(equals + 1)...] : [], plusIsSpace: true) else { return nil }
                query.append((name, value))
            }
        }
        return (segments, query)
    }

    /// `bytes` with `%XX` escapes decoded, as UTF-8 text with no control characters (but tabs and line breaks
    /// with `allowingLineBreaks`, for a form's text); nil otherwise.
    static func percentDecoded(_ bytes: some Collection<UInt8>, plusIsSpace: Bool, allowingLineBreaks: Bool = false) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
                out.append(high << 4 | low)
            } else if byte == UInt8(ascii: "+") && plusIsSpace {
                out.append(32)
            } else {
                out.append(byte)
            }
        }
        let allowed: Set<UInt32> = allowingLineBreaks ? [9, 10, 13] : []
        guard let text = String(validating: out, as: UTF8.self),
              !text.unicodeScalars.contains(where: { ($0.value < 32 || $0.value == 127) && !allowed.contains($0.value) }) else { return nil }
        return text
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - 48
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - 87
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - 55
        default: nil
        }
    }
}
