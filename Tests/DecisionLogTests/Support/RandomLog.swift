import DecisionLogTestSupport
import DecisionLog

/// A log of every kind of decision the views fold, drawn from a seeded generator: goals restated and closed,
/// metrics defined, targeted and measured, priorities under all four frameworks, launches scheduled, moved,
/// shipped and cancelled, owners with role sets, decisions recorded and superseded, a team type, and
/// retractions — a fifth of them back-dated, some far behind the events before them.
struct RandomLog {
    var random: SeededGenerator
    private(set) var appended: [Event] = []
    private var day = CalendarDate(dayNumber: 20_000)

    init(seed: UInt64) { random = SeededGenerator(seed: seed) }

    /// The registration of the team type the log uses (`deal.won`); append it first.
    static let registration = ValidatedDraft(
        effectiveAt: Fixtures.instant("2024-01-01"), actor: Fixtures.dana, subject: Subject("schema/deal.won")!,
        payload: .schemaRegistered(SchemaRegistered(type: "deal.won", version: 1, schema: [
            "type": "object", "properties": ["amount": ["type": "number"], "segment": ["type": "string"]],
        ])))

    /// `count` drafts; retractions name events appended earlier (pass them back with `appended(_:)`).
    mutating func drafts(_ count: Int) -> [ValidatedDraft] {
        (0..<count).map { _ in next() }
    }

    /// Takes in what the store appended, so later retractions can name it.
    mutating func appended(_ events: [Event]) { appended += events }

    private mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }
    private mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }

    private mutating func next() -> ValidatedDraft {
        day = day.adding(days: chance(30) ? 1 : 0)
        let effective = chance(20) ? day.adding(days: -Int.random(in: 1...400, using: &random)) : day
        let actor = pick([Fixtures.dana, Fixtures.lee, Actor(name: "Priya Shah", role: "PM"), Actor(name: "Marco Silva", role: "Sales")])
        func draft(_ payload: Payload, _ subject: String, reason: String? = nil) -> ValidatedDraft {
            ValidatedDraft(effectiveAt: Timestamp(milliseconds: Int64(effective.dayNumber) * 86_400_000 + Int64.random(in: 0..<86_400_000, using: &random)),
                           actor: actor, subject: Subject(subject)!, reason: reason, payload: payload)
        }
        let n = Int.random(in: 0..<1000, using: &random)
        let timeframe = try! Timeframe(parsing: pick(["2024-Q1", "2024-Q2", "2024-H2", "2025", "2025-03"]))
        switch Int.random(in: 0..<16, using: &random) {
        case 0, 1:
            let target: Double? = chance(70) ? Double(n) : nil
            return draft(.goalSet(GoalSet(title: "Goal \(n)", timeframe: timeframe, owner: chance(50) ? actor.name : nil,
                                          metric: chance(50) ? Subject("metric/m\(n % 4)")! : nil, target: target,
                                          unit: target == nil ? nil : pick([.percent, .count, nil]), confidence: chance(40) ? Double(n % 101) : nil)),
                         "goal/g\(n % 30)")
        case 2: return draft(.goalClosed(GoalClosed(outcome: pick([.achieved, .missed, .dropped]), note: chance(50) ? "Note \(n)" : nil)), "goal/g\(n % 30)")
        case 3: return draft(.metricDefined(MetricDefined(name: "Metric \(n % 4)", unit: .percent, direction: pick([.higher, .lower]))), "metric/m\(n % 4)")
        case 4: return draft(.metricTargetSet(MetricTargetSet(target: Double(n % 90), timeframe: timeframe)), "metric/m\(n % 4)")
        case 5, 6:
            return draft(.metricRecorded(MetricRecorded(value: Double(n) / 10, period: chance(30) ? timeframe : nil,
                                                        date: day.adding(days: -(n % 60)), source: chance(50) ? "dashboard" : nil)), "metric/m\(n % 4)")
        case 7, 8:
            let priority: PriorityValue = switch n % 4 {
            case 0: .moscow(pick([.must, .should, .could, .wont]))
            case 1: .kano(pick([.mustBe, .performance, .attractive]))
            case 2: .rice(RICEScore(reach: Double(n), impact: pick([0.5, 1, 2, 3]), confidence: Double(n % 100), effort: Double(n % 9 + 1)))
            default: .rank(n % 20 + 1)
            }
            return draft(.priorityChanged(PriorityChanged(priority: priority, scope: chance(30) ? "Release \(n % 3)" : nil)), "feature/f\(n % 25)")
        case 9: return draft(.launchScheduled(LaunchScheduled(name: "Launch \(n % 12)", date: day.adding(days: n % 90))), "launch/l\(n % 12)")
        case 10: return draft(.launchSlipped(LaunchSlipped(date: day.adding(days: n % 120 - 30), cause: chance(50) ? "review" : nil)), "launch/l\(n % 12)", reason: "Moved")
        case 11:
            return chance(50) ? draft(.launchShipped(LaunchShipped(date: day)), "launch/l\(n % 12)")
                : draft(.launchCancelled(LaunchCancelled(date: chance(50) ? day : nil)), "launch/l\(n % 12)", reason: "Dropped")
        case 12:
            let roles = chance(50) ? ["responsible": [actor.name], "consulted": ["Ana Costa", "Lee Park"]] : [:]
            return draft(.ownerAssigned(OwnerAssigned(owner: actor.name, framework: roles.isEmpty ? nil : .raci, roles: roles)),
                         pick(["goal/g\(n % 30)", "feature/f\(n % 25)", "launch/l\(n % 12)"]))
        case 13:
            return chance(75)
                ? draft(.decisionRecorded(DecisionRecorded(title: "Decision \(n % 15)", status: pick([.proposed, .accepted, .rejected]),
                                                           deciders: [actor.name], reviewBy: chance(50) ? day.adding(days: n % 200) : nil)),
                        "decision/d\(n % 15)")
                : draft(.decisionSuperseded(DecisionSuperseded(by: Subject("decision/d\((n + 1) % 15)")!)), "decision/d\(n % 15)")
        case 14:
            return draft(.custom(CustomPayload(type: "deal.won", version: 1, fields: ["amount": .number(Double(n)), "segment": .string(pick(["smb", "mid"]))])),
                         "deal/acme-\(n % 6)")
        default:
            let retractable = appended.filter {
                if case .eventRetracted = $0.payload { return false }
                if case .schemaRegistered = $0.payload { return false }
                return true
            }
            guard !retractable.isEmpty else { return next() }
            let target = pick(Array(retractable.suffix(400)))
            appended.removeAll { $0.id == target.id }
            return ValidatedDraft(effectiveAt: target.effectiveAt, actor: actor, subject: target.subject, reason: "Entered in error",
                                  payload: .eventRetracted(EventRetracted(event: target.id)))
        }
    }
}
