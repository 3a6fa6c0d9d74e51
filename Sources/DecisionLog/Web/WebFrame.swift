/// The frame around every page: the title, the navigation (which keeps the moment, so a reader travels in
/// time across views), the live-update note, and the footer naming the log's head. Everything interpolated
/// is escaped here or by the caller through `Markup.escape`.
struct WebFrame {
    /// The head of the log the page was made from, `seq:hash`.
    let head: String
    /// The zone dates are shown in.
    let zoneName: String
    /// Whether the navigation offers the forms that record decisions.
    let writes: Bool
    /// How the frame links to pages and assets.
    let linker: WebLinker

    /// The whole page.
    func page(_ page: WebPage, moment: WebMoment, heading: String? = nil, controls: String = "", body: String) -> String {
        let title = heading ?? page.title
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Markup.escape(title)) · DecisionLog</title>
        <link rel="stylesheet" href="\(Markup.escape(linker.asset("style.css")))">
        <link rel="icon" href="\(Markup.escape(linker.asset("icon.svg")))" type="image/svg+xml">
        \(linker.isStatic ? "" : "<script src=\"/assets/live.js\" defer></script>")
        </head>
        <body data-head="\(Markup.escape(head))">
        <a class="skip" href="#main">Skip to the content</a>
        <header class="top">
        <a class="brand" href="\(Markup.escape(linker.href(.dashboard(moment))))">DecisionLog</a>
        <nav aria-label="Pages">\(navigation(page, moment))</nav>
        \(linker.isStatic ? "" : "<form role=\"search\" action=\"/search\" method=\"get\"><label for=\"q\" class=\"skip\">Search</label><input id=\"q\" name=\"q\" type=\"search\" placeholder=\"Search subjects, titles, reasons\" size=\"26\"><button type=\"submit\">Search</button></form>")
        </header>
        \(linker.isStatic ? "" : "<p id=\"live\" class=\"live\" role=\"status\" hidden>The log has grown since this page was made. <a href=\"\">Reload</a> to see the new events.</p>")
        <main id="main">
        <h1>\(Markup.escape(title))</h1>
        \(controls)\(body)</main>
        <footer>Made by decisionlog from the log at head <span class="hash">\(Markup.escape(head))</span>; dates in \(Markup.escape(zoneName)). Check it with <code>decisionlog verify --head \(Markup.escape(head))</code>.</footer>
        </body>
        </html>

        """
    }

    /// The links to the dashboard, each view, the diff and the report, the current one marked.
    private func navigation(_ current: WebPage, _ moment: WebMoment) -> String {
        var items: [(String, WebPage)] = [("Dashboard", .dashboard(moment)), ("Attention", .view(AttentionList.name, moment, subject: nil))]
        for view in Views.all { items.append((WebPage.view(view.name, moment, subject: nil).title, .view(view.name, moment, subject: nil))) }
        items.append(("Diff", .diff(from: nil, to: nil, known: moment.known, subject: nil)))
        items.append(("Report", .report(from: nil, to: nil, known: moment.known)))
        return items.map { name, page in
            let isCurrent = WebFrame.sameKind(page, current)
            return "<a href=\"\(Markup.escape(linker.href(page)))\"\(isCurrent ? " aria-current=\"page\"" : "")>\(Markup.escape(name))</a>"
        }.joined(separator: " ") + (writes ? " <a class=\"record\" href=\"/record\">Record a decision</a>" : "")
    }

    /// Whether two pages are the same page at perhaps different moments (the navigation's current item).
    private static func sameKind(_ a: WebPage, _ b: WebPage) -> Bool {
        switch (a, b) {
        case (.dashboard, .dashboard), (.diff, .diff), (.report, .report): true
        case (.view(let x, _, _), .view(let y, _, _)): x == y
        default: false
        }
    }
}
