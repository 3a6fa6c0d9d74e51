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
        // The family, port and address written where sockaddr_in or sockaddr_in6 keeps them.
        let isV6 = address.contains(":")
        let family = isV6 ? AF_INET6 : AF_INET
        let length = socklen_t(isV6 ? MemoryLayout<sockaddr_in6>.size : MemoryLayout<sockaddr_in>.size)
        let portOffset = isV6 ? MemoryLayout<sockaddr_in6>.offset(of: \.sin6_port)! : MemoryLayout<sockaddr_in>.offset(of: \.sin_port)!
        let addressOffset = isV6 ? MemoryLayout<sockaddr_in6>.offset(of: \.sin6_addr)! : MemoryLayout<sockaddr_in>.offset(of: \.sin_addr)!
        var storage = sockaddr_storage()
        storage.ss_family = sa_family_t(family)
        let parsed = withUnsafeMutableBytes(of: &storage) { bytes in
            bytes.storeBytes(of: UInt16(port).bigEndian, toByteOffset: portOffset, as: UInt16.self)
            return inet_pton(family, address, bytes.baseAddress! + addressOffset)
        }
        guard parsed == 1 else { throw SystemError.invalid(name, "is not an IP address (give one such as 127.0.0.1 or ::1)") }
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
        let chosenPort = withUnsafeBytes(of: chosen) { $0.load(fromByteOffset: portOffset, as: UInt16.self) }
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
