/// A value a view's histories hold, as checkpoint bytes. Reading throws for bytes that are not such a value.
protocol CheckpointValue: Sendable {
    /// Writes the value.
    func write(to writer: inout CheckpointBytesWriter)
    /// Reads a value written by `write`.
    static func read(from reader: inout CheckpointBytesReader) throws(CheckpointError) -> Self
}

extension String: CheckpointValue {
    func write(to writer: inout CheckpointBytesWriter) { writer.string(self) }
    static func read(from reader: inout CheckpointBytesReader) throws(CheckpointError) -> String { try reader.string() }
}

extension Double: CheckpointValue {
    func write(to writer: inout CheckpointBytesWriter) { writer.f64(self) }
    static func read(from reader: inout CheckpointBytesReader) throws(CheckpointError) -> Double { try reader.f64() }
}

extension Subject: CheckpointValue {
    func write(to writer: inout CheckpointBytesWriter) { writer.string(text) }
    static func read(from reader: inout CheckpointBytesReader) throws(CheckpointError) -> Subject {
        guard let subject = Subject(try reader.string()) else { throw CheckpointError("a subject in the checkpoint is not valid") }
        return subject
    }
}

extension CalendarDate: CheckpointValue {
    func write(to writer: inout CheckpointBytesWriter) { writer.int(dayNumber) }
    static func read(from reader: inout CheckpointBytesReader) throws(CheckpointError) -> CalendarDate { CalendarDate(dayNumber: try reader.int()) }
}

extension Timeframe: CheckpointValue {
    func write(to writer: inout CheckpointBytesWriter) { writer.string(description) }
    static func read(from reader: inout CheckpointBytesReader) throws(CheckpointError) -> Timeframe {
        do { return try Timeframe(parsing: try reader.string()) } catch { throw CheckpointError("a timeframe in the checkpoint is not valid") }
    }
}

extension MeasureUnit: CheckpointValue {
    func write(to writer: inout CheckpointBytesWriter) { writer.string(rawValue) }
    static func read(from reader: inout CheckpointBytesReader) throws(CheckpointError) -> MeasureUnit {
        guard let unit = MeasureUnit(rawValue: try reader.string()) else { throw CheckpointError("a unit in the checkpoint is not known") }
        return unit
    }
}

extension EventType: CheckpointValue {
    func write(to writer: inout CheckpointBytesWriter) { writer.string(name) }
    static func read(from reader: inout CheckpointBytesReader) throws(CheckpointError) -> EventType { EventType(try reader.string()) }
}

extension JSONValue: CheckpointValue {
    func write(to writer: inout CheckpointBytesWriter) { writer.string(canonicalString) }
    static func read(from reader: inout CheckpointBytesReader) throws(CheckpointError) -> JSONValue {
        do { return try JSONValue.parse(Array(try reader.string().utf8)) } catch { throw CheckpointError("a JSON value in the checkpoint is not valid") }
    }
}

extension Optional: CheckpointValue where Wrapped: CheckpointValue {
    func write(to writer: inout CheckpointBytesWriter) {
        if let value = self {
            writer.u8(1)
            value.write(to: &writer)
        } else {
            writer.u8(0)
        }
    }

    static func read(from reader: inout CheckpointBytesReader) throws(CheckpointError) -> Wrapped? {
        switch try reader.u8() {
        case 0: return nil
        case 1: return try Wrapped.read(from: &reader)
        default: throw CheckpointError("an optional in the checkpoint is neither absent nor present")
        }
    }
}

/// A payload kept whole in a history is written as its canonical JSON and read back through its type's
/// reader, so the checkpoint holds exactly what the event said.
extension CheckpointValue where Self: EventPayload {
    func write(to writer: inout CheckpointBytesWriter) { writer.string(json.canonicalString) }

    static func read(from reader: inout CheckpointBytesReader) throws(CheckpointError) -> Self {
        let json: JSONValue
        do { json = try JSONValue.parse(Array(try reader.string().utf8)) } catch { throw CheckpointError("a payload in the checkpoint is not JSON") }
        let payloadReader = PayloadReader(json, fields: Self.fields)
        let payload = Self(reading: payloadReader)
        do { try payloadReader.finish() } catch { throw CheckpointError("a \(Self.type) payload in the checkpoint is not valid") }
        return payload
    }
}

extension GoalClosed: CheckpointValue {}
extension MetricDefined: CheckpointValue {}
extension DecisionRecorded: CheckpointValue {}

// The payloads views read whole histories of (every actual of a metric, every move of a priority) have a
// compact form of their own: no JSON to parse.

extension MetricRecorded: CheckpointValue {
    func write(to writer: inout CheckpointBytesWriter) {
        value.write(to: &writer)
        period.write(to: &writer)
        date.write(to: &writer)
        source.write(to: &writer)
    }

    static func read(from reader: inout CheckpointBytesReader) throws(CheckpointError) -> MetricRecorded {
        MetricRecorded(value: try Double.read(from: &reader), period: try Timeframe?.read(from: &reader),
                       date: try CalendarDate?.read(from: &reader), source: try String?.read(from: &reader))
    }
}

extension MetricTargetSet: CheckpointValue {
    func write(to writer: inout CheckpointBytesWriter) {
        target.write(to: &writer)
        timeframe.write(to: &writer)
    }

    static func read(from reader: inout CheckpointBytesReader) throws(CheckpointError) -> MetricTargetSet {
        MetricTargetSet(target: try Double.read(from: &reader), timeframe: try Timeframe.read(from: &reader))
    }
}

extension OwnerAssigned: CheckpointValue {
    func write(to writer: inout CheckpointBytesWriter) {
        owner.write(to: &writer)
        (framework?.rawValue).write(to: &writer)
        writer.u32(UInt32(roles.count))
        for (role, people) in roles.sorted(by: { $0.key < $1.key }) {
            writer.string(role)
            writer.u32(UInt32(people.count))
            for person in people { writer.string(person) }
        }
    }

    static func read(from reader: inout CheckpointBytesReader) throws(CheckpointError) -> OwnerAssigned {
        let owner = try String.read(from: &reader)
        var framework: RoleFramework? = nil
        if let name = try String?.read(from: &reader) {
            guard let known = RoleFramework(rawValue: name) else { throw CheckpointError("a role framework in the checkpoint is not known") }
            framework = known
        }
        var roles: [String: [String]] = [:]
        for _ in 0..<(try reader.count(itemSize: 8)) {
            let role = try reader.string()
            var people: [String] = []
            for _ in 0..<(try reader.count(itemSize: 4)) { people.append(try reader.string()) }
            roles[role] = people
        }
        return OwnerAssigned(owner: owner, framework: framework, roles: roles)
    }
}

extension PriorityChanged: CheckpointValue {
    func write(to writer: inout CheckpointBytesWriter) {
        switch priority {
        case .moscow(let value):
            writer.u8(0)
            writer.string(value.rawValue)
        case .kano(let value):
            writer.u8(1)
            writer.string(value.rawValue)
        case .rice(let inputs):
            writer.u8(2)
            for number in [inputs.reach, inputs.impact, inputs.confidence, inputs.effort] { writer.f64(number) }
        case .rank(let rank):
            writer.u8(3)
            writer.int(rank)
        }
        scope.write(to: &writer)
    }

    static func read(from reader: inout CheckpointBytesReader) throws(CheckpointError) -> PriorityChanged {
        let priority: PriorityValue
        switch try reader.u8() {
        case 0:
            guard let value = MoSCoW(rawValue: try reader.string()) else { throw CheckpointError("a MoSCoW value in the checkpoint is not known") }
            priority = .moscow(value)
        case 1:
            guard let value = KanoCategory(rawValue: try reader.string()) else { throw CheckpointError("a Kano value in the checkpoint is not known") }
            priority = .kano(value)
        case 2:
            priority = .rice(RICEScore(reach: try reader.f64(), impact: try reader.f64(), confidence: try reader.f64(), effort: try reader.f64()))
        case 3:
            priority = .rank(try reader.int())
        default:
            throw CheckpointError("a priority in the checkpoint is of no known framework")
        }
        return PriorityChanged(priority: priority, scope: try String?.read(from: &reader))
    }
}
