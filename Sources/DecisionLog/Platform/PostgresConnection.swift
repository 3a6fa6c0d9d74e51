import Glibc

/// One connection to a PostgreSQL server through libpq (loaded at run time, see `LibPQ`): statements with
/// parameters, COPY in and out, and LISTEN's notifications. Not for sharing: one thread uses a connection at a
/// time.
final class PostgresConnection: @unchecked Sendable {
    // Safe to send: a connection is only ever used by one thread at a time. `PostgresEventStore` keeps at
    // most one idle connection behind a mutex and hands it to exactly one caller (taking it out of the
    // mutex), who puts it back only when done with it; every other connection lives on one caller's stack.
    private let pq: LibPQ
    private let raw: OpaquePointer

    /// Connects to the server `conninfo` names (a `postgresql://` URI or `key=value` pairs); throws
    /// `PostgresError` when libpq is missing or the server refuses or cannot be reached.
    init(_ conninfo: String) throws(PostgresError) {
        switch LibPQ.shared {
        case .failure(let unavailable): throw PostgresError(message: unavailable.reason, sqlState: nil, connectionLost: false, libraryMissing: true)
        case .success(let library): pq = library
        }
        guard let raw = pq.connectdb(conninfo) else { throw PostgresError(message: "out of memory connecting to the database", sqlState: nil, connectionLost: true) }
        self.raw = raw
        // Every stored property is set: from here on a throw runs deinit, which frees the connection.
        guard pq.status(raw) == 0 else {
            let message = Self.firstLine(pq.errorMessage(raw))
            throw PostgresError(message: message, sqlState: nil, connectionLost: true)
        }
        // The server's notices ("relation already exists, skipping") are not for the person typing.
        _ = pq.setNoticeProcessor(raw, { _, _ in }, nil)
        try run("SET client_encoding = 'UTF8'; SET standard_conforming_strings = on")
    }

    deinit { pq.finish(raw) }

    /// True while the connection is usable (not broken by a server that went away).
    var isHealthy: Bool { pq.status(raw) == 0 }

    /// Runs `sql` (one or more statements, no parameters), discarding any rows.
    func run(_ sql: String) throws(PostgresError) {
        let result = pq.exec(raw, sql)
        defer { pq.clear(result) }
        try check(result, expecting: [LibPQ.Status.commandOK, LibPQ.Status.tuplesOK])
    }

    /// Ends the transaction (COMMIT, or ROLLBACK when `readOnly`); returns the failure, if any.
    func commit(readOnly: Bool) -> PostgresError? {
        do throws(PostgresError) { try run(readOnly ? "ROLLBACK" : "COMMIT") } catch { return error }
        return nil
    }

    /// Runs one statement with `parameters` (`$1`, `$2`, …; text, or bytes) and returns its rows, each
    /// column as text (or, with `binaryResults`, in PostgreSQL's binary form: bytea as its bytes).
    @discardableResult
    func query(_ sql: String, _ parameters: [PostgresValue] = [], binaryResults: Bool = false) throws(PostgresError) -> PostgresRows {
        let result = withParameters(parameters) { values, lengths, formats in
            pq.execParams(raw, sql, Int32(parameters.count), nil, values, lengths, formats, binaryResults ? 1 : 0)
        }
        do { try check(result, expecting: [LibPQ.Status.commandOK, LibPQ.Status.tuplesOK]) } catch {
            pq.clear(result)
            throw error
        }
        return PostgresRows(pq: pq, result: result!)
    }

    /// Runs `sql`, a `COPY … FROM STDIN` (COPY takes no parameters), sending what `produce` writes (it is called until it returns
    /// false), and finishes the copy; a throw from `produce` aborts the copy and is rethrown.
    func copyIn(_ sql: String, produce: (_ send: (UnsafeRawBufferPointer) throws(PostgresError) -> Void) throws -> Bool) throws {
        let start = pq.exec(raw, sql)
        defer { pq.clear(start) }
        try check(start, expecting: [LibPQ.Status.copyIn])
        let send = { [pq, raw] (bytes: UnsafeRawBufferPointer) throws(PostgresError) in
            guard bytes.count > 0 else { return }
            if pq.putCopyData(raw, bytes.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(bytes.count)) != 1 {
                throw PostgresError(message: Self.firstLine(pq.errorMessage(raw)), sqlState: nil, connectionLost: pq.status(raw) != 0)
            }
        }
        do {
            while try produce(send) {}
        } catch {
            _ = pq.putCopyEnd(raw, "aborted by the client")
            drainResults()
            throw error
        }
        guard pq.putCopyEnd(raw, nil) == 1 else { throw PostgresError(message: Self.firstLine(pq.errorMessage(raw)), sqlState: nil, connectionLost: true) }
        var failure: PostgresError? = nil
        while let result = pq.getResult(raw) {
            do throws(PostgresError) { try check(result, expecting: [LibPQ.Status.commandOK]) } catch { failure = failure ?? error }
            pq.clear(result)
        }
        if let failure { throw failure }
    }

    /// Runs `sql`, a `COPY … TO STDOUT`, calling `receive` with each piece of data the server sends; a throw
    /// from `receive` is rethrown once the copy is drained.
    func copyOut(_ sql: String, receive: (UnsafeRawBufferPointer) throws -> Void) throws {
        let start = pq.exec(raw, sql)
        defer { pq.clear(start) }
        try check(start, expecting: [LibPQ.Status.copyOut])
        var failure: (any Error)? = nil
        while true {
            var buffer: UnsafeMutablePointer<CChar>? = nil
            let count = pq.getCopyData(raw, &buffer, 0)
            if count > 0, let buffer {
                if failure == nil {
                    do { try receive(UnsafeRawBufferPointer(start: buffer, count: Int(count))) } catch { failure = error }
                }
                pq.freemem(buffer)
                continue
            }
            if count == -2 { throw PostgresError(message: Self.firstLine(pq.errorMessage(raw)), sqlState: nil, connectionLost: pq.status(raw) != 0) }
            break
        }
        var serverFailure: PostgresError? = nil
        while let result = pq.getResult(raw) {
            do throws(PostgresError) { try check(result, expecting: [LibPQ.Status.commandOK]) } catch { serverFailure = serverFailure ?? error }
            pq.clear(result)
        }
        if let failure { throw failure }
        if let serverFailure { throw serverFailure }
    }

    /// Waits up to `timeout` seconds for a notification on a channel this connection LISTENs to; returns
    /// the payloads received (empty on timeout). Throws when the connection is lost.
    func waitForNotifications(timeout: Double) throws(PostgresError) -> [String] {
        var received = takeNotifications()
        if !received.isEmpty { return received }
        var descriptor = pollfd(fd: pq.socket(raw), events: Int16(POLLIN), revents: 0)
        guard descriptor.fd >= 0 else { throw PostgresError(message: "the connection to the database was lost", sqlState: nil, connectionLost: true) }
        let ready = poll(&descriptor, 1, Int32(max(0, timeout * 1000)))
        if ready > 0 {
            guard pq.consumeInput(raw) == 1 else {
                throw PostgresError(message: Self.firstLine(pq.errorMessage(raw)), sqlState: nil, connectionLost: true)
            }
            received = takeNotifications()
        }
        return received
    }

    private func takeNotifications() -> [String] {
        var payloads: [String] = []
        while let notify = pq.notifies(raw) {
            payloads.append(notify.assumingMemoryBound(to: LibPQ.Notify.self).pointee.extra.map { String(cString: $0) } ?? "")
            pq.freemem(notify)
        }
        return payloads
    }

    private func drainResults() {
        while let result = pq.getResult(raw) { pq.clear(result) }
    }

    /// Throws the server's error unless `result`'s status is one of `expected`.
    private func check(_ result: LibPQ.Result?, expecting expected: [Int32]) throws(PostgresError) {
        guard let result else {
            throw PostgresError(message: Self.firstLine(pq.errorMessage(raw)), sqlState: nil, connectionLost: pq.status(raw) != 0)
        }
        let status = pq.resultStatus(result)
        guard !expected.contains(status) else { return }
        let state = pq.resultErrorField(result, LibPQ.sqlStateField).map { String(cString: $0) }
        let primary = pq.resultErrorField(result, LibPQ.primaryMessageField).map { String(cString: $0) }
        let message = primary ?? Self.firstLine(pq.resultErrorMessage(result) ?? pq.errorMessage(raw))
        // Besides a broken connection, SQLSTATE classes 08 (connection exception) and 57P (the server shutting
        // down or crashed) mean the server went away, as does an error libpq made itself (it has no SQLSTATE:
        // "server closed the connection unexpectedly").
        let gone = pq.status(raw) != 0 || state.map { $0.hasPrefix("08") || $0.hasPrefix("57P") } ?? true
        throw PostgresError(message: message.isEmpty ? "unexpected reply from the database" : message, sqlState: state, connectionLost: gone)
    }

    /// Calls `body` with libpq's parameter arrays for `parameters`: text as text, bytes as binary.
    private func withParameters<R>(_ parameters: [PostgresValue],
                                   _ body: (UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) -> R) -> R {
        var storage: [[UInt8]] = []
        var lengths: [Int32] = []
        var formats: [Int32] = []
        for parameter in parameters {
            switch parameter {
            case .text(let text):
                storage.append(Array(text.utf8) + [0])
                lengths.append(0)
                formats.append(0)
            case .bytes(let bytes):
                storage.append(bytes.isEmpty ? [0] : bytes)
                lengths.append(Int32(bytes.count))
                formats.append(1)
            }
        }
        let pointers = storage.map { bytes -> UnsafeMutablePointer<CChar>? in
            let copy = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count)
            bytes.withUnsafeBytes { UnsafeMutableRawPointer(copy).copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
            return copy
        }
        defer { for pointer in pointers { pointer?.deallocate() } }
        let values = pointers.map { UnsafePointer($0) }
        return values.withUnsafeBufferPointer { values in
            lengths.withUnsafeBufferPointer { lengths in
                formats.withUnsafeBufferPointer { formats in body(values.baseAddress, lengths.baseAddress, formats.baseAddress) }
            }
        }
    }

    /// The first line of a libpq message, without "ERROR:" and trailing space.
    private static func firstLine(_ text: UnsafePointer<CChar>?) -> String {
        guard let text else { return "unknown error" }
        var line = String(cString: text).split(separator: "\n").first.map(String.init) ?? ""
        if line.hasPrefix("ERROR:  ") { line = String(line.dropFirst(8)) }
        while line.last == " " || line.last == "\t" { line.removeLast() }
        return line
    }
}

/// A statement's parameter: text, or bytes sent in binary.
enum PostgresValue {
    case text(String)
    case bytes([UInt8])
}

/// The rows a statement returned, each column as text (NULL as nil).
final class PostgresRows {
    private let pq: LibPQ
    private let result: LibPQ.Result

    init(pq: LibPQ, result: LibPQ.Result) {
        self.pq = pq
        self.result = result
    }

    deinit { pq.clear(result) }

    /// How many rows.
    var count: Int { Int(pq.ntuples(result)) }

    /// Column `column` of row `row` as text; nil for NULL.
    func text(_ row: Int, _ column: Int) -> String? {
        guard pq.getisnull(result, Int32(row), Int32(column)) == 0, let value = pq.getvalue(result, Int32(row), Int32(column)) else { return nil }
        return String(cString: value)
    }

    /// Column `column` of row `row` as the bytes the server sent; nil for NULL.
    func bytes(_ row: Int, _ column: Int) -> [UInt8]? {
        guard pq.getisnull(result, Int32(row), Int32(column)) == 0, let value = pq.getvalue(result, Int32(row), Int32(column)) else { return nil }
        return Array(UnsafeRawBufferPointer(start: value, count: Int(pq.getlength(result, Int32(row), Int32(column)))))
    }

    /// Column `column` of row `row` as an integer; nil for NULL or not a number.
    func int(_ row: Int, _ column: Int) -> Int? { text(row, column).flatMap { Int($0) } }
}

/// A failure talking to PostgreSQL: the server's message and SQLSTATE, or libpq's.
struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, in the server's or libpq's words (one line).
    let message: String
    /// The SQLSTATE code, when the server sent one ("23505" unique violation, …).
    let sqlState: String?
    /// True when the connection is gone (server stopped, network down, refused at connect).
    let connectionLost: Bool
    /// True when libpq could not be loaded at all.
    var libraryMissing = false

    var description: String { message }

    /// Whether the server refused for lack of privilege (SQLSTATE 42501).
    var isPermission: Bool { sqlState == "42501" }
}
