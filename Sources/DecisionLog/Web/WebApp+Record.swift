import Synchronization

/// Recording decisions from the browser (only when the server has a `WebWriter`): `/record` lists the types,
/// `/record/<type>` draws a type's form and takes its post. A post is checked for the server's token and a
/// same-origin sender, built into a draft as `add` builds one, validated and appended exactly as `add` does,
/// and answered with a redirect to the new event (303), or the form again with every problem (422).
extension WebApp {
    /// The answer to a request under `/record`, or nil when the request is not one.
    func record(_ request: HTTPRequest) -> HTTPResponse? {
        guard request.segments.first == "record", request.segments.count <= 2 else { return nil }
        guard let writer else {
            return .text(.notFound, "This server is read-only; start it with --allow-writes to record decisions from the browser.")
        }
        let pages: WebPages
        let schemas: SchemaRegistry
        do {
            let head = try store.head().description
            pages = WebPages(questions: LogQuestions(store: store, checkpoints: nil), head: head, writes: true)
            schemas = try self.schemas(at: head)
        } catch {
            return .text(.internalServerError, "The log cannot be read: \(error).")
        }
        guard request.segments.count == 2 else {
            guard request.method != "POST" else { return Self.notAllowed("GET, HEAD") }
            return Self.html(.ok, pages.recordIndex(schemas, subject: request.parameter("subject"), writer: writer))
        }
        guard let kind = schemas.kind(named: request.segments[1]) else {
            return .text(.notFound, EventDraft.unknownTypeMessage(request.segments[1], among: schemas.typeNames) + ".")
        }
        guard request.method == "POST" else {
            let prefilled = WebForm(request.query.filter { $0.name == "subject" })
            return Self.html(.ok, pages.recordForm(kind, form: prefilled, problems: [], writer: writer))
        }
        guard (request.header("content-type") ?? "").lowercased().hasPrefix("application/x-www-form-urlencoded") else {
            return .text(.unsupportedMediaType, "Send the form as application/x-www-form-urlencoded, as a browser does.")
        }
        guard let form = WebForm(body: request.body) else { return .text(.badRequest, "The form's fields cannot be read.") }
        guard Self.isSameOrigin(request), writer.accepts(token: form.value("token")) else {
            return .text(.forbidden, "This form did not come from this server's page (or the server restarted since it was drawn); open the form again and send it from there.")
        }
        switch append(form, kind: kind, schemas: schemas, writer: writer) {
        case .success(let seq):
            return HTTPResponse(.seeOther, contentType: "text/plain; charset=utf-8", body: Array("Recorded #\(seq)\n".utf8), headers: [("Location", "/events/\(seq)")])
        case .failure(let problems):
            return Self.html(.unprocessableContent, pages.recordForm(kind, form: form, problems: problems.all, writer: writer))
        }
    }

    /// What went wrong with a post, every problem a sentence.
    struct Problems: Error { let all: [String] }

    /// Builds, validates and appends the form's event; the seq it has in the log (a new one, or the one it
    /// already had when the same form is sent twice), or every problem.
    private func append(_ form: WebForm, kind: PayloadKind, schemas: SchemaRegistry, writer: WebWriter) -> Result<Int, Problems> {
        var draft = EventDraft(type: kind.type.name)
        for (name, member) in [("subject", "subject"), ("reason", "reason"), ("effective", "effectiveAt"), ("id", "id")] {
            if let value = form.value(name) { draft.set(member, .string(value)) }
        }
        draft.setActor(name: writer.decider.name, role: writer.decider.role)
        draft.setPayload(of: kind) { form.lines("field." + $0.name) }
        let links = form.lines("links").flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init) }
        return writing.withLock { _ -> Result<Int, Problems> in
            do {
                try store.resolveEventReferences(in: &draft, links: links, labels: ("Links", "Event"))
                let validated = try draft.validated(in: DraftContext(now: .now(), config: store.configuration), schemas: schemas)
                var request = AppendRequest(drafts: [validated], recordedBy: writer.recordedBy, signing: writer.signing)
                request.confirmsNewPeople = form.value("new-person") != nil
                let receipt = try store.append(request)
                guard let seq = receipt.appended.first?.seq ?? receipt.alreadyPresent.first?.seq else { return .failure(Problems(all: ["The log recorded nothing."])) }
                return .success(seq)
            } catch let failure as ValidationFailure {
                return .failure(Problems(all: failure.issues.map(\.description)))
            } catch let failure as ReferenceFailure {
                return .failure(Problems(all: [failure.message]))
            } catch let error as LogError {
                return .failure(Problems(all: [error.message + (error.hint.map { "; \($0)" } ?? "")]))
            } catch {
                return .failure(Problems(all: ["\(error)"]))
            }
        }
    }

    /// Whether the browser says the request came from a page of this server: an `Origin` naming the Host the
    /// request was sent to, and a `Sec-Fetch-Site` of same-origin, when the browser sends them.
    private static func isSameOrigin(_ request: HTTPRequest) -> Bool {
        if let site = request.header("sec-fetch-site"), site != "same-origin" && site != "none" { return false }
        guard let origin = request.header("origin") else { return true }
        return origin.lowercased() == "http://" + (request.header("host") ?? "").lowercased()
    }

    static func html(_ status: HTTPStatus, _ page: String) -> HTTPResponse {
        HTTPResponse(status, contentType: "text/html; charset=utf-8", body: Array(page.utf8), headers: [("Cache-Control", "no-store")])
    }

    static func notAllowed(_ methods: String) -> HTTPResponse {
        var response = HTTPResponse.text(.methodNotAllowed, "This address answers \(methods).")
        response.headers.append(("Allow", methods))
        return response
    }
}
