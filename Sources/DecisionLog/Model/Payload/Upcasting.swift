/// Reading events written with an older version of their type's schema: each step turns a payload of one
/// version into the next, until the version the running code knows. The stored bytes are never changed; the
/// event keeps the payload it was written with (see `Event.writtenPayload`).
public enum Upcasting {
    /// One step: the payload of `type` at `from` made into a payload at `from + 1`.
    struct Step {
        let type: String
        let from: Int
        let upcast: @Sendable (JSONValue) -> JSONValue
    }

    /// Every step the vocabulary has.
    static let steps: [Step] = [
        // goal.set v2 only adds the optional `confidence`: a v1 payload is a v2 payload without it.
        Step(type: "goal.set", from: 1, upcast: { $0 }),
        // goal.set v3 and metric.defined v2 only add the units months and ratio: an older payload is unchanged.
        Step(type: "goal.set", from: 2, upcast: { $0 }),
        Step(type: "metric.defined", from: 1, upcast: { $0 }),
    ]

    /// `payload`, written for `type` at `version`, as a payload of `target`; nil when a step is missing.
    public static func upcast(_ payload: JSONValue, type: String, from version: Int, to target: Int) -> JSONValue? {
        var json = payload
        for v in version..<target {
            guard let step = steps.first(where: { $0.type == type && $0.from == v }) else { return nil }
            json = step.upcast(json)
        }
        return json
    }
}
