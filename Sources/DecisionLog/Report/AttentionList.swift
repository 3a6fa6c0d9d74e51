/// What a weekly sync must look at, drawn from the views themselves so it never disagrees with them
/// (docs/rules.md, "Attention"): goals at risk or past due, KPIs off target for their period (or a closed
/// period whose numbers are incomplete), launches that moved, shipped or were cancelled since a point (a week
/// before, unless told), decisions due for review within two weeks or overdue, and goals and open launches
/// with no owner.
public enum AttentionList {
    /// The list's name on the command line.
    public static let name = "attention"
    /// One line for help.
    public static let summary = "What the weekly sync must look at: goals at risk or past due, KPIs off target, launches moved, reviews due, no owner."
    /// The list's columns.
    public static let columns: [ViewColumn] = [
        ViewColumn("item", title: "LOOK AT"), ViewColumn("subject"), ViewColumn("what", title: "WHY", wraps: true),
    ]
    /// The views the list reads.
    public static let views: [ViewKind] = [GoalsProjection.name, KPIsProjection.name, LaunchesProjection.name, DecisionsProjection.name, OwnersProjection.name]
        .map { Views.named($0)! }
    /// How far ahead a review date counts as due.
    public static let reviewHorizonDays = 14

    /// The list as of `asOf`, launches compared with `since`; `replay` must hold `views`.
    public static func table(_ replay: Replay, asOf: AsOf, since: AsOf) -> ViewTable {
        let context = replay.context(asOf)
        func rows(_ name: String, _ at: AsOf = asOf) -> [ViewRow] { replay.table(Views.named(name)!, asOf: at).rows }
        var items: [ViewRow] = []
        func add(_ item: String, _ row: ViewRow, _ what: String, source: Stamp?) {
            items.append(ViewRow(key: "\(item) \(row.key)", subject: row.subject, cells: [
                "item": .text(item), "subject": .text(row.subject?.text ?? row.key), "what": .text(what, source: source),
            ]))
        }

        let goals = rows(GoalsProjection.name)
        for goal in goals {
            let status = goal["status"]
            guard status.text == GoalState.atRisk.rawValue || status.text == GoalState.pastDue.rawValue else { continue }
            let note = goal["note"].text
            add("goal \(status.text)", goal, "\(goal["title"].text), due \(goal["due"].text)" + (note.isEmpty ? "" : ": \(note)"), source: status.source)
        }
        for kpi in rows(KPIsProjection.name) {
            let status = kpi["status"].text
            guard case .object(let judged) = kpi["judged"].value, let result = judged["result"]?.stringValue,
                  let judgement = MetricJudgement(rawValue: result), [.offTrack, .missed, .incomplete].contains(judgement) else { continue }
            // The target the status was judged against, which may be an earlier period's.
            let target = kpi["judged"].text.isEmpty ? "" : "; target \(kpi["judged"].text)"
            add("kpi \(judgement.rawValue)", kpi,
                "\(kpi["name"].text): \(status), actual \(kpi["actual"].text) for \(kpi["measured"].text)\(target)", source: kpi["status"].source)
        }
        let launchesKind = Views.named(LaunchesProjection.name)!
        let launchesNow = replay.table(launchesKind, asOf: asOf), launchesThen = replay.table(launchesKind, asOf: since)
        let moved = ViewDiff(launchesKind, before: launchesThen, after: launchesNow)
        let byKey = Dictionary(launchesNow.rows.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        for change in moved.changed {
            let texts = change.changes.filter { $0.field == "current" || $0.field == "status" }.map(\.text)
            guard !texts.isEmpty, let row = byKey[change.key] else { continue }
            let ended = change.changes.contains { $0.field == "status" } ? row["status"].value.stringValue : nil
            add("launch \(ended.map { $0 == "scheduled" ? "reopened" : $0 } ?? "moved")", row, texts.joined(separator: "; "), source: row["current"].source)
        }
        for row in moved.added { add("launch new", row, "scheduled for \(row["current"].text)", source: row["current"].source) }

        let today = context.asOfDate, horizon = today.adding(days: reviewHorizonDays)
        for decision in rows(DecisionsProjection.name) {
            let review = decision["reviewBy"]
            guard case .object(let members) = review.value, let text = members["date"]?.stringValue, let date = try? CalendarDate(parsing: text),
                  decision["status"].value.stringValue == DecisionStatus.accepted.rawValue || decision["status"].value.stringValue == DecisionStatus.proposed.rawValue,
                  date <= horizon else { continue }
            add("review \(date < today ? "overdue" : "due")", decision, "\(decision["title"].text): review \(date < today ? "was due" : "due") \(date)", source: review.source)
        }

        let owned = Set(rows(OwnersProjection.name).filter { !$0["owner"].text.isEmpty }.compactMap(\.subject))
        for goal in goals where goal["owner"].text.isEmpty && ![GoalState.achieved, .missed, .dropped].map(\.rawValue).contains(goal["status"].text) {
            add("no owner", goal, "\(goal["title"].text): nobody owns this goal", source: nil)
        }
        for launch in launchesNow.rows where launch["status"].value.stringValue == "scheduled" && !owned.contains(launch.subject!) {
            add("no owner", launch, "\(launch["name"].text.isEmpty ? launch.key : launch["name"].text): nobody owns this launch", source: nil)
        }
        return ViewTable(name: name, columns: columns, rows: items)
    }
}
