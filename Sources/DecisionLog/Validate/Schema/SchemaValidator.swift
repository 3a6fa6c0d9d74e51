/// Walks a value against compiled nodes, collecting issues.
struct SchemaValidator {
    let subject: String
    /// For a recursive schema, the issues each part of the value (by path) had against each node, so that no
    /// part is checked against a node twice: with `anyOf` inside a recursion, checking would otherwise take
    /// time exponential in the value's depth.
    let memo: Memo?

    /// Issues found so far, by node and path.
    final class Memo {
        struct Key: Hashable {
            let node: ObjectIdentifier
            let path: String
        }
        var issues: [Key: [ValidationIssue]] = [:]
    }

    func check(_ value: JSONValue, _ node: SchemaNode, _ path: String, _ issues: inout [ValidationIssue]) {
        guard let memo else { return checkOnce(value, node, path, &issues) }
        let key = Memo.Key(node: ObjectIdentifier(node), path: path)
        if let known = memo.issues[key] { return issues += known }
        let start = issues.count
        checkOnce(value, node, path, &issues)
        memo.issues[key] = Array(issues[start...])
    }

    private func checkOnce(_ value: JSONValue, _ node: SchemaNode, _ path: String, _ issues: inout [ValidationIssue]) {
        func problem(_ message: String, at where_: String? = nil) { issues.append(ValidationIssue(path: where_ ?? path, message: message)) }
        if let constant = node.constant {
            if !constant { problem(path.isEmpty ? "not allowed" : "not allowed here") }
            return
        }
        if let target = node.referenced {
            check(value, target, path, &issues)
        }
        if let types = node.types, !types.contains(where: { $0.admits(value) }) {
            problem(expectedGot(node, value))
            return
        }
        if let values = node.enumValues, !values.contains(value) {
            var message = expectedGot(node, value)
            if case .string(let text) = value {
                let words = values.compactMap(\.stringValue)
                if let near = NearestName.suggestion(for: text, among: words) { message += ": did you mean \"\(near)\"?" }
            }
            problem(message)
        }
        if let constant = node.constValue, constant != value { problem("expected \(constant.excerpt()), got \(got(value))") }
        switch value {
        case .string(let text):
            checkString(text, value, node, problem)
        case .number(let n):
            if let min = node.minimum, n < min { problem("must be at least \(NumberText.format(min)), got \(NumberText.format(n))") }
            if let max = node.maximum, n > max { problem("must be at most \(NumberText.format(max)), got \(NumberText.format(n))") }
            if let min = node.exclusiveMinimum, n <= min { problem("must be more than \(NumberText.format(min)), got \(NumberText.format(n))") }
            if let max = node.exclusiveMaximum, n >= max { problem("must be less than \(NumberText.format(max)), got \(NumberText.format(n))") }
        case .array(let elements):
            if let min = node.minItems, elements.count < min { problem("list at least \(min) item\(min == 1 ? "" : "s")") }
            if let max = node.maxItems, elements.count > max { problem("list at most \(max) item\(max == 1 ? "" : "s")") }
            if let items = node.items {
                for (i, element) in elements.enumerated() { check(element, items, "\(path)[\(i)]", &issues) }
            }
        case .object(let members):
            checkObject(members, node, path, &issues)
        default:
            break
        }
        if let all = node.allOf { for branch in all { check(value, branch, path, &issues) } }
        if let any = node.anyOf {
            let results = any.map { branchIssues(value, $0, path) }
            if !results.contains(where: \.isEmpty) {
                // Branches that differ only in which member they require: say so once ("give period or date").
                let missing = results.flatMap { $0 }.filter { $0.message.hasPrefix("missing") }
                if missing.count == results.flatMap({ $0 }).count, let first = missing.first {
                    let names = missing.map { String($0.path.split(separator: ".").last ?? Substring($0.path)) }
                    issues.append(ValidationIssue(path: first.path, message: "missing; give \(names.joined(separator: " or "))"))
                } else {
                    issues += results.min { $0.count < $1.count }!
                }
            }
        }
        if let one = node.oneOf {
            let results = one.map { branchIssues(value, $0, path) }
            let passing = results.filter(\.isEmpty).count
            if passing == 0 { issues += results.min { $0.count < $1.count }! }
            if passing > 1 { problem("matches more than one of the allowed forms; it must match exactly one") }
        }
    }

    private func branchIssues(_ value: JSONValue, _ node: SchemaNode, _ path: String) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        check(value, node, path, &issues)
        return issues
    }

    private func checkObject(_ members: JSONObject, _ node: SchemaNode, _ path: String, _ issues: inout [ValidationIssue]) {
        func child(_ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }
        for name in node.required where members[name] == nil || members[name] == .null {
            let wanted: String? = node.properties[name].map { self.expectation($0) }
            issues.append(ValidationIssue(path: child(name), message: "missing" + (wanted.map { "; expected \($0)" } ?? "")))
        }
        for name in members.keys.sorted() {
            let value = members[name]!
            if let property = node.properties[name] {
                if value == .null && !node.required.contains(name) { continue }  // absent and null mean the same
                check(value, property, child(name), &issues)
            } else if let extra = node.additionalProperties {
                if extra.constant == false {
                    let hint = NearestName.suggestion(for: name, among: node.properties.keys).map { "; did you mean \"\($0)\"?" } ?? ""
                    issues.append(ValidationIssue(path: child(name), message: "not a field of \(subject)\(hint)"))
                } else {
                    check(value, extra, child(name), &issues)
                }
            }
        }
    }

    private func checkString(_ text: String, _ value: JSONValue, _ node: SchemaNode, _ problem: (String, String?) -> Void) {
        let length = text.count
        if let min = node.minLength, length < min {
            problem(min == 1 ? "must not be empty" : "must be at least \(min) characters", nil)
        }
        if let max = node.maxLength, length > max { problem("is \(length) characters long; at most \(max) are allowed", nil) }
        // One message per value: a format problem (which can say what exactly is wrong) before a pattern one.
        if let format = node.format, let detail = SchemaValidator.formatProblem(format, text) {
            problem(expectedGot(node, value) + (detail.isEmpty ? "" : ": \(detail)"), nil)
        } else if let pattern = node.pattern, !pattern.matches(in: text) {
            problem(expectedGot(node, value), nil)
        }
    }

    /// What is wrong with `text` as `format`, "" when it is wrong without more to say, nil when it is fine
    /// (or the format is one the validator does not check).
    static func formatProblem(_ format: String, _ text: String) -> String? {
        switch format {
        case "date":
            do throws(TimeFormatError) { _ = try CalendarDate(parsing: text); return nil } catch { return error.problem }
        case "date-time":
            // RFC 3339: a date, "T", a time and an offset.
            guard text.count >= 20, text.contains("T") || text.contains("t") else { return "" }
            do throws(TimeFormatError) { _ = try TimeInput(parsing: text, in: .utc); return nil } catch { return error.problem }
        case "uuid":
            return EventID(text) == nil ? "" : nil
        case "timeframe":
            // Ours: a planning period, 2025, 2025-H2, 2025-Q3 or 2025-09.
            do throws(TimeFormatError) { _ = try Timeframe(parsing: text); return nil } catch { return error.problem }
        default:
            return nil
        }
    }

    // MARK: - Messages

    /// "expected a number, got "fast"".
    func expectedGot(_ node: SchemaNode, _ value: JSONValue) -> String {
        "expected \(expectation(node)), got \(got(value))"
    }

    func got(_ value: JSONValue) -> String {
        switch value {
        case .string, .number, .bool, .null: value.excerpt()
        default: value.kindName
        }
    }

    /// What a node wants, in words: its `x-expected`, else its enum, format, or type.
    func expectation(_ node: SchemaNode) -> String {
        if let text = node.expected { return text }
        if let target = node.referenced { return expectation(target) }
        if let values = node.enumValues { return "one of " + values.map { $0.stringValue ?? $0.excerpt() }.joined(separator: ", ") }
        if let constant = node.constValue { return constant.excerpt() }
        switch node.format {
        case "date"?: return "a date (YYYY-MM-DD)"
        case "date-time"?: return "a date-time (2025-09-22T14:30:00Z)"
        case "uuid"?: return "an event id (a UUID)"
        case "timeframe"?: return "a timeframe (2025, 2025-H2, 2025-Q3 or 2025-09)"
        default: break
        }
        if let pattern = node.pattern { return "a text matching \(pattern.source)" }
        guard let types = node.types else { return "a value" }
        return types.map { kind -> String in
            switch kind {
            case .null: "null"
            case .boolean: "true or false"
            case .object: "an object"
            case .array: node.items.map { "a list of " + plural(expectation($0)) } ?? "a list"
            case .number: "a number"
            case .integer: "an integer"
            case .string: (node.minLength ?? 0) >= 1 ? "a non-empty text" : "a text"
            }
        }.joined(separator: " or ")
    }

    private func plural(_ expectation: String) -> String {
        for article in ["a non-empty ", "an ", "a "] where expectation.hasPrefix(article) {
            let rest = String(expectation.dropFirst(article.count))
            let noun = rest.prefix { $0 != " " }
            return (article == "a non-empty " ? "non-empty " : "") + noun + "s" + rest.dropFirst(noun.count)
        }
        return expectation
    }
}
