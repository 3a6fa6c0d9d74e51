import DecisionLog
import Testing

/// Drafts are checked before anything is written, and every problem is reported with its path.
struct DraftValidationTests {
    let context = DraftContext(now: Fixtures.instant("2025-09-24T12:00"), timeZone: .utc)

    func draft(_ json: String) throws -> EventDraft { try EventDraft(jsonText: Array(json.utf8)) }

    func issues(_ json: String) throws -> [String] {
        let parsed = try draft(json)
        do throws(ValidationFailure) {
            _ = try parsed.validated(in: context)
            return []
        } catch {
            return error.issues.map(\.description)
        }
    }

    @Test func aCompleteDraftValidates() throws {
        let validated = try draft(#"{"type":"launch.slipped","subject":"launch/atlas","actor":{"name":"Lee Park","role":"CPO"},"effectiveAt":"2025-08-11","reason":"Security review","payload":{"date":"2025-09-22"}}"#).validated(in: context)
        #expect(validated.type == "launch.slipped")
        #expect(validated.effectiveAt == Fixtures.instant("2025-08-11"))
        #expect(validated.payload == .launchSlipped(LaunchSlipped(date: Fixtures.date("2025-09-22"))))
    }

    @Test func effectiveTimeDefaultsToNow() throws {
        let validated = try draft(#"{"type":"launch.shipped","subject":"launch/atlas","actor":{"name":"A","role":"PM"},"payload":{"date":"2025-09-24"}}"#).validated(in: context)
        #expect(validated.effectiveAt == context.now)
    }

    @Test func aDraftWithFiveProblemsReportsAllFive() throws {
        let found = try issues(#"{"type":"goal.set","subject":"launch/atlas","actor":{"name":"Dana Reyes"},"effectiveAt":"2025-13-01","payload":{"title":"","timeframe":"2025-Q3","target":"fast"}}"#)
        #expect(found.count == 5)
        #expect(found.contains(#"payload.target: expected a number, got "fast""#))
        #expect(found.contains("payload.title: must not be empty"))
        #expect(found.contains { $0.hasPrefix("subject: a goal.set event is about a goal") })
        #expect(found.contains { $0.hasPrefix("actor.role: missing") })
        #expect(found.contains { $0.hasPrefix("effectiveAt: expected a date or date-time") && $0.contains("month 13") })
    }

    @Test func noActorMeansNoEvent() throws {
        let found = try issues(#"{"type":"launch.shipped","subject":"launch/atlas","payload":{"date":"2025-09-24"}}"#)
        #expect(found.count == 1)
        #expect(found[0].contains("a decision with no decider is not recorded"))
    }

    @Test func unknownTypesSuggestTheNearest() throws {
        let found = try issues(#"{"type":"launch.slipd","subject":"launch/atlas","actor":{"name":"A","role":"PM"}}"#)
        #expect(found == [#"type: unknown event type "launch.slipd"; did you mean "launch.slipped"?"#])
    }

    @Test func membersTheLogSetsAreRefused() throws {
        let found = try issues(#"{"type":"launch.shipped","seq":3,"hash":"x","subject":"launch/atlas","actor":{"name":"A","role":"PM"},"payload":{"date":"2025-09-24"}}"#)
        #expect(found.count == 2)
        #expect(found.allSatisfy { $0.contains("is set by the log") })
    }

    @Test func unknownPayloadFieldsSuggestTheNearest() throws {
        let found = try issues(#"{"type":"launch.slipped","subject":"launch/atlas","actor":{"name":"A","role":"PM"},"payload":{"date":"2025-09-22","caus":"x"}}"#)
        #expect(found == [#"payload.caus: not a field of launch.slipped; did you mean "cause"?"#])
    }

    /// An actor's name and role: one line each, at most 100 characters (counted as characters, not bytes), and
    /// nothing else beside them.
    @Test func theActorIsANameAndARoleOnOneLineEach() throws {
        func actor(_ json: String) throws -> [String] {
            try issues(#"{"type":"launch.shipped","subject":"launch/atlas","actor":"# + json + #","payload":{"date":"2025-09-24"}}"#)
        }
        #expect(try actor(#"{"name":"Zoë Ångström","role":"CPO"}"#) == [])
        #expect(try actor(#"{"name":"\#(String(repeating: "é", count: 100))","role":"CPO"}"#) == [])
        #expect(try actor(#"{"name":"\#(String(repeating: "é", count: 101))","role":"CPO"}"#) == ["actor.name: is 101 characters long; at most 100 are allowed"])
        #expect(try actor(#"{"name":"Lee\nPark","role":"CPO"}"#) == ["actor.name: must be on one line"])
        #expect(try actor(#"{"name":"Lee Park","role":"C\tPO"}"#) == ["actor.role: must be on one line"])
        #expect(try actor(#"{"name":"Lee Park","role":"CPO","team":"x","email":"y"}"#)
                == ["actor.email: not a member of an actor; an actor has name and role", "actor.team: not a member of an actor; an actor has name and role"])
    }

    /// Every member no field declares is refused, wherever it sorts among the declared ones and however many
    /// members the payload has (the reader notes the members it found in one word, for the first 64).
    @Test func everyUndeclaredMemberIsRefused() throws {
        let extras = (0..<70).map { "x" + ($0 < 10 ? "0" : "") + String($0) }
        let members = extras.map { #""\#($0)":1"# } + [#""cause":"x""#, #""date":"2025-09-22""#, #""aa":1"#]
        let found = try issues(#"{"type":"launch.slipped","subject":"launch/atlas","actor":{"name":"A","role":"PM"},"payload":{"# + members.joined(separator: ",") + "}}")
        #expect(Set(found) == Set((["aa"] + extras).map { "payload.\($0): not a field of launch.slipped" }))
        #expect(found.count == 71)
    }

    @Test func aTextWithAControlCharacterIsRefused() throws {
        for (text, shown) in [(#"a\u0001b"#, "0001"), (#"\u007f"#, "007F"), (#"ok\u001b[31m"#, "001B")] {
            let found = try issues(#"{"type":"launch.slipped","subject":"launch/atlas","actor":{"name":"A","role":"PM"},"payload":{"date":"2025-09-22","cause":"\#(text)"}}"#)
            #expect(found == ["payload.cause: contains the control character U+\(shown); remove it"])
        }
        #expect(try issues(#"{"type":"launch.slipped","subject":"launch/atlas","actor":{"name":"A","role":"PM"},"payload":{"date":"2025-09-22","cause":"tab\there\nand é"}}"#) == [])
    }

    @Test(arguments: [
        (#"{"framework":"moscow","to":"shoud"}"#, #"payload.to: expected one of must, should, could, wont, got "shoud": did you mean "should"?"#),
        (#"{"framework":"rank","to":0}"#, "payload.to: expected a rank, an integer of 1 or more, got 0"),
        (#"{"framework":"rice","reach":10,"impact":1,"effort":2}"#, "payload.confidence: missing; a rice priority needs reach, impact, confidence and effort"),
        (#"{"framework":"moscow","to":"must","effort":3}"#, "payload.effort: only a rice priority has effort"),
    ])
    func priorityRulesDependOnTheFramework(payload: String, expected: String) throws {
        let found = try issues(#"{"type":"priority.changed","subject":"feature/sso","actor":{"name":"A","role":"PM"},"payload":"# + payload + "}")
        #expect(found == [expected])
    }

    @Test func crossFieldRulesAreChecked() throws {
        #expect(try issues(#"{"type":"decision.recorded","subject":"decision/x","actor":{"name":"A","role":"CPO"},"payload":{"title":"T","status":"accepted","options":["A","B"],"chosen":"C"}}"#)
                == [#"payload.chosen: "C" is not one of the options: "A", "B""#])
        #expect(try issues(#"{"type":"owner.assigned","subject":"launch/atlas","actor":{"name":"A","role":"CPO"},"payload":{"owner":"P","framework":"raci","driver":["X"]}}"#)
                == ["payload.driver: not a RACI role; its roles are responsible, accountable, consulted, informed"])
        #expect(try issues(#"{"type":"metric.recorded","subject":"metric/x","actor":{"name":"A","role":"CS"},"payload":{"value":1}}"#)
                == ["payload.period: missing; give period or date"])
        #expect(try issues(#"{"type":"event.retracted","subject":"metric/x","actor":{"name":"A","role":"CS"},"payload":{"event":"01a206d4-884f-7b66-b5ef-a82b02b3cf03"}}"#)
                == ["reason: missing; a event.retracted event must say why (--reason)"])
    }

    @Test func listsNameTheBadElement() throws {
        let found = try issues(#"{"type":"sync.held","subject":"sync/w1","actor":{"name":"A","role":"PM"},"payload":{"kind":"weekly","attendees":["A",7]}}"#)
        #expect(found == ["payload.attendees[1]: expected a non-empty text, got 7"])
    }

    @Test(arguments: ["launch", "/atlas", "Launch/atlas", "launch/at las", "launch/"])
    func malformedSubjectsAreRefused(subject: String) throws {
        let found = try issues(#"{"type":"launch.shipped","subject":""# + subject + #"","actor":{"name":"A","role":"PM"},"payload":{"date":"2025-09-24"}}"#)
        #expect(found.count == 1)
        #expect(found[0].hasPrefix("subject: \"\(subject)\" is not a subject"))
    }

    @Test func textsAreTrimmedAndControlCharactersRefused() throws {
        let validated = try draft(#"{"type":"goal.closed","subject":"goal/x","actor":{"name":"  Dana  ","role":"CMO"},"payload":{"outcome":"achieved","note":" done \n"}}"#).validated(in: context)
        #expect(validated.actor.name == "Dana")
        #expect(validated.payload == .goalClosed(GoalClosed(outcome: .achieved, note: "done")))
        let found = try issues(#"{"type":"goal.closed","subject":"goal/x","actor":{"name":"A","role":"CMO"},"payload":{"outcome":"achieved","note":"a\u0000b"}}"#)
        #expect(found.count == 1 && found[0].contains("control character U+0000"))
    }

    /// A long file is validated on every core; each line's result is the one it gets alone, in file order,
    /// with blank lines and CRLF endings skipped as in a short file.
    @Test func aLongFileValidatesLineByLineAsAShortOne() {
        let texts = (0..<700).map { n -> String in
            switch n % 5 {
            case 0: #"{"type":"goal.set","subject":"goal/g\#(n)","effectiveAt":"2025-07-01","payload":{"title":"G","timeframe":"2025-Q3","target":\#(n),"unit":"count"}}"#
            case 1: #"{"type":"goal.set","subject":"goal/g\#(n)","payload":{"title":"G","timeframe":"2025-Q3","target":"fast","unit":"count"}}"#
            case 2: "   "
            case 3: #"{"type":"launch.slipped","subject":"launch/l\#(n)","reason":"r","payload":{"date":"2025-10-01"}}"# + "\r"
            default: "{not json"
            }
        }
        let actor = Actor(name: "Dana Reyes", role: "CMO")
        let whole = DraftBatch(Array(texts.joined(separator: "\n").utf8), context: context, schemas: SchemaRegistry(), defaultActor: actor)
        #expect(whole.lines.count == 560)
        #expect(whole.lines.map(\.number) == (1...700).filter { $0 % 5 != 3 })
        for line in whole.lines {
            let alone = DraftBatch(Array(texts[line.number - 1].utf8), context: context, schemas: SchemaRegistry(), defaultActor: actor)
            #expect(alone.lines.map(\.result) == [line.result], "line \(line.number)")
        }
    }
}
