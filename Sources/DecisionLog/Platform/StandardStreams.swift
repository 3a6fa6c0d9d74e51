import Glibc

/// Writes to the process's standard streams without buffering surprises.
package enum StandardStreams {
    /// Writes `text` to standard output.
    package static func writeOut(_ text: String) { write(1, text) }
    /// Writes `text` to standard error.
    package static func writeError(_ text: String) { write(2, text) }

    private static func write(_ fd: Int32, _ text: String) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 { if errno == EINTR { continue } else { return } }
                offset += n
            }
        }
    }

    /// Reads all of standard input as bytes.
    package static func readInput() throws(SystemError) -> [UInt8] {
        try FileDescriptor(raw: 0, path: "<stdin>").readAll()
    }
}

extension String {
    /// The text of a C buffer up to its first NUL, decoded as UTF-8 (invalid bytes replaced).
    init(nulTerminated buffer: [CChar]) {
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        self.init(decoding: bytes, as: UTF8.self)
    }
}
