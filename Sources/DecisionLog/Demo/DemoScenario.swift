import Synchronization

/// A built-in history from the users' world. In Q2 2025 the CPO commits the Atlas launch to August 15 and
/// sets a MoSCoW board. At the Q3 alignment the CMO and CPO agree shared KPIs and goals, make SSO a Must
/// (moving the launch to September 1 to fit it), record a pricing decision with sales and customer success
/// consulted, slip the launch twice more and pull it in once, fix a mistyped metric with a retraction, ship,
/// and close the quarter.
///
/// Every event goes through the same path as user input (draft → validate → seal → append), recorded at
/// scripted times: most the day they take effect, some days later (back-dated write-ups), so both clocks
/// have something to show.
public enum DemoScenario {
    /// One scripted step: when the log learns of it, the draft, and optionally a label later steps use to
    /// refer to the event (`"@label"` in a retraction's `event`).
    struct Step {
        let recorded: String
        let draft: EventDraft
        var label: String? = nil
    }

    /// The number of events the scenario writes.
    public static var eventCount: Int { steps.count }

    /// Writes the scenario into a new log at `folder`; throws `LogError` (for example `.alreadyExists`).
    public static func write(to folder: LogFolder) throws(LogError) {
        let zone = TimeZoneRules.utc
        let scriptedNow = Mutex(Timestamp(milliseconds: 0))
        let config = LogConfig(logID: EventID.generate(at: .now()), createdAt: instant("2025-06-30T08:00"), timeZone: zone)
        let store = try FileEventStore.create(in: folder, configuration: config, clock: { scriptedNow.withLock { $0 } })
        var labelled: [String: EventID] = [:]
        for step in steps {
            let recordedAt = instant(step.recorded)
            scriptedNow.withLock { $0 = recordedAt }
            var draft = step.draft
            if case .string(let reference)? = draft.payload["event"], reference.hasPrefix("@") {
                draft.payload["event"] = .string(labelled[String(reference.dropFirst())]!.description)
            }
            let validated: ValidatedDraft
            do throws(ValidationFailure) {
                validated = try draft.validated(in: DraftContext(now: recordedAt, timeZone: zone))
            } catch {
                preconditionFailure("the demo scenario has an invalid step: \(error)")
            }
            let receipt = try store.append(AppendRequest(drafts: [validated], recordedBy: "demo"))
            if let label = step.label { labelled[label] = receipt.appended[0].id }
        }
    }

    private static func instant(_ text: String) -> Timestamp {
        try! TimeInput(parsing: text, in: .utc).instant
    }

    // MARK: - The people

    private static let dana = ("Dana Reyes", "CMO")
    private static let lee = ("Lee Park", "CPO")
    private static let priya = ("Priya Shah", "PM")
    private static let marco = ("Marco Silva", "Sales")
    private static let ana = ("Ana Costa", "CS")

    private static func step(_ recorded: String, _ type: String, _ subject: String, by actor: (String, String),
                             effective: String? = nil, reason: String? = nil, label: String? = nil,
                             _ payload: JSONObject) -> Step {
        var draft = EventDraft(type: type, payload: payload)
        draft.set("subject", .string(subject))
        draft.setActor(name: actor.0, role: actor.1)
        draft.set("effectiveAt", .string(effective ?? String(recorded.prefix(10))))
        if let reason { draft.set("reason", .string(reason)) }
        return Step(recorded: recorded, draft: draft, label: label)
    }

    // MARK: - The script

    static let steps: [Step] = [
        // Q2: the CPO commits Atlas and its owners, and sets the feature board.
        step("2025-05-15T10:00", "launch.scheduled", "launch/atlas", by: lee,
             reason: "Self-serve is the growth bet for the second half",
             ["name": "Atlas GA", "date": "2025-08-15", "scope": "Self-serve onboarding and usage analytics"]),
        step("2025-05-15T10:15", "owner.assigned", "launch/atlas", by: lee,
             ["owner": "Priya Shah", "framework": "raci", "responsible": ["Priya Shah"], "accountable": ["Lee Park"],
              "consulted": ["Dana Reyes", "Marco Silva", "Ana Costa"], "informed": ["Support team"]]),
        step("2025-05-20T14:00", "priority.changed", "feature/usage-analytics", by: lee,
             ["framework": "moscow", "to": "must", "scope": "Atlas GA"]),
        step("2025-05-20T14:01", "priority.changed", "feature/sso", by: lee,
             ["framework": "moscow", "to": "should", "scope": "Atlas GA"]),
        step("2025-05-20T14:02", "priority.changed", "feature/dark-mode", by: lee,
             ["framework": "moscow", "to": "could", "scope": "Atlas GA"]),

        // The end-of-Q2 baseline: the KPIs both leaders agreed to share, with their Q2 actuals.
        step("2025-06-30T09:00", "metric.defined", "metric/conversion-rate", by: dana,
             reason: "One funnel metric marketing and product both answer for",
             ["name": "Conversion rate", "unit": "percent", "direction": "higher"]),
        step("2025-06-30T09:05", "metric.defined", "metric/retention", by: lee,
             ["name": "Retention", "unit": "percent", "direction": "higher"]),
        step("2025-06-30T09:10", "metric.defined", "metric/time-to-value", by: lee,
             ["name": "Time-to-value", "unit": "weeks", "direction": "lower"]),
        step("2025-06-30T16:00", "metric.recorded", "metric/conversion-rate", by: dana,
             ["value": 2.5, "period": "2025-Q2", "source": "HubSpot funnel report"]),
        step("2025-06-30T16:05", "metric.recorded", "metric/retention", by: ana,
             ["value": 65, "period": "2025-Q2", "source": "CS health dashboard"]),
        step("2025-06-30T16:10", "metric.recorded", "metric/time-to-value", by: priya,
             ["value": 6, "period": "2025-Q2", "source": "Onboarding cohort analysis"]),

        // The Q3 alignment meeting: shared goals, targets, the documented agreement, the launch and its owners.
        step("2025-07-01T10:00", "goal.set", "goal/q3-pipeline", by: dana,
             reason: "Shared goal agreed at the CMO–CPO alignment",
             ["title": "Grow qualified pipeline through self-serve trials", "timeframe": "2025-Q3", "owner": "Dana Reyes",
              "metric": "metric/conversion-rate", "target": 4.5, "unit": "percent", "confidence": 60]),
        step("2025-07-01T10:05", "goal.set", "goal/q3-retention", by: lee,
             ["title": "Lift retention with faster onboarding", "timeframe": "2025-Q3", "owner": "Lee Park",
              "metric": "metric/retention", "target": 80, "unit": "percent"]),
        step("2025-07-01T10:10", "metric.target.set", "metric/conversion-rate", by: dana,
             ["target": 4.5, "timeframe": "2025-Q3"]),
        step("2025-07-01T10:11", "metric.target.set", "metric/retention", by: lee,
             ["target": 80, "timeframe": "2025-Q3"]),
        step("2025-07-01T10:12", "metric.target.set", "metric/time-to-value", by: lee,
             ["target": 4, "timeframe": "2025-Q3"]),
        step("2025-07-01T11:00", "agreement.recorded", "agreement/q3-atlas-gtm", by: dana,
             reason: "Documented agreement from the alignment meeting",
             ["parties": ["Dana Reyes", "Lee Park", "Priya Shah"],
              "objectives": ["Launch Atlas to general availability by September 1",
                             "Lift trial-to-paid conversion to 4.5% by the end of Q3"],
              "timeline": "2025-Q3, GA on 2025-09-01",
              "resources": ["Atlas squad (6 engineers)", "2 product marketing managers", "120k EUR launch budget"]]),
        step("2025-07-01T11:10", "launch.slipped", "launch/atlas", by: lee,
             reason: "SSO joins the GA scope, agreed at the alignment",
             ["date": "2025-09-01", "cause": "SSO added to scope"]),

        // The feature board after the alignment.
        step("2025-07-02T14:00", "priority.changed", "feature/sso", by: lee,
             reason: "Enterprise trials stall without SSO",
             ["framework": "moscow", "to": "must", "scope": "Atlas GA"]),
        step("2025-07-02T14:01", "priority.changed", "feature/usage-analytics", by: lee,
             reason: "Makes room for SSO in the GA scope",
             ["framework": "moscow", "to": "should", "scope": "Atlas GA"]),
        step("2025-07-02T14:03", "priority.changed", "feature/in-app-tours", by: priya,
             reason: "Tours shorten time-to-value in every trial interview",
             ["framework": "kano", "to": "attractive"]),

        // A weekly sync, written up two days later.
        step("2025-07-09T09:00", "sync.held", "sync/2025-07-07", by: priya, effective: "2025-07-07",
             ["kind": "weekly", "attendees": ["Dana Reyes", "Lee Park", "Priya Shah"],
              "outcomes": ["Launch messaging draft due July 21", "Sales enablement starts in August"]]),
        step("2025-07-14T15:00", "priority.changed", "feature/usage-analytics", by: priya,
             reason: "Scored with RICE for the roadmap review",
             ["framework": "rice", "reach": 1800, "impact": 2, "confidence": 80, "effort": 3]),

        // Pricing, decided with sales and customer success consulted.
        step("2025-07-21T17:00", "decision.recorded", "decision/atlas-pricing", by: dana,
             reason: "Sales needs a price list four weeks before GA",
             ["title": "Price Atlas per seat with a free tier", "status": "accepted",
              "context": "Self-serve trials convert poorly when pricing is hidden behind sales",
              "options": ["Per seat", "Usage-based", "Per seat with a free tier"],
              "chosen": "Per seat with a free tier",
              "rationale": "The free tier feeds the pipeline goal; per-seat pricing is what buyers expect",
              "consequences": "Usage analytics moves into the paid tier",
              "deciders": ["Dana Reyes", "Lee Park"], "consulted": ["Marco Silva", "Ana Costa"],
              "informed": ["Support team"], "reviewBy": "2025-10-15"]),
        step("2025-08-04T09:00", "metric.recorded", "metric/conversion-rate", by: dana,
             ["value": 3.1, "date": "2025-07-31", "source": "HubSpot funnel report"]),

        // The first slip: decided on Monday, written up on Wednesday.
        step("2025-08-13T10:00", "launch.slipped", "launch/atlas", by: lee, effective: "2025-08-11",
             reason: "SSO needs an external penetration test before GA",
             ["date": "2025-09-22", "cause": "security review"]),
        step("2025-08-13T10:05", "priority.changed", "feature/dark-mode", by: lee, effective: "2025-08-11",
             reason: "Cut to protect the new GA date",
             ["framework": "moscow", "to": "wont", "scope": "Atlas GA"]),

        // A mistyped actual, retracted and recorded again.
        step("2025-08-20T11:00", "metric.recorded", "metric/retention", by: ana, label: "typo",
             ["value": 91, "date": "2025-08-15", "source": "CS health dashboard"]),
        step("2025-08-21T09:30", "event.retracted", "metric/retention", by: ana,
             reason: "Typo: retention was 71%, not 91%",
             ["event": "@typo"]),
        step("2025-08-21T09:31", "metric.recorded", "metric/retention", by: ana,
             ["value": 71, "date": "2025-08-15", "source": "CS health dashboard"]),

        step("2025-08-25T16:00", "sync.held", "sync/2025-08-25", by: dana,
             ["kind": "alignment", "attendees": ["Dana Reyes", "Lee Park", "Priya Shah", "Marco Silva", "Ana Costa"],
              "outcomes": ["GA messaging moves to September 22", "CS trains support on SSO setup"],
              "decisions": ["decision/atlas-pricing"]]),
        // A second launch, scheduled now and called off later.
        step("2025-08-28T10:00", "launch.scheduled", "launch/beacon", by: lee,
             ["name": "Beacon beta", "date": "2025-11-15", "scope": "Mobile companion app"]),
        step("2025-09-01T09:00", "metric.recorded", "metric/conversion-rate", by: dana,
             ["value": 3.8, "period": "2025-08", "source": "HubSpot funnel report"]),

        // The second slip, then a pull-in when the findings were fixed early.
        step("2025-09-08T12:00", "launch.slipped", "launch/atlas", by: lee,
             reason: "Pen-test findings need a fix and a retest",
             ["date": "2025-09-29", "cause": "pen-test findings"]),
        step("2025-09-15T12:00", "launch.slipped", "launch/atlas", by: priya,
             reason: "Findings fixed early; the retest passed",
             ["date": "2025-09-24", "cause": "retest passed early"]),
        step("2025-09-24T18:00", "launch.shipped", "launch/atlas", by: priya,
             ["date": "2025-09-24"]),

        step("2025-09-26T10:00", "launch.cancelled", "launch/beacon", by: lee,
             reason: "Folded into the Atlas roadmap after GA feedback", [:]),

        // End of Q3: actuals, a goal closed, pricing revisited, Q4 set.
        step("2025-09-30T17:00", "metric.recorded", "metric/conversion-rate", by: dana,
             ["value": 4.5, "period": "2025-Q3", "source": "HubSpot funnel report"]),
        step("2025-09-30T17:05", "metric.recorded", "metric/retention", by: ana,
             ["value": 80, "period": "2025-Q3", "source": "CS health dashboard"]),
        step("2025-09-30T17:10", "metric.recorded", "metric/time-to-value", by: priya,
             ["value": 4, "period": "2025-Q3", "source": "Onboarding cohort analysis"]),
        step("2025-10-01T09:00", "goal.closed", "goal/q3-pipeline", by: dana,
             ["outcome": "achieved", "note": "Conversion reached 4.5% in September"]),
        step("2025-10-01T09:05", "goal.closed", "goal/q3-retention", by: lee,
             ["outcome": "achieved", "note": "Retention at 80% after onboarding changes"]),
        step("2025-10-06T15:00", "decision.recorded", "decision/atlas-pricing-v2", by: lee,
             reason: "Analytics usage is uneven across seats",
             ["title": "Add a usage-based analytics add-on", "status": "accepted",
              "options": ["Keep analytics in the paid tier", "Usage-based add-on"], "chosen": "Usage-based add-on",
              "deciders": ["Lee Park", "Dana Reyes"], "consulted": ["Marco Silva"], "reviewBy": "2026-01-15"]),
        step("2025-10-06T15:05", "decision.superseded", "decision/atlas-pricing", by: lee,
             ["by": "decision/atlas-pricing-v2"]),
        step("2025-10-07T10:00", "goal.set", "goal/q4-expansion", by: marco,
             reason: "Mid-market deals doubled after GA",
             ["title": "Open the mid-market segment", "timeframe": "2025-Q4", "owner": "Marco Silva",
              "metric": "metric/conversion-rate", "target": 5.5, "unit": "percent", "confidence": 50]),
        step("2025-10-07T10:05", "owner.assigned", "goal/q4-expansion", by: marco,
             ["owner": "Marco Silva", "framework": "daci", "driver": ["Marco Silva"], "approver": ["Dana Reyes"],
              "contributors": ["Priya Shah", "Ana Costa"], "informed": ["Lee Park"]]),
        step("2025-10-07T10:10", "priority.changed", "feature/usage-analytics", by: lee,
             reason: "The add-on makes analytics a revenue line",
             ["framework": "moscow", "to": "must", "scope": "2025-Q4"]),
    ]
}
