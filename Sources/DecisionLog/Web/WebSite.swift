/// The pages as a static site: every page reachable from the dashboards at a chosen set of moments, each a file
/// in one folder, linked by relative paths only, with nothing from outside it — for hosting on any internal
/// web server or opening from disk. Forms become links to the moments and periods the site holds.
public enum WebSite {
    /// What a site holds once written.
    public struct Summary: Sendable {
        /// The number of pages (HTML, JSON and Markdown files).
        public let pages: Int
        /// Their size in bytes, assets included.
        public let bytes: Int
    }

    /// The file that holds `marker` in every site folder, so a later run knows it may replace the folder.
    public static let marker = ".decisionlog-site"

    /// Writes the site of `questions`'s log for the as-of `points` (nil: now; in the order its pages list them,
    /// each period between consecutive ones) into `folder`, which must be
    /// absent, empty, or a site written before (then replaced whole, never half). Throws `WebFailure` for a
    /// point that cannot be read or a folder it must not touch, `SystemError` when writing fails.
    public static func write(_ questions: LogQuestions, points: [String?], to folder: String) throws -> Summary {
        let head = try questions.store.head().description
        for case let point? in points {
            do throws(TimeFormatError) { _ = try questions.point(point) } catch {
                throw WebFailure(.badRequest, "the point '\(point)' cannot be read: \(error.problem); give a quarter (2025-Q3), a day or #seq")
            }
        }
        let staging = folder + ".tmp-\(UInt32.random(in: .min ... .max))"
        try FileSystem.makeDirectories(staging)
        var summary = Summary(pages: 0, bytes: 0)
        do {
            try FileSystem.makeDirectory(staging + "/assets")
            for name in ["style.css", "icon.svg"] {
                let body = Array(WebAssets.named(name)!.body.utf8)
                try create(staging + "/assets/" + name, body)
                summary = Summary(pages: summary.pages, bytes: summary.bytes + body.count)
            }
            try create(staging + "/" + marker, Array("Written by decisionlog site from the log at head \(head).\n".utf8))
            summary = try writePages(questions, head: head, points: points, into: staging, summary)
            try replace(folder, with: staging)
        } catch {
            try? FileSystem.removeTree(staging)
            throw error
        }
        return summary
    }

    /// The points a site holds by default: the end of each quarter from the one the log's first event falls in
    /// to the last one over, oldest first, then now.
    public static func defaultPoints(_ questions: LogQuestions) throws -> [String?] {
        let configuration = questions.store.configuration
        var first: Timestamp? = nil
        _ = try questions.store.forEachEvent { event, _ in
            first = event.effectiveAt
            return false
        }
        guard let first else { return [nil] }
        let ended = WebPages.quarters(of: questions).filter { name in
            guard let interval = try? Timeframe(parsing: name).interval(fiscalYearStart: configuration.fiscalYearStartMonth, zone: configuration.timeZone) else { return false }
            return interval.upperBound <= questions.now && interval.upperBound > first
        }
        return ended.reversed() + [nil]
    }

    /// Makes and writes the dashboard at each point, then every page linked from a page written (the diff and
    /// retrospective pages link each period between consecutive points), each once.
    private static func writePages(_ questions: LogQuestions, head: String, points: [String?], into folder: String, _ start: Summary) throws -> Summary {
        var queue: [(page: WebPage, json: Bool)] = points.map { (.dashboard(WebMoment(asOf: $0)), false) }
        var seen = Set(queue.map { file(for: $0.page, json: $0.json) })
        var summary = start
        let quarters = WebPages.quarters(of: questions)
        var index = 0
        while index < queue.count {
            let (page, json) = queue[index]
            index += 1
            let path = file(for: page, json: json)
            let linker = WebLinker(file: path, points: points)
            let pages = WebPages(questions: questions, head: head, linker: linker, quarters: quarters)
            let text: String
            do throws(WebFailure) {
                switch try pages.make(page, json: json) {
                case .html(let html): text = html
                case .json(let body), .markdown(let body): text = body
                }
            } catch where error.status == .internalServerError {
                throw error
            } catch {
                // A link that leads nowhere on the server (a subject unknown at that moment) leads to the same
                // sentence here, so every link in the site resolves.
                text = json ? error.json
                    : pages.frame.page(page, moment: .now, heading: error.status.reason, body: "<p class=\"error\">\(Markup.escape(error.message))</p>\n")
            }
            let bytes = Array(text.utf8)
            try FileSystem.makeDirectories(Paths.parent(of: folder + "/" + path))
            try create(folder + "/" + path, bytes)
            summary = Summary(pages: summary.pages + 1, bytes: summary.bytes + bytes.count)
            for next in linker.linked where seen.insert(file(for: next.page, json: next.json)).inserted { queue.append(next) }
        }
        return summary
    }

    /// The file that holds `page` (its data form with `json`), relative to the site's folder: its server path,
    /// with the query after `@` and `.html` (or the data form's suffix) at the end, e.g.
    /// `views/launches@as-of=2025-Q2.html`. Every segment is percent-encoded by `WebLinks`, so no segment is
    /// `..` or holds a `/`; one longer than a file name may be is shortened with its hash.
    static func file(for page: WebPage, json: Bool) -> String {
        let href = WebLinks.href(page, json: json)
        let parts = href.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var path = String(parts[0].dropFirst())
        var suffix = ".html"
        for dataSuffix in [".json", ".md"] where json && path.hasSuffix(dataSuffix) {
            path.removeLast(dataSuffix.count)
            suffix = dataSuffix
        }
        if path.isEmpty { path = "index" }
        if parts.count == 2 { path += "@" + parts[1] }
        return path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            let name = segment.isEmpty ? "%00" : String(segment)
            return name.utf8.count > 180 ? String(name.prefix(100)) + "~" + SHA256.hash(Array(name.utf8)).description.prefix(16) : name
        }.joined(separator: "/") + suffix
    }

    /// The relative address of the file `target` from the page in the file `source` (both relative to the
    /// site's folder), with `%` escaped so the browser asks for the file's name as written.
    static func relative(from source: String, to target: String) -> String {
        var from = source.split(separator: "/", omittingEmptySubsequences: false).dropLast()[...]
        var to = target.split(separator: "/", omittingEmptySubsequences: false)[...]
        while let first = from.first, to.count > 1, first == to.first {
            from = from.dropFirst()
            to = to.dropFirst()
        }
        let path = Array(repeating: "..", count: from.count) + to.map(String.init)
        return path.joined(separator: "/").replacing("%", with: "%25")
    }

    private static func create(_ path: String, _ bytes: [UInt8]) throws(SystemError) {
        let file = try FileDescriptor.open(path, .createNew, permissions: 0o644)
        defer { file.close() }
        try file.writeAll(bytes)
    }

    /// Puts the staged site at `folder`: a new or empty folder, or a site written before, else a failure.
    private static func replace(_ folder: String, with staging: String) throws {
        let entries = (try? FileSystem.list(folder)) ?? []
        if FileSystem.exists(folder) || FileSystem.isSymbolicLink(folder) {
            guard FileSystem.isDirectory(folder), !FileSystem.isSymbolicLink(folder) else {
                throw WebFailure(.badRequest, "\(folder) is not a folder; name a new folder for the site")
            }
            guard entries.isEmpty || entries.contains(marker) else {
                throw WebFailure(.badRequest, "\(folder) holds files that no site wrote; name a new or empty folder, so nothing of yours is replaced")
            }
            let old = folder + ".old-\(UInt32.random(in: .min ... .max))"
            try FileSystem.rename(folder, to: old)
            try FileSystem.rename(staging, to: folder)
            try FileSystem.removeTree(old)
        } else {
            try FileSystem.rename(staging, to: folder)
        }
    }
}
