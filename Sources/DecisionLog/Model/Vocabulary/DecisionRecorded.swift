/// `decision.recorded`: a decision record — context, options, what was chosen and why, who decided, who
/// was consulted and informed, and when to review it. The subject names it, e.g. decision/pricing-2025.
public struct DecisionRecorded: EventPayload {
    public static let type: EventType = "decision.recorded"
    public static let summary = "Record a decision: context, options, choice, rationale, deciders, status, review date."
    public static let fields: [PayloadField] = [
        .required("title", String.self, "The decision in a few words."),
        .required("status", DecisionStatus.self, "Where it stands."),
        .optional("context", String.self, "The situation that called for it."),
        .optional("options", [String].self, "The options considered."),
        .optional("chosen", String.self, "The option chosen; must be one of the options when they are listed."),
        .optional("rationale", String.self, "Why this option."),
        .optional("consequences", String.self, "What follows from it."),
        .people("deciders", "Who decided."),
        .people("consulted", "Who was consulted (sales, customer success, …)."),
        .people("informed", "Who was told."),
        .optional("reviewBy", CalendarDate.self, "When to look at it again."),
    ]

    public let title: String
    public let status: DecisionStatus
    public let context: String?
    public let options: [String]
    public let chosen: String?
    public let rationale: String?
    public let consequences: String?
    public let deciders: [String]
    public let consulted: [String]
    public let informed: [String]
    public let reviewBy: CalendarDate?

    /// A decision record; see `fields`.
    public init(title: String, status: DecisionStatus, context: String? = nil, options: [String] = [],
                chosen: String? = nil, rationale: String? = nil, consequences: String? = nil,
                deciders: [String] = [], consulted: [String] = [], informed: [String] = [], reviewBy: CalendarDate? = nil) {
        self.title = title
        self.status = status
        self.context = context
        self.options = options
        self.chosen = chosen
        self.rationale = rationale
        self.consequences = consequences
        self.deciders = deciders
        self.consulted = consulted
        self.informed = informed
        self.reviewBy = reviewBy
    }

    public init(reading r: PayloadReader) {
        title = r.required("title")
        status = r.required("status")
        context = r.optional("context")
        options = r.optional("options") ?? []
        chosen = r.optional("chosen")
        rationale = r.optional("rationale")
        consequences = r.optional("consequences")
        deciders = r.optional("deciders") ?? []
        consulted = r.optional("consulted") ?? []
        informed = r.optional("informed") ?? []
        reviewBy = r.optional("reviewBy")
        if let chosen, !options.isEmpty, !options.contains(chosen) {
            r.problem("chosen", "\"\(chosen)\" is not one of the options: " + options.map { "\"\($0)\"" }.joined(separator: ", "))
        }
    }

    public func write(to w: inout PayloadWriter) {
        w.set("title", title)
        w.set("status", status)
        w.set("context", context)
        w.set("options", options)
        w.set("chosen", chosen)
        w.set("rationale", rationale)
        w.set("consequences", consequences)
        w.set("deciders", deciders)
        w.set("consulted", consulted)
        w.set("informed", informed)
        w.set("reviewBy", reviewBy)
    }
}
