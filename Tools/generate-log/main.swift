// generate-log: writes a realistic decision log of N events for benchmarks.
//
//   swift run -c release generate-log --events 100000 --out /tmp/big/.decisionlog [--seed 7] [--from 2016-01-01] [--years 10]
//
// The events follow the product's vocabulary with a plausible mix: frequent metric actuals and priority moves,
// launches that are scheduled, slip, get pulled in, ship or are cancelled, goals set and closed, decisions
// recorded and superseded, owners assigned, syncs held. About one in ten is recorded days after it took
// effect; about one in a hundred retracts an earlier event. The chain is valid and every event keeps the
// domain rules (docs/rules.md): `decisionlog verify` passes and lists no rule break.
import DecisionLog
import DecisionLogTestSupport

struct Options {
    var events = 100_000
    var out = ""
    var seed: UInt64 = 7
    var from = "2016-01-01"
    var years = 10
}

func parseOptions() -> Options {
    var options = Options()
    var arguments = CommandLine.arguments.dropFirst()
    func value() -> String {
        guard let next = arguments.popFirst() else { fail("missing value") }
        return next
    }
    while let argument = arguments.popFirst() {
        switch argument {
        case "--events": options.events = Int(value()) ?? { fail("--events needs a number") }()
        case "--out": options.out = value()
        case "--seed": options.seed = UInt64(value()) ?? { fail("--seed needs a number") }()
        case "--from": options.from = value()
        case "--years": options.years = Int(value()) ?? { fail("--years needs a number") }()
        default: fail("unknown argument \(argument)")
        }
    }
    if options.out.isEmpty { fail("--out PATH is required") }
    return options
}

func fail(_ message: String) -> Never {
    StandardStreams.writeError("generate-log: \(message)\nusage: generate-log --events N --out PATH [--seed S] [--from YYYY-MM-DD] [--years Y]\n")
    ProcessFacts.exit(64)
}

let options = parseOptions()
var random = SeededGenerator(seed: options.seed)
let zone = TimeZoneRules.utc
let start = (try? TimeInput(parsing: options.from, in: zone).instant) ?? { fail("--from needs a date") }()
let span = Int64(options.years) * 365 * 86_400_000
let step = span / Int64(max(options.events, 1))

let roles = ["CMO", "CPO", "PM", "PM", "PM", "Sales", "CS", "CEO", "PMM", "Eng"]
let firstNames = ["Dana", "Lee", "Priya", "Marco", "Ana", "Sam", "Noor", "Kai", "Ines", "Tomas", "Yuki", "Omar", "Lena", "Ravi", "Zoe"]
let lastNames = ["Reyes", "Park", "Shah", "Silva", "Costa", "Okafor", "Berg", "Nakamura", "Haddad", "Novak"]
let people: [Actor] = (0..<40).map { i in
    Actor(name: "\(firstNames[i % firstNames.count]) \(lastNames[(i * 7) % lastNames.count])", role: roles[i % roles.count])
}
let launchCount = max(options.events / 250, 4)
let featureCount = max(options.events / 60, 10)
let metricCount = 24
let goalCount = max(options.events / 400, 4)
let decisionCount = max(options.events / 300, 4)
let causes = ["security review", "vendor delay", "scope change", "QA findings", "pricing not ready", "retest passed early", "capacity"]

var launchDates: [Int: CalendarDate] = [:]
var launchDone: Set<Int> = []
var goalsClosed: Set<Int> = []
/// Each decision's first recording, and its successor once superseded.
var decisionsRecorded: [Int: Timestamp] = [:]
var successors: [Int: Int] = [:]
/// The latest effective time of each subject whose events follow a lifecycle: a later event of it takes
/// effect no earlier, so a back-dated event never lands before the one it follows.
var lastEffective: [String: Timestamp] = [:]
var recent: [(id: EventID, subject: Subject)] = []
var retracted: Set<EventID> = []

func timeframe(at instant: Timestamp) -> Timeframe {
    let (y, m, _) = (CalendarDate(dayNumber: Int(instant.milliseconds / 86_400_000))).parts
    return try! Timeframe(parsing: "\(y)-Q\((m - 1) / 3 + 1)")
}

@MainActor func draft(_ n: Int, effective: Timestamp) -> ValidatedDraft {
    let actor = random.pick(people)
    let day = CalendarDate(dayNumber: Int(effective.milliseconds / 86_400_000))
    func make(_ subject: String, _ payload: Payload, reason: String? = nil, after: Timestamp? = nil) -> ValidatedDraft {
        var at = effective
        if subject.hasPrefix("launch/") || subject.hasPrefix("goal/") || subject.hasPrefix("decision/") {
            at = max(at, lastEffective[subject].map { $0.adding(milliseconds: 1) } ?? at, after?.adding(milliseconds: 1) ?? at)
            lastEffective[subject] = at
        }
        return ValidatedDraft(effectiveAt: at, actor: actor, subject: Subject(subject)!, reason: reason, payload: payload)
    }
    // The metrics are defined first, so their targets and actuals refer to something.
    if n < metricCount {
        return ValidatedDraft(effectiveAt: start, actor: actor, subject: Subject("metric/m\(n)")!,
                              payload: .metricDefined(MetricDefined(name: "Metric \(n)", unit: n % 3 == 0 ? .count : .percent, direction: n % 5 == 0 ? .lower : .higher)))
    }
    if n > 100, random.chance(1), let target = recent.randomElementAvoiding(retracted, &random) {
        retracted.insert(target.id)
        return ValidatedDraft(effectiveAt: effective, actor: actor, subject: target.subject, reason: "Entered by mistake",
                              payload: .eventRetracted(EventRetracted(event: target.id)))
    }
    switch random.below(100) {
    case 0..<28:
        let m = random.below(metricCount)
        return make("metric/m\(m)", .metricRecorded(MetricRecorded(value: Double(random.below(1000)) / 10, date: day, source: "dashboard")))
    case 28..<50:
        let f = random.below(featureCount)
        let value: PriorityValue = switch random.below(4) {
        case 0, 1: .moscow(random.pick(MoSCoW.allCases))
        case 2: .rank(random.below(20) + 1)
        default: .rice(RICEScore(reach: Double(random.below(5000)), impact: random.pick([0.25, 0.5, 1, 2, 3]),
                                 confidence: Double(random.pick([50, 80, 100])), effort: Double(random.below(12) + 1)))
        }
        return make("feature/f\(f)", .priorityChanged(PriorityChanged(priority: value, scope: "release \(random.below(30))")),
                    reason: random.chance(40) ? "Reprioritised at the weekly sync" : nil)
    case 50..<66:
        let l = random.below(launchCount)
        if launchDone.contains(l) { fallthrough }
        guard let current = launchDates[l] else {
            let date = day.adding(days: 30 + random.below(120))
            launchDates[l] = date
            return make("launch/l\(l)", .launchScheduled(LaunchScheduled(name: "Launch \(l)", date: date, scope: "Scope \(l)")))
        }
        switch random.below(10) {
        case 0:
            launchDone.insert(l)
            return make("launch/l\(l)", .launchShipped(LaunchShipped(date: current)))
        case 1:
            launchDone.insert(l)
            return make("launch/l\(l)", .launchCancelled(LaunchCancelled()), reason: "Deprioritised")
        default:
            let moved = current.adding(days: random.chance(80) ? 7 + random.below(30) : -(1 + random.below(10)))
            launchDates[l] = moved
            return make("launch/l\(l)", .launchSlipped(LaunchSlipped(date: moved, cause: random.pick(causes))), reason: "Weekly launch review")
        }
    case 66..<74:
        let g = random.below(goalCount)
        if random.chance(20), lastEffective["goal/g\(g)"] != nil, !goalsClosed.contains(g) {
            goalsClosed.insert(g)
            return make("goal/g\(g)", .goalClosed(GoalClosed(outcome: random.pick(GoalOutcome.allCases), note: "Quarter review")))
        }
        return make("goal/g\(g)", .goalSet(GoalSet(title: "Goal \(g)", timeframe: timeframe(at: effective), owner: random.pick(people).name,
                                                   metric: Subject("metric/m\(g % metricCount)"), target: Double(random.below(100)), unit: .percent)))
    case 74..<80:
        let m = random.below(metricCount)
        return make("metric/m\(m)", .metricTargetSet(MetricTargetSet(target: Double(random.below(1000)) / 10, timeframe: timeframe(at: effective))))
    case 80..<87:
        let d = random.below(decisionCount)
        if decisionsRecorded[d] == nil { decisionsRecorded[d] = max(effective, lastEffective["decision/d\(d)"] ?? effective) }
        return make("decision/d\(d)", .decisionRecorded(DecisionRecorded(
            title: "Decision \(d)", status: random.pick(DecisionStatus.allCases), context: "Context for decision \(d)",
            options: ["Option A", "Option B"], chosen: "Option A", rationale: "Because of the numbers",
            deciders: [random.pick(people).name], consulted: [random.pick(people).name], reviewBy: day.adding(days: 90))))
    case 87..<89:
        // A recorded decision, not yet superseded, by the next one once it is recorded, never in a circle.
        let d = random.below(decisionCount), by = (d + 1) % decisionCount
        var next: Int? = by
        while let current = next, current != d { next = successors[current] }
        guard decisionsRecorded[d] != nil, let byRecorded = decisionsRecorded[by], successors[d] == nil, next == nil, by != d else { fallthrough }
        successors[d] = by
        return make("decision/d\(d)", .decisionSuperseded(DecisionSuperseded(by: Subject("decision/d\(by)")!)), after: byRecorded)
    case 89..<95:
        let subject = random.chance(50) ? "launch/l\(random.below(launchCount))" : "feature/f\(random.below(featureCount))"
        return make(subject, .ownerAssigned(OwnerAssigned(owner: random.pick(people).name, framework: .raci,
                                                          roles: ["accountable": [random.pick(people).name], "consulted": [random.pick(people).name]])))
    default:
        return make("sync/s\(n)", .syncHeld(SyncHeld(kind: random.pick(SyncKind.allCases), attendees: [actor.name, random.pick(people).name],
                                                      outcomes: ["Outcome \(n)"])))
    }
}

extension Array where Element == (id: EventID, subject: Subject) {
    func randomElementAvoiding(_ used: Set<EventID>, _ random: inout SeededGenerator) -> Element? {
        guard !isEmpty else { return nil }
        let candidate = self[random.below(count)]
        return used.contains(candidate.id) ? nil : candidate
    }
}

let folder = LogFolder(path: options.out, currentDirectory: FileSystem.currentDirectory())
let config = LogConfig(logID: EventID.generate(at: .now()), createdAt: start, timeZone: zone)
do {
    try FileEventStore.create(in: folder, configuration: config)
} catch {
    fail("\(error)")
}
var sealer = Sealer(head: .empty, recordedBy: "generator")
var buffer: [UInt8] = []
buffer.reserveCapacity(1 << 22)
let file = try! FileDescriptor.open(folder.eventsFile, .append)
for n in 0..<options.events {
    let effective = Timestamp(milliseconds: start.milliseconds + Int64(n) * step)
    let late = random.chance(10) ? Int64(1 + random.below(10)) * 86_400_000 : Int64(random.below(4 * 3_600_000))
    let candidate = draft(n, effective: effective.adding(milliseconds: -late))
    let (event, line) = sealer.seal(candidate, now: effective)
    // Only events no other event depends on are retracted: a priority, a measurement, a target, an owner, a slip.
    if [PriorityChanged.type, MetricRecorded.type, MetricTargetSet.type, OwnerAssigned.type, LaunchSlipped.type].contains(event.type) {
        recent.append((event.id, event.subject))
        if recent.count > 200 { recent.removeFirst(50) }
    }
    buffer += line
    if buffer.count > 1 << 22 {
        try! file.writeAll(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
try! file.writeAll(buffer)
try! file.sync()
file.close()
StandardStreams.writeOut("wrote \(options.events) events to \(folder.eventsFile)\n")
