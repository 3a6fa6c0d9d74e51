/// The rules a `schema.registered` draft must meet: a type name outside the built-in families, a schema the
/// validator can use, whose root describes an object with fields that clash with nothing, whose `$id` (if
/// any) names the registration, whose examples pass it (checked with the draft) —
/// and the next version of its type, never a change to a registered one (checked by the log when it
/// appends, after skipping drafts already in it, so a retried import is not refused).
extension SchemaRegistry {
    /// What is wrong with the version `registration` claims, given the registrations so far, or nil: a new
    /// type starts at 1, each next version is one more than the latest, and a registered version never
    /// changes (registering it again, even identically, is refused).
    public func versionProblem(registering registration: SchemaRegistered) -> ValidationIssue? {
        let type = registration.definedType, version = registration.version
        let latest = latestVersion(of: type) ?? 0
        if let existing = self.registration(type, version: version) {
            let by = existing.stamp.map { " by #\($0.seq)" } ?? " earlier in this batch"
            if existing.schema == registration.schema {
                return ValidationIssue(path: "payload.version", message: "\(type) v\(version) is already registered\(by), with this same schema; nothing to record")
            }
            return ValidationIssue(path: "payload.version", message: "\(type) v\(version) is already registered\(by) with a different schema, and a registered version never changes; register this one as v\(latest + 1)")
        }
        guard version == latest + 1 else {
            let has = latest == 0 ? "no version yet" : "versions up to v\(latest)"
            return ValidationIssue(path: "payload.version", message: "\(type) has \(has); register v\(latest + 1) next, not v\(version)")
        }
        return nil
    }

    /// Problems with the schema itself, independent of the log; paths under `payload`.
    static func problems(registering registration: SchemaRegistered) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        func problem(_ path: String, _ message: String) { issues.append(ValidationIssue(path: "payload.schema" + path, message: message)) }
        if let problem = TeamTypes.nameProblem(registration.definedType) {
            issues.append(ValidationIssue(path: "payload.type", message: problem))
        }
        let compiled: JSONSchema
        do throws(SchemaError) { compiled = try JSONSchema(registration.schema) } catch {
            problem("", "not a schema decisionlog can use: at \(error.location), \(error.message)")
            return issues
        }
        let members = registration.schema.objectValue ?? [:]
        if members["type"] != .string("object") {
            problem(".type", "an event type's payload is an object: the schema's root needs \"type\": \"object\"")
        }
        let expectedID = SchemaIdentity.id(registration.definedType, registration.version)
        if let id = members["$id"], id != .string(expectedID) {
            problem(".$id", "is \(id.excerpt()) but the schema is registered as \(registration.definedType) v\(registration.version); use \"\(expectedID)\" or leave $id out")
        }
        if let kind = members["x-subject-kind"] {
            if case .string(let text) = kind, Subject.problem(with: text + "/x") == nil, !text.contains("/") {} else {
                problem(".x-subject-kind", "expected the kind of subject the type is about, e.g. \"plan\" (for plan/pro), got \(kind.excerpt())")
            }
        }
        var optionNames: [String: String] = [:]
        for field in PayloadField.fields(fromSchema: registration.schema) {
            if let nameProblem = TeamTypes.fieldNameProblem(field.name) {
                problem(".properties.\(field.name.quotedForMessage)", nameProblem)
            } else if TeamTypes.reservedFieldNames.contains(field.name) || TeamTypes.reservedFieldNames.contains(field.optionName) {
                problem(".properties.\(field.name)", "a field cannot be called \(field.name): the name belongs to the event's envelope or to 'decisionlog add'; rename it")
            } else if let other = optionNames.updateValue(field.name, forKey: field.optionName) {
                problem(".properties.\(field.name)", "\(field.name) and \(other) would both be the option --\(field.optionName); rename one")
            }
        }
        if let flag = members["x-requires-reason"], flag != .bool(true), flag != .bool(false) {
            problem(".x-requires-reason", "expected true or false, got \(flag.excerpt())")
        }
        for (index, example) in compiled.examples.enumerated() {
            issues += compiled.validate(example, path: "payload.schema.examples[\(index)]", subject: registration.definedType)
        }
        return issues
    }
}
