/// The priorities board: each item's current priority under each framework it was ranked with (MoSCoW,
/// Kano, RICE score, rank), and its churn — how many times that priority moved.
public enum PrioritiesProjection: Projection {
    public static let name = "priorities"
    public static let summary = "The current MoSCoW / Kano / RICE / rank board, and how often each item moved."
    public static let columns: [ViewColumn] = [
        ViewColumn("item"), ViewColumn("framework"), ViewColumn("priority"), ViewColumn("scope", priority: 3),
        ViewColumn("moves", compared: false), ViewColumn("changed", compared: false, priority: 2), ViewColumn("by", compared: false, priority: 2),
    ]

    /// One item's priority history per framework.
    public typealias Record = [PriorityFramework: History<PriorityChanged>]

    public static func initialState() -> [Subject: Record] { [:] }

    /// The events the fold reads.
    public static let reads: [any EventPayload.Type]? = [PriorityChanged.self, EventRetracted.self]

    public static func fold(_ state: inout [Subject: Record], _ event: Event, _ stamp: Stamp) {
        switch event.payload {
        case .priorityChanged(let p):
            state[event.subject, default: [:]][p.priority.framework, default: History()].record(p, stamp)
        case .eventRetracted(let r):
            guard let frameworks = state[event.subject]?.keys else { return }
            for framework in Array(frameworks) { state[event.subject]![framework]!.retract(r.event) }
        default:
            break
        }
    }

    public static func rows(_ state: [Subject: Record], _ context: ViewContext) -> [ViewRow] {
        let rows = state.mapInSubjectOrder { subject, record in
            PriorityFramework.allCases.compactMap { framework -> (order: (Int, Double), row: ViewRow)? in
                guard let history = record[framework], let current = history.latest(context.asOf) else { return nil }
                // Every change is read, but only the stamps shown are made.
                let moves = PriorityMoves(history.placedValues(through: context.asOf).lazy.map { (value: $0.value.priority, source: $0.source) })
                // The priority has held since its last real move; restating it changes nothing but the scope.
                let stamp = moves.since.map(history.stamp(at:)) ?? current.stamp
                let row = ViewRow(key: "\(subject) \(framework.rawValue)", subject: subject, cells: [
                    "item": .text(subject.text),
                    "framework": .text(framework.rawValue),
                    "priority": cell(current.value.priority, source: stamp),
                    "scope": .text(current.value.scope, source: current.stamp),
                    "moves": .integer(moves.moves.count, source: stamp),
                    "changed": .date(context.timeZone.date(at: stamp.effectiveAt), source: stamp),
                    "by": .text(stamp.actor.description, source: stamp),
                ])
                return ((PriorityFramework.allCases.firstIndex(of: framework)!, rank(current.value.priority)), row)
            }
        }.joined()
        // Ties (the same framework and rank) in subject order, as the rows come.
        return rows.enumerated().sorted { ($0.element.order.0, $0.element.order.1, $0.offset) < ($1.element.order.0, $1.element.order.1, $1.offset) }.map(\.element.row)
    }

    /// Board order within a framework: Must first, highest RICE score first, rank 1 first.
    private static func rank(_ value: PriorityValue) -> Double {
        switch value {
        case .moscow(let v): Double(MoSCoW.allCases.firstIndex(of: v)!)
        case .kano(let v): Double(KanoCategory.allCases.firstIndex(of: v)!)
        case .rice(let r): -r.score
        case .rank(let r): Double(r)
        }
    }

    /// A priority for people ("Must", "Won't", "RICE 960", "#3") and for programs ("must", 960, 3).
    static func cell(_ value: PriorityValue, source: Stamp) -> Cell {
        switch value {
        case .moscow(let v): return Cell(.string(v.rawValue), text: v.title, source: source)
        case .kano(let v): return Cell(.string(v.rawValue), text: v.title, source: source)
        case .rice(let r):
            let score = (r.score * 10).rounded() / 10
            return Cell(.number(score), text: "RICE \(NumberText.format(score))", source: source)
        case .rank(let r): return Cell(.number(Double(r)), text: "#\(r)", source: source)
        }
    }

    public static func describeChange(_ column: ViewColumn, from before: Cell, to after: Cell) -> String? {
        guard column.key == "priority" else { return nil }
        return "\(before.text.isEmpty ? "unranked" : before.text) → \(after.text)"
    }
}

extension MoSCoW {
    /// The category as people write it: Must, Should, Could, Won't.
    public var title: String {
        switch self {
        case .must: "Must"
        case .should: "Should"
        case .could: "Could"
        case .wont: "Won't"
        }
    }
}

extension KanoCategory {
    /// The category as people write it: Must-be, Performance, Attractive, Indifferent, Reverse.
    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}
