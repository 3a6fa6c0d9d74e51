/// The log's lifecycle and reference rules over a set of events (docs/rules.md): which events a goal,
/// decision, metric or launch does not allow. `add` refuses an event that would add a break; `verify` lists
/// the breaks an existing log holds.
///
/// - A launch follows `LaunchPlan`'s lifecycle.
/// - A goal exists from its first `goal.set`; `goal.closed` needs the goal set before it (in effective order)
///   and not already closed. A restated goal stays closed.
/// - A decision exists from its first `decision.recorded`; `decision.superseded` needs the decision and its
///   successor recorded by then, a successor other than itself that it does not lead back to, and no earlier
///   supersession.
/// - A metric target or actual needs the metric defined (`metric.defined`, at any effective time).
/// - A retracted event, and the retraction, count for no rule; retracting an event whose removal would break
///   another is itself a break.
public enum DomainRules {
    /// The event type that brings a subject of `kind` into being, for the kinds with a lifecycle.
    public static func creator(ofKind kind: Substring) -> String? {
        switch kind {
        case "launch": "launch.scheduled"
        case "goal": "goal.set"
        case "decision": "decision.recorded"
        case "metric": "metric.defined"
        default: nil
        }
    }

    /// Whether `step` brings its subject into being.
    static func creates(_ step: RuleStep) -> Bool {
        switch step {
        case .goalSet, .decisionRecorded, .metricDefined: true
        case .launch(.scheduled): true
        default: false
        }
    }

    /// The breaks among `events` (any order, retractions included). Only subjects of `events` are judged;
    /// give every event about a subject and about the subjects it refers to.
    public static func breaks(in events: [RuleEvent]) -> [RuleBreak] { breaks(in: events, []) }

    /// The breaks among `events` and `more` together, as `breaks(in:)`, without joining them into one array.
    public static func breaks(in events: [RuleEvent], _ more: [RuleEvent]) -> [RuleBreak] {
        var retracted: Set<EventID> = []
        for list in [events, more] { for event in list { if case .retraction(let id) = event.step { retracted.insert(id) } } }
        // Each subject's events by their place in the two lists (4 bytes each), made into events and sorted one
        // subject at a time: an import's millions are not copied whole.
        var bySubject: [Subject: [Int32]] = [:]
        for (offset, list) in [events, more].enumerated() {
            for (index, event) in list.enumerated() where !retracted.contains(event.id) {
                if case .retraction = event.step { continue }
                bySubject[event.subject, default: []].append(Int32(offset == 0 ? index : events.count + index))
            }
        }
        func event(_ place: Int32) -> RuleEvent { Int(place) < events.count ? events[Int(place)] : more[Int(place) - events.count] }

        var breaks: [RuleBreak] = []
        var recorded: [Subject: RuleEvent] = [:]  // each decision's first recording
        var supersessions: [(event: RuleEvent, by: Subject)] = []
        for subject in bySubject.keys.sorted() {
            // A metric's rule does not depend on order: its events are put in order only when they break it.
            if subject.kind == "metric", bySubject[subject]!.contains(where: { event($0).step == .metricDefined }) { continue }
            let steps = bySubject[subject]!.map(event).sorted { $0.precedes($1) }
            switch subject.kind {
            case "launch":
                let launchSteps = steps.compactMap { event -> (step: LaunchStep, source: RuleEvent)? in
                    if case .launch(let step) = event.step { return (step, event) }
                    return nil
                }
                breaks += LaunchPlan(subject: subject, launchSteps).breaks
            case "goal":
                breaks += goalBreaks(subject, steps)
            case "decision":
                var superseded: RuleEvent? = nil
                for event in steps {
                    switch event.step {
                    case .decisionRecorded where recorded[subject] == nil: recorded[subject] = event
                    case .decisionSuperseded(let by):
                        if recorded[subject] == nil {
                            breaks.append(unknown(event, "decision", "decision.recorded", existsLater: steps.contains { $0.step == .decisionRecorded }))
                        } else if let superseded {
                            breaks.append(RuleBreak(seq: event.seq, subject: subject, problem: "\(subject) was already superseded (#\(superseded.seq)); retract that first to name another successor", conflicting: superseded.seq))
                        } else {
                            superseded = event
                            supersessions.append((event, by))
                        }
                    default: break
                    }
                }
            case "metric":
                let definition = steps.first { $0.step == .metricDefined }
                if definition == nil {
                    for event in steps { if case .metricMeasured(let type) = event.step {
                        breaks.append(RuleBreak(seq: event.seq, subject: subject, problem: "\(subject) is not a defined metric; define it first (metric.defined) before its \(type == MetricTargetSet.type ? "targets" : "actuals")", missing: subject))
                    } }
                }
            default:
                break
            }
        }

        // Supersessions refer to a second decision: recorded by then, not itself, no cycle. The decisions on a
        // circle of successors are found in one walk over them all.
        var successor: [Subject: Subject] = [:]
        for (event, by) in supersessions { successor[event.subject] = by }
        var onCircle: Set<Subject> = [], settled: Set<Subject> = []
        for start in successor.keys where !settled.contains(start) {
            var path: [Subject] = [], index: [Subject: Int] = [:]
            var current: Subject? = start
            while let node = current, !settled.contains(node) {
                if let at = index[node] { onCircle.formUnion(path[at...]); break }
                index[node] = path.count
                path.append(node)
                current = successor[node]
            }
            settled.formUnion(path)
        }
        for (event, by) in supersessions {
            if by == event.subject {
                breaks.append(RuleBreak(seq: event.seq, subject: event.subject, problem: "\(by) cannot supersede itself"))
            } else if let first = recorded[by], !event.precedes(first) {
                if onCircle.contains(event.subject) {
                    breaks.append(RuleBreak(seq: event.seq, subject: event.subject, problem: "supersessions would go round in a circle: \(by) already leads back to \(event.subject)"))
                }
            } else {
                let later = recorded[by] != nil
                breaks.append(RuleBreak(seq: event.seq, subject: event.subject, problem: later
                    ? "\(by) is recorded (#\(recorded[by]!.seq)) only after this supersession takes effect; a decision is superseded by one already recorded"
                    : "\(by) is not a decision in this log; record it first (decision.recorded)",
                    conflicting: recorded[by]?.seq, missing: later ? nil : by))
            }
        }
        return breaks.sorted { $0.seq < $1.seq }
    }

    private static func goalBreaks(_ subject: Subject, _ steps: [RuleEvent]) -> [RuleBreak] {
        var breaks: [RuleBreak] = []
        var set: RuleEvent? = nil, closed: RuleEvent? = nil
        for event in steps {
            switch event.step {
            case .goalSet where set == nil: set = event
            case .goalClosed:
                if set == nil {
                    breaks.append(unknown(event, "goal", "goal.set", existsLater: steps.contains { $0.step == .goalSet }))
                } else if let closed {
                    breaks.append(RuleBreak(seq: event.seq, subject: subject, problem: "\(subject) was already closed (#\(closed.seq)); retract that closing first to close it otherwise", conflicting: closed.seq))
                } else {
                    closed = event
                }
            default: break
            }
        }
        return breaks
    }

    /// The break of an event about a goal or decision that does not exist by then: not in the log at all
    /// (with the subject missing, for a did-you-mean), or created only later in effective time.
    private static func unknown(_ event: RuleEvent, _ kind: String, _ creator: String, existsLater: Bool) -> RuleBreak {
        let subject = event.subject
        if existsLater {
            return RuleBreak(seq: event.seq, subject: subject, problem: "\(subject) is not \(kind == "goal" ? "set" : "recorded") by then: its \(creator) takes effect later; back-date that, or date this later")
        }
        return RuleBreak(seq: event.seq, subject: subject, problem: "\(subject) is not a \(kind) in this log (no \(creator))", missing: subject)
    }
}
