/// How a page links to the others: by the server's addresses, or — in a static site — by paths relative to
/// the page's own file. In a site it also notes every page it linked to, so the site maker can make those
/// next and no link is left dangling.
final class WebLinker {
    /// The file of the page being made, relative to the site's folder; nil on the server.
    let file: String?
    /// The as-of points the site holds pages for (nil: now), for the links that stand in for its forms.
    let points: [String?]
    /// The pages linked to so far, each with whether its data form was linked.
    private(set) var linked: [(page: WebPage, json: Bool)] = []

    /// The server's links.
    static var server: WebLinker { WebLinker(file: nil, points: []) }

    /// Links from `file` in a static site holding pages for `points`; nil `file` links as the server does.
    init(file: String?, points: [String?]) {
        self.file = file
        self.points = points
    }

    /// Whether pages are files in a static site: no forms, no live updates.
    var isStatic: Bool { file != nil }

    /// The address of `page` (its data form with `json`), escaped by the caller.
    func href(_ page: WebPage, json: Bool = false) -> String {
        guard let file else { return WebLinks.href(page, json: json) }
        linked.append((page, json))
        return WebSite.relative(from: file, to: WebSite.file(for: page, json: json))
    }

    /// The address of the asset called `name`.
    func asset(_ name: String) -> String {
        guard let file else { return "/assets/" + name }
        return WebSite.relative(from: file, to: "assets/" + name)
    }
}
