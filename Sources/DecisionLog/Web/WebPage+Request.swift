/// Which page a request asks for.
extension WebPage {
    /// What a request's address names.
    enum Requested {
        /// A page, as HTML or (with a `.json` suffix or `Accept: application/json`) as JSON.
        case page(WebPage, json: Bool)
        /// A form's quarter or day controls were sent: the page's one canonical address, to redirect to.
        case canonical(String)
        /// A file under `/assets/`.
        case asset(String)
        /// The stream that says when the log grows.
        case updates
        /// Nothing here.
        case nothing
    }

    /// The page, asset or stream `request` names.
    static func requested(_ request: HTTPRequest) -> Requested {
        var parts = request.segments
        if parts.count == 2 && parts[0] == "assets" { return .asset(parts[1]) }
        if parts == ["favicon.ico"] { return .asset("icon.svg") }
        if parts == ["updates"] { return .updates }
        var json = (request.header("accept") ?? "").lowercased().hasPrefix("application/json")
        // A data form's suffix is read as sent: a name that itself ends in ".json" or ".md" has its dot
        // percent-encoded in links (`WebLinks`), so it is not taken for one; only one suffix is taken.
        let path = request.target.prefix { $0 != "?" }
        for suffix in [".json", ".md"] where path.hasSuffix(suffix) && parts.last?.hasSuffix(suffix) == true && parts.last! != suffix {
            parts[parts.count - 1].removeLast(suffix.count)
            json = true
            break
        }
        if parts == ["index"] { parts = [""] }
        // A point picked with a quarter list or a day control: the same page with the point as one parameter.
        var values: [String: String] = [:]
        var picked = false
        for name in pointParameters {
            let typed = request.parameter(name), day = request.parameter(name + "-date"), quarter = request.parameter(name + "-quarter")
            if let value = typed ?? day ?? quarter { values[name] = value }
            if request.query.contains(where: { $0.name == name + "-date" || $0.name == name + "-quarter" }) { picked = true }
        }
        let moment = WebMoment(asOf: values["as-of"], known: values["known-at"])
        let subject = request.parameter("subject")
        let page: WebPage
        switch (parts.first ?? "", parts.count) {
        case ("", 1): page = .dashboard(moment)
        case ("views", 2) where !parts[1].isEmpty: page = .view(parts[1], moment, subject: subject)
        case ("diff", 1): page = .diff(from: values["from"], to: values["to"], known: values["known-at"], subject: subject)
        case ("subjects", 3...): page = .subject(parts.dropFirst().joined(separator: "/"), known: values["known-at"])
        case ("people", 2) where !parts[1].isEmpty: page = .person(parts[1], moment)
        case ("events", 2):
            guard let seq = Int(parts[1]), seq > 0, parts[1].utf8.allSatisfy({ (48...57).contains($0) }) else { return .nothing }
            page = .event(seq)
        case ("report", 1): page = .report(from: values["from"], to: values["to"], known: values["known-at"])
        case ("search", 1): page = .search(request.parameter("q"))
        default: return .nothing
        }
        return picked ? .canonical(WebLinks.href(page, json: false)) : .page(page, json: json)
    }
}
