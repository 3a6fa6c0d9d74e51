/// A page of the web face, with everything that picks its content: the moment on both clocks as the reader
/// typed it, a subject prefix, a period. Each page has one canonical address (`WebLinks`), so every state is
/// a bookmarkable URL.
public enum WebPage: Sendable, Equatable {
    /// What the weekly sync looks at: the attention list, KPIs against targets, launches, recent decisions.
    case dashboard(WebMoment)
    /// One view (or the attention list), with only the rows about subjects starting with `subject`.
    case view(String, WebMoment, subject: String?)
    /// What changed between two moments, known at `known`.
    case diff(from: String?, to: String?, known: String?, subject: String?)
    /// One subject's history on both clocks.
    case subject(String, known: String?)
    /// What one person decided, was consulted on, and owns.
    case person(String, WebMoment)
    /// One event: its fields, its hash and link, its signature.
    case event(Int)
    /// The retrospective of the period after `from` through `to`.
    case report(from: String?, to: String?, known: String?)
    /// Subjects, titles and reasons matching `query`.
    case search(String?)

    /// The page's title, for the tab and the heading.
    var title: String {
        switch self {
        case .dashboard: "Dashboard"
        case .view(let name, _, _): name == KPIsProjection.name ? "KPIs" : name.sentenceStart
        case .diff: "What changed"
        case .subject(let subject, _): subject
        case .person(let name, _): name
        case .event(let seq): "Event #\(seq)"
        case .report: "Retrospective"
        case .search(let query): query.map { "Search: \($0)" } ?? "Search"
        }
    }
}

/// The moment a page shows, as typed: `as-of` (effective time; nil for now) and `known-at` (recorded time;
/// nil for everything the log holds).
public struct WebMoment: Sendable, Equatable {
    /// The effective-time point's text, e.g. `2025-Q2`, `2025-08-12` or `#26`.
    public var asOf: String?
    /// The recorded-time point's text.
    public var known: String?

    /// A moment; nil parts mean now and everything known.
    public init(asOf: String? = nil, known: String? = nil) {
        self.asOf = asOf
        self.known = known
    }

    /// Now, with everything the log knows.
    public static let now = WebMoment()
}
