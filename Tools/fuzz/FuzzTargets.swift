// The fuzz targets: one libFuzzer entry point over the parsers that take outside input. Not part of the
// package: Tools/fuzz/run.sh compiles it together with the library's sources, with -sanitize=fuzzer,address,
// and picks the target with $FUZZ_TARGET (event, draft, csv, time, schema, pattern, http).
import Glibc

/// Which parser this run feeds.
enum FuzzTarget: String {
    /// A line of an events file: the canonical decoder, the general decoder and the checks `verify` makes.
    case event
    /// A JSON Lines file of drafts, as `import` reads it: parsing, the built-in schemas, validation.
    case draft
    /// A spreadsheet, as `import` reads CSV: the reader, the header's columns, each row's draft and its validation.
    case csv
    /// A time expression, as --effective, --as-of, --known-at and timeframes take it.
    case time
    /// A JSON Schema and an instance, separated by a NUL byte: compiling the schema (refusing patterns and
    /// references that could hang it), validating the instance.
    case schema
    /// A regular expression and a text, separated by a NUL byte: compiling it as a schema's pattern and as
    /// --grep's, and matching (in time linear in the text, so no input may run long).
    case pattern
    /// What a client sends `serve`: the request parser, the page it names, and that page's address read back
    /// naming the same page.
    case http

    /// The target $FUZZ_TARGET names; the process stops with a message for anything else.
    static let current: FuzzTarget = {
        guard let name = getenv("FUZZ_TARGET").map({ String(cString: $0) }), let target = FuzzTarget(rawValue: name) else {
            StandardStreams.writeError("set FUZZ_TARGET to event, draft, csv, time, schema, pattern or http\n")
            exit(64)
        }
        return target
    }()
}

private let now = Timestamp(milliseconds: 1_751_328_000_000)
private let berlin = TimeZoneRules(named: "Europe/Berlin") ?? .utc
/// Shared by the inputs that register no types (the fuzzer runs one input at a time, on one thread).
nonisolated(unsafe) private let builtInSchemas = SchemaRegistry()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    switch FuzzTarget.current {
    case .event:
        _ = try? Event(line: bytes)
        _ = ChainVerifier.checkAlone(UnsafeRawBufferPointer(bytes), number: 1)
    case .draft:
        // The built-in schemas compile once; an input that registers types of its own gets a registry of its own.
        let registers = ByteSearch.contains("schema.registered", in: UnsafeRawBufferPointer(bytes))
        let batch = DraftBatch(Array(bytes), context: DraftContext(now: now, timeZone: berlin), schemas: registers ? SchemaRegistry() : builtInSchemas)
        _ = batch.failures.map { $0.failure.description }
    case .csv:
        guard let table = try? CSVTable(parsing: Array(bytes)),
              let drafts = try? CSVDrafts(table, mappings: [("Launch date", "date"), ("Why", "reason")], schemas: builtInSchemas)
        else { return 0 }
        let batch = DraftBatch(drafts, context: DraftContext(now: now, timeZone: berlin), schemas: builtInSchemas)
        _ = batch.failures.map { $0.failure.description }
    case .time:
        let text = String(decoding: bytes, as: UTF8.self)
        _ = try? TimeInput(parsing: text, in: berlin)
        _ = try? TimePoint(parsing: text, zone: berlin, fiscalYearStart: 2, now: now)
        _ = try? Timeframe(parsing: text)
    case .schema:
        let parts = bytes.split(separator: 0, maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let source = try? JSONValue.parse(parts[0]), let schema = try? JSONSchema(source),
            let instance = try? JSONValue.parse(parts[1])
        else { return 0 }
        _ = schema.validate(instance)
    case .pattern:
        let parts = bytes.split(separator: 0, maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return 0 }
        let text = String(decoding: parts[1], as: UTF8.self)
        for ignoringCase in [false, true] {
            guard let pattern = try? Pattern(String(decoding: parts[0], as: UTF8.self), ignoringCase: ignoringCase) else { return 0 }
            _ = pattern.matches(in: text)
        }
    case .http:
        guard case .request(let request, let length) = HTTPRequestParser().parse(bytes) else { return 0 }
        precondition(length <= bytes.count, "the parser took more bytes than it was given")
        guard case .page(let page, _) = WebPage.requested(request) else { return 0 }
        let again = HTTPRequestParser().parse(Array("GET \(WebLinks.href(page)) HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        guard case .request(let reread, _) = again, case .page(let same, false) = WebPage.requested(reread), same == page else {
            preconditionFailure("the address of \(page) does not name it: \(WebLinks.href(page))")
        }
    }
    return 0
}
