/// The moment a query answered, on both clocks, for headers and JSON.
public struct QueryMoment: Sendable, Equatable {
    /// The effective-time limit.
    public let asOf: AsOf
    /// How the user named it: "now", "end of 2025-Q2", "#23".
    public let asOfLabel: String
    /// The recorded-time limit.
    public let known: Cut.Known
    /// How the user named it, or nil when everything recorded counts.
    public let knownLabel: String?

    /// A moment; see the properties.
    public init(asOf: AsOf, asOfLabel: String, known: Cut.Known = .everything, knownLabel: String? = nil) {
        self.asOf = asOf
        self.asOfLabel = asOfLabel
        self.known = known
        self.knownLabel = knownLabel
    }

    /// "as of end of 2025-Q2, as known at end of 2025-08-01".
    public var phrase: String { "as of \(asOfLabel)" + (knownLabel.map { ", as known at \($0)" } ?? "") }

    /// The moment's JSON members.
    var json: [(String, OrderedJSON)] {
        var members: [(String, OrderedJSON)] = [("asOf", .value(.string(asOf.instant.iso8601)))]
        if asOf.seq != .max { members.append(("asOfSeq", .value(.number(Double(asOf.seq))))) }
        switch known {
        case .everything: members.append(("knownAt", .value(.null)))
        case .recorded(let instant): members.append(("knownAt", .value(.string(instant.iso8601))))
        case .seq(let seq): members.append(("knownThroughSeq", .value(.number(Double(seq)))))
        }
        return members
    }
}
