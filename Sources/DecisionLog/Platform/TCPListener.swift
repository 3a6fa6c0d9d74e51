import Glibc

/// A listening TCP socket on one address; the owner must call `close()`.
package struct TCPListener: Sendable {
    /// The raw descriptor.
    package let raw: Int32
    /// The port it listens on (the one the system chose when asked for port 0).
    package let port: Int

    /// Listens on `address` (an IPv4 or IPv6 literal such as 127.0.0.1 or ::1) at `port` (0: any free port).
    /// Throws `SystemError` naming the address when it is not a literal, is taken or cannot be bound.
    package static func listen(address: String, port: Int, backlog: Int32 = 128) throws(SystemError) -> TCPListener {
        let name = address.contains(":") ? "[\(address)]:\(port)" : "\(address):\(port)"
        var storage = sockaddr_storage()
        let length: socklen_t
        let family: Int32
        if address.contains(":") {
            var v6 = sockaddr_in6()
            v6.sin6_family = sa_family_t(AF_INET6)
            v6.sin6_port = UInt16(port).bigEndian
            guard inet_pton(AF_INET6, address, &v6.sin6_addr) == 1 else { throw SystemError.invalid(name, "is not an IP address (give one such as 127.0.0.1 or ::1)") }
            withUnsafeBytes(of: v6) { bytes in withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: bytes) } }
            (length, family) = (socklen_t(MemoryLayout<sockaddr_in6>.size), AF_INET6)
        } else {
            var v4 = sockaddr_in()
            v4.sin_family = sa_family_t(AF_INET)
            v4.sin_port = UInt16(port).bigEndian
            guard inet_pton(AF_INET, address, &v4.sin_addr) == 1 else { throw SystemError.invalid(name, "is not an IP address (give one such as 127.0.0.1 or ::1)") }
            withUnsafeBytes(of: v4) { bytes in withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: bytes) } }
            (length, family) = (socklen_t(MemoryLayout<sockaddr_in>.size), AF_INET)
        }
        let fd = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SystemError(code: errno, operation: "socket", path: name) }
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &storage) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        guard bound == 0, Glibc.listen(fd, backlog) == 0 else {
            let code = errno
            _ = Glibc.close(fd)
            throw SystemError(code: code, operation: "bind", path: name)
        }
        var chosen = sockaddr_storage()
        var chosenLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &chosen) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &chosenLength) } }
        let chosenPort = withUnsafeBytes(of: chosen) { bytes in
            family == AF_INET6 ? bytes.load(as: sockaddr_in6.self).sin6_port : bytes.load(as: sockaddr_in.self).sin_port
        }
        return TCPListener(raw: fd, port: Int(UInt16(bigEndian: chosenPort)))
    }

    /// Waits for the next connection, up to `timeoutMilliseconds` (-1: for ever); nil when none came in time.
    /// Throws `SystemError` when the listener fails (closed, or out of descriptors).
    package func accept(timeoutMilliseconds: Int32 = -1) throws(SystemError) -> TCPConnection? {
        var entry = pollfd(fd: raw, events: Int16(POLLIN), revents: 0)
        let ready = poll(&entry, 1, timeoutMilliseconds)
        if ready == 0 || (ready < 0 && errno == EINTR) { return nil }
        guard ready > 0 else { throw SystemError(code: errno, operation: "poll", path: nil) }
        let fd = Glibc.accept(raw, nil, nil)
        guard fd >= 0 else {
            // The peer gave up between poll and accept, or a signal came: nothing to serve.
            if [EAGAIN, ECONNABORTED, EINTR, EPROTO].contains(errno) { return nil }
            throw SystemError(code: errno, operation: "accept", path: nil)
        }
        // accept4 needs _GNU_SOURCE, which Glibc's module does not define; the server starts no process
        // between the two calls (a browser for --open is started before it accepts).
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        var one: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        return TCPConnection(raw: fd)
    }

    /// Stops listening.
    package func close() { _ = Glibc.close(raw) }
}
