import Glibc

/// PostgreSQL's client library, loaded at run time with `dlopen`, so that building decisionlog never needs
/// libpq's headers and a binary runs on a machine without libpq until a log in a database is opened.
///
/// Only the calls decisionlog makes are bound; their C signatures are those of libpq-fe.h (stable since
/// PostgreSQL 9).
struct LibPQ: @unchecked Sendable {
    // Safe to share: every member is a C function pointer, set once when the library loads and never
    // changed; libpq's functions are thread-safe as long as one connection is used by one thread at a time,
    // which `PostgresConnection` ensures.
    typealias Connection = OpaquePointer
    typealias Result = OpaquePointer

    let connectdb: @convention(c) (UnsafePointer<CChar>?) -> Connection?
    let status: @convention(c) (Connection?) -> Int32
    let errorMessage: @convention(c) (Connection?) -> UnsafePointer<CChar>?
    let finish: @convention(c) (Connection?) -> Void
    let exec: @convention(c) (Connection?, UnsafePointer<CChar>?) -> Result?
    let execParams: @convention(c) (Connection?, UnsafePointer<CChar>?, Int32, UnsafePointer<UInt32>?,
                                    UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?, Int32) -> Result?
    let resultStatus: @convention(c) (Result?) -> Int32
    let resultErrorField: @convention(c) (Result?, Int32) -> UnsafePointer<CChar>?
    let resultErrorMessage: @convention(c) (Result?) -> UnsafePointer<CChar>?
    let ntuples: @convention(c) (Result?) -> Int32
    let getvalue: @convention(c) (Result?, Int32, Int32) -> UnsafeMutablePointer<CChar>?
    let getlength: @convention(c) (Result?, Int32, Int32) -> Int32
    let getisnull: @convention(c) (Result?, Int32, Int32) -> Int32
    let clear: @convention(c) (Result?) -> Void
    let putCopyData: @convention(c) (Connection?, UnsafePointer<CChar>?, Int32) -> Int32
    let putCopyEnd: @convention(c) (Connection?, UnsafePointer<CChar>?) -> Int32
    let getCopyData: @convention(c) (Connection?, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, Int32) -> Int32
    let getResult: @convention(c) (Connection?) -> Result?
    let freemem: @convention(c) (UnsafeMutableRawPointer?) -> Void
    let consumeInput: @convention(c) (Connection?) -> Int32
    let notifies: @convention(c) (Connection?) -> UnsafeMutableRawPointer?
    let socket: @convention(c) (Connection?) -> Int32
    let setNoticeProcessor: @convention(c) (Connection?, (@convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Void)?,
                                            UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer?

    /// libpq's `PGnotify`, which `notifies` points to.
    struct Notify {
        var relname: UnsafeMutablePointer<CChar>?
        var backendPID: Int32
        var extra: UnsafeMutablePointer<CChar>?
        var next: UnsafeMutableRawPointer?
    }

    /// `ExecStatusType` values decisionlog looks at.
    enum Status {
        static let commandOK: Int32 = 1
        static let tuplesOK: Int32 = 2
        static let copyOut: Int32 = 3
        static let copyIn: Int32 = 4
    }

    /// `PG_DIAG_SQLSTATE` and `PG_DIAG_MESSAGE_PRIMARY`.
    static let sqlStateField = Int32(UInt8(ascii: "C"))
    static let primaryMessageField = Int32(UInt8(ascii: "M"))

    /// The library, loaded once; or why it cannot be (no libpq on this machine).
    static let shared: Swift.Result<LibPQ, LibPQUnavailable> = load()

    private static func load() -> Swift.Result<LibPQ, LibPQUnavailable> {
        var handle: UnsafeMutableRawPointer? = nil
        // $DECISIONLOG_LIBPQ names a libpq of one's own (another build, or a folder outside the loader's path).
        let named = getenv("DECISIONLOG_LIBPQ").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
        for name in named.map({ [$0] }) ?? ["libpq.so.5", "libpq.so"] {
            handle = dlopen(name, RTLD_NOW | RTLD_LOCAL)
            if handle != nil { break }
        }
        guard let handle else {
            return .failure(LibPQUnavailable(reason: named.map { "PostgreSQL's client library cannot be loaded from \($0) ($DECISIONLOG_LIBPQ)" }
                                                ?? "PostgreSQL's client library (libpq.so.5) is not installed"))
        }
        var missing: [String] = []
        func bind<F>(_ name: String, as type: F.Type) -> F {
            guard let symbol = dlsym(handle, name) else {
                missing.append(name)
                return unsafeBitCast(dlsym(handle, "PQfinish") ?? UnsafeMutableRawPointer(bitPattern: 1)!, to: F.self)
            }
            return unsafeBitCast(symbol, to: F.self)
        }
        let library = LibPQ(
            connectdb: bind("PQconnectdb", as: (@convention(c) (UnsafePointer<CChar>?) -> Connection?).self),
            status: bind("PQstatus", as: (@convention(c) (Connection?) -> Int32).self),
            errorMessage: bind("PQerrorMessage", as: (@convention(c) (Connection?) -> UnsafePointer<CChar>?).self),
            finish: bind("PQfinish", as: (@convention(c) (Connection?) -> Void).self),
            exec: bind("PQexec", as: (@convention(c) (Connection?, UnsafePointer<CChar>?) -> Result?).self),
            execParams: bind("PQexecParams", as: (@convention(c) (Connection?, UnsafePointer<CChar>?, Int32, UnsafePointer<UInt32>?,
                                                                  UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?, Int32) -> Result?).self),
            resultStatus: bind("PQresultStatus", as: (@convention(c) (Result?) -> Int32).self),
            resultErrorField: bind("PQresultErrorField", as: (@convention(c) (Result?, Int32) -> UnsafePointer<CChar>?).self),
            resultErrorMessage: bind("PQresultErrorMessage", as: (@convention(c) (Result?) -> UnsafePointer<CChar>?).self),
            ntuples: bind("PQntuples", as: (@convention(c) (Result?) -> Int32).self),
            getvalue: bind("PQgetvalue", as: (@convention(c) (Result?, Int32, Int32) -> UnsafeMutablePointer<CChar>?).self),
            getlength: bind("PQgetlength", as: (@convention(c) (Result?, Int32, Int32) -> Int32).self),
            getisnull: bind("PQgetisnull", as: (@convention(c) (Result?, Int32, Int32) -> Int32).self),
            clear: bind("PQclear", as: (@convention(c) (Result?) -> Void).self),
            putCopyData: bind("PQputCopyData", as: (@convention(c) (Connection?, UnsafePointer<CChar>?, Int32) -> Int32).self),
            putCopyEnd: bind("PQputCopyEnd", as: (@convention(c) (Connection?, UnsafePointer<CChar>?) -> Int32).self),
            getCopyData: bind("PQgetCopyData", as: (@convention(c) (Connection?, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, Int32) -> Int32).self),
            getResult: bind("PQgetResult", as: (@convention(c) (Connection?) -> Result?).self),
            freemem: bind("PQfreemem", as: (@convention(c) (UnsafeMutableRawPointer?) -> Void).self),
            consumeInput: bind("PQconsumeInput", as: (@convention(c) (Connection?) -> Int32).self),
            notifies: bind("PQnotifies", as: (@convention(c) (Connection?) -> UnsafeMutableRawPointer?).self),
            socket: bind("PQsocket", as: (@convention(c) (Connection?) -> Int32).self),
            setNoticeProcessor: bind("PQsetNoticeProcessor", as: (@convention(c) (Connection?, (@convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Void)?,
                                                                                  UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer?).self))
        guard missing.isEmpty else {
            return .failure(LibPQUnavailable(reason: "the libpq found lacks \(missing.joined(separator: ", ")); it is older than PostgreSQL 9"))
        }
        return .success(library)
    }
}

/// Why PostgreSQL's client library cannot be used.
struct LibPQUnavailable: Error, Sendable {
    /// What is missing, in a phrase.
    let reason: String
}
