import Glibc

/// One accepted TCP connection; every read and write waits at most until a deadline, so a slow or silent
/// peer cannot hold it. The owner must call `close()`.
package struct TCPConnection: Sendable {
    /// The raw descriptor.
    package let raw: Int32

    /// Reads what has arrived into `buffer`, waiting until `deadline` for something; returns the count, 0
    /// when the peer closed its side. Throws `SystemError` with `ETIMEDOUT` when nothing came in time.
    package func read(into buffer: UnsafeMutableRawBufferPointer, by deadline: Deadline) throws(SystemError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            try wait(for: Int16(POLLIN), until: deadline)
            let n = recv(raw, base, buffer.count, 0)
            if n >= 0 { return n }
            if errno == EINTR || errno == EAGAIN { continue }
            throw SystemError(code: errno, operation: "recv", path: nil)
        }
    }

    /// Writes all of `bytes` by `deadline`; throws `SystemError` (`ETIMEDOUT`, `EPIPE`, `ECONNRESET`) when the
    /// peer does not take them in time or has gone.
    package func write(_ bytes: UnsafeRawBufferPointer, by deadline: Deadline) throws(SystemError) {
        var offset = 0
        while offset < bytes.count {
            try wait(for: Int16(POLLOUT), until: deadline)
            let n = send(raw, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT))
            if n > 0 { offset += n; continue }
            if n < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            throw SystemError(code: n == 0 ? EPIPE : errno, operation: "send", path: nil)
        }
    }

    /// Writes all of `bytes` by `deadline`; see `write(_:by:)`.
    package func write(_ bytes: [UInt8], by deadline: Deadline) throws(SystemError) {
        try bytes.withUnsafeBytes { buffer in Result { () throws(SystemError) in try write(buffer, by: deadline) } }.get()
    }

    /// Whether the peer has sent something (or closed) within `timeoutMilliseconds`.
    package func isReadable(within timeoutMilliseconds: Int32) -> Bool {
        var entry = pollfd(fd: raw, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, timeoutMilliseconds) > 0
    }

    /// Whether the peer has closed its side (or the connection failed) — said without waiting. A client that
    /// closes only its sending side after a request counts as gone too; browsers and HTTP tools do not.
    package var hasClosedItsSide: Bool {
        let readHangUp: Int16 = 0x2000  // Linux's POLLRDHUP, which Glibc declares only under _GNU_SOURCE
        var entry = pollfd(fd: raw, events: readHangUp, revents: 0)
        return poll(&entry, 1, 0) > 0 && entry.revents & (readHangUp | Int16(POLLHUP) | Int16(POLLERR)) != 0
    }

    /// Closes the connection.
    package func close() { _ = Glibc.close(raw) }

    /// Closes the connection without losing what was written: sends end-of-stream, then reads and drops what
    /// the peer still sends (up to 256 KiB, until `deadline`) before closing. Closing with unread bytes would
    /// make the kernel reset the connection, and a reset can discard the answer before the peer reads it.
    package func closeAfterDraining(by deadline: Deadline) {
        _ = shutdown(raw, Int32(SHUT_WR))
        var drained = 0
        var sink = [UInt8](repeating: 0, count: 16 * 1024)
        while drained < 256 * 1024 {
            let count = sink.withUnsafeMutableBytes { buffer in (try? read(into: buffer, by: deadline)) ?? 0 }
            if count == 0 { break }
            drained += count
        }
        close()
    }

    private func wait(for events: Int16, until deadline: Deadline) throws(SystemError) {
        while true {
            var entry = pollfd(fd: raw, events: events, revents: 0)
            let ready = poll(&entry, 1, deadline.remainingMilliseconds)
            if ready > 0 { return }
            if ready == 0 { throw SystemError(code: ETIMEDOUT, operation: "poll", path: nil) }
            if errno != EINTR { throw SystemError(code: errno, operation: "poll", path: nil) }
        }
    }
}
