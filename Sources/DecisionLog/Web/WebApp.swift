import Synchronization

/// The web face of one log: answers each request with a page (HTML, or JSON in the CLI's shapes), an asset,
/// or the stream that tells open pages the log grew. Read-only unless it has a `WebWriter`; then its forms
/// record decisions (`WebApp+Record`).
public final class WebApp: Sendable {
    /// The log served.
    public let store: any EventStore
    private let checkpoints: CheckpointStore?
    private let cache = WebCache()
    /// One page is made at a time: pages are made from the log's files, and the cache serves the rest.
    private let making = Mutex(())
    /// Who the forms record as; nil for a read-only server.
    let writer: WebWriter?
    /// One form is appended at a time.
    let writing = Mutex(())
    /// The log's schema registrations at one head: the forms need them, and reading them scans the log.
    private let registrations = Mutex((head: "", list: [SchemaRegistration]()))

    /// The headers every response carries: a policy that lets the pages load only what this server sends and
    /// run no inline script, and no framing, sniffing or referrers.
    public static let securityHeaders: [(name: String, value: String)] = [
        ("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("X-Frame-Options", "DENY"),
        ("Cross-Origin-Resource-Policy", "same-origin"),
    ]

    /// Serves `store`, replaying views from `checkpoints` when given; records through forms as `writer`
    /// when given.
    public init(store: any EventStore, checkpoints: CheckpointStore?, writer: WebWriter? = nil) {
        self.store = store
        self.checkpoints = checkpoints
        self.writer = writer
    }

    /// The answer to `request`.
    public func respond(to request: HTTPRequest) -> HTTPResponse {
        if let answer = record(request) { return answer }
        guard request.method == "GET" || request.method == "HEAD" else { return Self.notAllowed("GET, HEAD") }
        switch WebPage.requested(request) {
        case .asset(let name):
            guard let asset = WebAssets.named(name) else { return .text(.notFound, "No such file.") }
            return HTTPResponse(.ok, contentType: asset.contentType, body: Array(asset.body.utf8), headers: [("Cache-Control", "max-age=3600")])
        case .updates:
            return updates(known: request.parameter("head"))
        case .canonical(let address):
            return HTTPResponse(.seeOther, contentType: "text/plain; charset=utf-8", body: Array("See \(address)\n".utf8), headers: [("Location", address)])
        case .nothing:
            return page(for: nil, json: false, request)
        case .page(let page, let json):
            return self.page(for: page, json: json, request)
        }
    }

    /// The team's schemas and the built-in ones, as the log at `head` registers them; read once per head.
    func schemas(at head: String) throws -> SchemaRegistry {
        if let kept = registrations.withLock({ $0.head == head ? $0.list : nil }) { return SchemaRegistry(registrations: kept) }
        let list = try store.schemaRegistrations()
        registrations.withLock { $0 = (head, list) }
        return SchemaRegistry(registrations: list)
    }

    /// The page, from the cache when the log has not changed since it was made. A page kept for this head
    /// but older than a minute is served as it is while another page is being made, rather than queued
    /// behind it; a request whose client left while it waited is not made at all.
    private func page(for page: WebPage?, json: Bool, _ request: HTTPRequest) -> HTTPResponse {
        let head: String
        do throws(LogError) { head = try store.head().description } catch {
            return .text(.internalServerError, "The log cannot be read: \(error.message).")
        }
        let key = (json ? "json " : "html ") + request.target
        let kept = cache.response(key, head: head)
        if let kept, kept.isFresh { return kept.response }
        let makeAndKeep = { () -> HTTPResponse in
            if let again = self.cache.response(key, head: head), again.isFresh { return again.response }
            if request.clientLeft() { return .text(.serviceUnavailable, "The client left before its page was made.") }
            let response = self.make(page, json: json, head: head)
            if response.status == .ok || response.status == .notFound { self.cache.keep(response, key, head: head) }
            return response
        }
        if let kept {
            return making.withLockIfAvailable { _ in makeAndKeep() } ?? kept.response
        }
        return making.withLock { _ in makeAndKeep() }
    }

    private func make(_ page: WebPage?, json: Bool, head: String) -> HTTPResponse {
        let pages = WebPages(questions: LogQuestions(store: store, checkpoints: checkpoints), head: head, writes: writer != nil)
        do throws(WebFailure) {
            guard let page else { throw WebFailure(.notFound, "There is no page at this address; start from the dashboard.") }
            switch try pages.make(page, json: json) {
            case .html(let html): return HTTPResponse(.ok, contentType: "text/html; charset=utf-8", body: Array(html.utf8), headers: [("Cache-Control", "no-cache")])
            case .json(let text): return HTTPResponse(.ok, contentType: "application/json", body: Array(text.utf8), headers: [("Cache-Control", "no-cache")])
            case .markdown(let text): return HTTPResponse(.ok, contentType: "text/markdown; charset=utf-8", body: Array(text.utf8), headers: [("Cache-Control", "no-cache")])
            }
        } catch {
            if json {
                return HTTPResponse(error.status, contentType: "application/json", body: Array(error.json.utf8))
            }
            let html = pages.frame.page(page ?? .search(nil), moment: .now, heading: error.status.reason,
                                        body: "<p class=\"error\" role=\"alert\">\(Markup.escape(error.message))</p>\n<p><a href=\"/\">The dashboard</a></p>\n")
            return Self.html(error.status, html)
        }
    }

    /// A stream that sends the log's head now and each time it changes, so an open page can offer to reload.
    private func updates(known: String?) -> HTTPResponse {
        let store = self.store
        return .eventStream { stream in
            guard var watch = try? store.watchAppends() else { return }
            defer { watch.close() }
            var last = ""
            while true {
                let head = (try? store.head().description) ?? ""
                if head != last {
                    guard stream.event("head", data: head) else { return }
                    last = head
                }
                let changed: Bool
                do throws(LogError) { changed = try watch.waitForAppend(timeoutMilliseconds: 15_000) } catch {
                    // A database connection lost: listen again on a new one, and look at the head meanwhile.
                    guard let renewed = try? store.watchAppends() else { return }
                    watch = renewed
                    continue
                }
                if !changed {
                    guard stream.keepAlive() else { return }
                }
            }
        }
    }
}
