/// Subjects both sides of a merge changed since they parted, said in the team's words: "launch/atlas: both
/// Dana Reyes and Lee Park moved the date; Lee Park's later change applies".
enum ConcurrentChanges {
    /// One line per subject and kind of change that both `local` and `incoming` events touch, dates in
    /// `zone`. The change that applies is the one effective later (the views fold in effective order); on a
    /// tie, the local one, which the merge records after the incoming.
    static func describe(local: [Event], incoming: [Event], zone: TimeZoneRules) -> [String] {
        func key(_ event: Event) -> String? { kind(of: event).map { "\(event.subject.text)\u{0}\($0)" } }
        var theirs: [String: Event] = [:]
        for event in incoming { if let key = key(event) { theirs[key] = later(theirs[key], event) } }
        var ours: [String: Event] = [:]
        for event in local { if let key = key(event) { ours[key] = later(ours[key], event) } }
        return ours.keys.filter { theirs[$0] != nil }.sorted().map { key in
            let (mine, other) = (ours[key]!, theirs[key]!)
            let verb = kind(of: mine)!
            let winner = mine.effectiveAt >= other.effectiveAt ? mine : other
            let people = mine.actor.name == other.actor.name
                ? "\(mine.actor.name) \(verb) on both sides"
                : "both \(other.actor.name) and \(mine.actor.name) \(verb)"
            return "\(mine.subject.text): \(people); \(winner.actor.name)'s later change applies (effective \(zone.date(at: winner.effectiveAt)))"
        }
    }

    private static func later(_ a: Event?, _ b: Event) -> Event {
        guard let a else { return b }
        return b.effectiveAt >= a.effectiveAt ? b : a
    }

    /// What kind of change an event makes to its subject, as a verb phrase; nil for events that change no
    /// subject's state (meetings, retractions).
    private static func kind(of event: Event) -> String? {
        switch event.payload {
        case .launchScheduled, .launchSlipped: "moved the date"
        case .launchShipped, .launchCancelled: "closed the launch"
        case .priorityChanged: "changed the priority"
        case .goalSet: "set the goal"
        case .goalClosed: "closed the goal"
        case .metricTargetSet: "set the target"
        case .metricRecorded: "recorded an actual"
        case .metricDefined: "defined the metric"
        case .ownerAssigned: "assigned the owner"
        case .decisionRecorded, .decisionSuperseded: "recorded the decision"
        case .agreementRecorded: "recorded the agreement"
        case .custom: "changed it"
        case .syncHeld, .eventRetracted, .schemaRegistered: nil
        }
    }
}
