extension Payload {
    /// One line saying what the event records, for tables: `→ 2025-09-22 (security review)`.
    public var summary: String { summary(naming: { $0.description }) }

    /// The one-line summary, naming other events with `naming` (for example as `#12`).
    public func summary(naming: (EventID) -> String) -> String {
        switch self {
        case .goalSet(let p):
            var parts = ["\(p.title) · \(p.timeframe)"]
            if let target = p.target { parts.append("target " + NumberText.format(target, unit: p.unit)) }
            if let metric = p.metric { parts.append("on \(metric)") }
            if let owner = p.owner { parts.append("owner \(owner)") }
            if let confidence = p.confidence { parts.append("\(NumberText.format(confidence))% confident") }
            return parts.joined(separator: " · ")
        case .goalClosed(let p):
            return "closed: \(p.outcome.rawValue)" + (p.note.map { " — \($0)" } ?? "")
        case .metricDefined(let p):
            return "\(p.name), in \(p.unit == .currency ? (p.currency ?? "currency") : p.unit.rawValue), \(p.direction.rawValue) is better"
        case .metricTargetSet(let p):
            return "target \(NumberText.format(p.target)) for \(p.timeframe)"
        case .metricRecorded(let p):
            let when = [p.period?.description, p.date?.description].compactMap { $0 }.joined(separator: ", ")
            return "actual \(NumberText.format(p.value)) for \(when)" + (p.source.map { " (source: \($0))" } ?? "")
        case .priorityChanged(let p):
            return p.priority.summary + (p.scope.map { " in \($0)" } ?? "")
        case .launchScheduled(let p):
            return "\(p.name) on \(p.date)" + (p.scope.map { " (scope: \($0))" } ?? "")
        case .launchSlipped(let p):
            return "→ \(p.date)" + (p.cause.map { " (\($0))" } ?? "")
        case .launchShipped(let p):
            return "shipped \(p.date)"
        case .launchCancelled(let p):
            return "cancelled" + (p.date.map { " on \($0)" } ?? "")
        case .ownerAssigned(let p):
            var text = "owner \(p.owner)"
            if let framework = p.framework, !p.roles.isEmpty {
                let roles = framework.roles.compactMap { role in p.roles[role].map { "\(role) \($0.joined(separator: ", "))" } }
                text += " · \(framework.rawValue.uppercased()): " + roles.joined(separator: "; ")
            }
            return text
        case .decisionRecorded(let p):
            var text = "\(p.title) [\(p.status.rawValue)]"
            if let chosen = p.chosen { text += " chose \(chosen)" }
            if !p.deciders.isEmpty { text += " · by \(p.deciders.joined(separator: ", "))" }
            return text
        case .decisionSuperseded(let p):
            return "superseded by \(p.by)"
        case .agreementRecorded(let p):
            return "\(p.parties.joined(separator: " & ")) agree: \(p.objectives.joined(separator: "; "))"
        case .syncHeld(let p):
            var text = "\(p.kind.rawValue) sync, \(p.attendees.count) attending"
            if !p.outcomes.isEmpty { text += " · " + p.outcomes.joined(separator: "; ") }
            return text
        case .eventRetracted(let p):
            return "retracts \(naming(p.event))"
        case .schemaRegistered(let p):
            let description = p.schema.objectValue?["description"]?.stringValue
            return "\(p.definedType) v\(p.version)" + (description.map { ": \($0)" } ?? "")
        case .custom(let p):
            return p.fields.keys.sorted().map { "\($0) \(Cell.text(of: p.fields[$0]!))" }.joined(separator: " · ")
        }
    }
}

extension PriorityValue {
    /// `moscow: should`, `rank: 3`, `rice: 1,067 (reach 2,000 × impact 2 × 80% ÷ 3)`.
    public var summary: String {
        switch self {
        case .moscow(let v): "moscow: \(v.rawValue)"
        case .kano(let v): "kano: \(v.rawValue)"
        case .rank(let v): "rank: \(v)"
        case .rice(let r):
            "rice: \(NumberText.format((r.score * 10).rounded() / 10)) (reach \(NumberText.format(r.reach)) × impact \(NumberText.format(r.impact)) × \(NumberText.format(r.confidence))% ÷ \(NumberText.format(r.effort)))"
        }
    }
}
