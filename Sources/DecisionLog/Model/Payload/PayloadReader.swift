/// Reads a payload object into a typed payload, collecting every problem with its JSON path.
///
/// A payload type's initializer reads each field with `required` or `optional`; where a value is missing or
/// wrong the reader records the problem and hands back a placeholder, so all problems are found in one
/// pass. The caller then calls `finish()`, which throws them all; a payload built from a reader with problems
/// is never used.
public final class PayloadReader {
    private let members: JSONObject
    /// The declared fields' names (a payload has a dozen at most: a scan beats hashing).
    private let fieldNames: [String]
    private let path: String
    /// Which members a field read found (bit i for member i; payloads have a few dozen members at most, and
    /// those past 64 are checked by name): `finish` need look up only the others among the declared names.
    private var found: UInt64 = 0
    /// The problems found so far.
    public private(set) var issues: [ValidationIssue] = []

    /// A reader of `value`, which should be an object with the members `fields` describes.
    public init(_ value: JSONValue, fields: [PayloadField], path: String = "payload") {
        self.path = path
        fieldNames = fields.map(\.name)
        if case .object(let members) = value {
            self.members = members
        } else {
            self.members = [:]
            issues.append(ValidationIssue(path: path, message: "expected an object, got \(value.kindName)"))
        }
    }

    /// The field's value; records a problem (and returns a placeholder) when it is missing or wrong.
    public func required<T: PayloadValue>(_ name: String) -> T {
        assert(fieldNames.contains(name), "\(name) is not declared in the payload's field list")
        guard let value = member(name), value != .null else {
            issues.append(ValidationIssue(path: "\(path).\(name)", message: "missing; expected \(T.shape.expectation)"))
            return T.placeholder
        }
        return read(name, value) ?? T.placeholder
    }

    /// The field's value, or nil (with a problem recorded) when it is missing or wrong; for fields that other
    /// rules depend on, so a bad value does not also trigger those rules.
    public func requiredOrNil<T: PayloadValue>(_ name: String) -> T? {
        guard has(name) else {
            _ = required(name) as T
            return nil
        }
        return optional(name)
    }

    /// The field's value, or nil when absent; records a problem when present but wrong.
    public func optional<T: PayloadValue>(_ name: String) -> T? {
        assert(fieldNames.contains(name), "\(name) is not declared in the payload's field list")
        guard let value = member(name), value != .null else { return nil }
        return read(name, value)
    }

    /// Whether the payload has the member `name` (with any value but null).
    public func has(_ name: String) -> Bool { member(name).map { $0 != .null } ?? false }

    /// Records a problem that involves the field `name` (a rule between fields, say).
    public func problem(_ name: String, _ message: String) {
        issues.append(ValidationIssue(path: name.isEmpty ? path : "\(path).\(name)", message: message))
    }

    /// Throws every problem found, plus one for each member no field declares.
    public func finish() throws(ValidationFailure) {
        for (index, member) in members.members.enumerated() where (index >= 64 || found & 1 << index == 0) && !fieldNames.contains(member.key) {
            let name = member.key
            let hint = NearestName.suggestion(for: name, among: fieldNames).map { "; did you mean \"\($0)\"?" }
            issues.append(ValidationIssue(path: "\(path).\(name)", message: "not a field of this event type" + (hint ?? "")))
        }
        if !issues.isEmpty { throw ValidationFailure(issues) }
    }

    /// The value of the member `name`, noted as found.
    private func member(_ name: String) -> JSONValue? {
        guard let index = members.index(forKey: name) else { return nil }
        if index < 64 { found |= 1 << index }
        return members.members[index].value
    }

    private func read<T: PayloadValue>(_ name: String, _ value: JSONValue) -> T? {
        do throws(FieldProblem) { return try T(json: value) } catch {
            issues.append(ValidationIssue(path: "\(path).\(name)\(error.subpath)", message: error.message))
            return nil
        }
    }
}
