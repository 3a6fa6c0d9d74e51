/// The people an event names, and the rule that keeps their names straight (docs/rules.md): a log knows the
/// people its events name — actors, deciders, the consulted and informed, owners, parties, attendees — and a
/// new name one typo away from a known one is refused with a did-you-mean unless the person typing confirms
/// someone new; a name with commas whose parts are people the log knows ("Dana Reyes, Lee Park") is refused
/// as two people written as one.
public enum People {
    /// Every person `payload` and `actor` name, each with its JSON path: the actor, each name in a people
    /// field, and a goal's or an assignment's owner.
    public static func named(in payload: Payload, actor: Actor) -> [(path: String, name: String)] {
        var names: [(String, String)] = [("actor.name", actor.name)]
        // The payload's JSON is written only for the types that have a field naming people.
        guard let builtIn = payload.builtIn, Swift.type(of: builtIn).fields.contains(where: { $0.namesPeople || $0.name == "owner" }),
              case .object(let members) = payload.json else { return names }
        for field in Swift.type(of: builtIn).fields {
            if field.namesPeople, case .array(let items)? = members[field.name] {
                for (index, item) in items.enumerated() { if case .string(let name) = item { names.append(("payload.\(field.name)[\(index)]", name)) } }
            } else if field.name == "owner", case .string(let name)? = members[field.name] {
                names.append(("payload.owner", name))
            }
        }
        return names
    }

    /// The names a log knows (every name it holds, for the did-you-mean), ready to judge the names of many
    /// drafts against.
    public struct Judge: Sendable {
        private let known: Set<String>
        /// Each known name, and "Maya Okafor" for a known "Okafor, Maya", for the did-you-mean.
        private let spelled: [String: String]

        /// A judge of names against the people `known`.
        public init(known: Set<String>) {
            self.known = known
            var spelled: [String: String] = [:]
            for name in known {
                spelled[name] = name
                let parts = name.split(separator: ",").map { String($0).trimmingWhitespace }
                if parts.count == 2 { spelled["\(parts[1]) \(parts[0])", default: name] = name }
            }
            self.spelled = spelled
        }

        /// The problems with the names `named` (a name known is fine).
        public func problems(_ named: [(path: String, name: String)]) -> [ValidationIssue] {
            var issues: [ValidationIssue] = []
            for (path, name) in named where !known.contains(name) {
                if name.filter({ $0 == "," }).count >= 2 {
                    issues.append(ValidationIssue(path: path, message: "\"\(name.quotedForMessage)\" has several commas, so it cannot be told whether it names one person or several: separate people with ';' (a \"Last, First\" name has one comma)"))
                    continue
                }
                let parts = name.split(separator: ",").map { String($0).trimmingWhitespace }
                let turned = parts.count == 2 ? "\(parts[1]) \(parts[0])" : nil
                if let turned, known.contains(turned) {
                    issues.append(ValidationIssue(path: path, message: "\"\(name.quotedForMessage)\" is new to this log, which knows \(turned); did you mean \(turned)? If \(name) is someone else, confirm it (--new-person)"))
                } else if parts.count > 1, parts.allSatisfy(known.contains) {
                    issues.append(ValidationIssue(path: path, message: "\"\(name.quotedForMessage)\" reads as one person, but \(parts.joined(separator: " and ")) are each known here; separate people with ';' or repeat the option"))
                } else if let near = NearestName.suggestion(for: name, among: spelled.keys).flatMap({ spelled[$0] }) {
                    issues.append(ValidationIssue(path: path, message: "\"\(name.quotedForMessage)\" is new to this log and close to \(near), whom it knows; did you mean \(near)? If \(name) is someone new, confirm it (--new-person)"))
                }
            }
            return issues
        }
    }

    /// The people one text lists (docs/rules.md, "People"): separated by semicolons when it has any; else by
    /// commas when every part is a name of several words ("Dana Reyes, Lee Park"); else it is one name, so
    /// "Okafor, Maya" — a last name, a comma, a first name — stays one person.
    public static func split(_ text: String) -> [String] {
        if text.contains(";") { return text.split(separator: ";").map { String($0).trimmingWhitespace } }
        let parts = text.split(separator: ",").map { String($0).trimmingWhitespace }
        if parts.count > 1, parts.allSatisfy({ $0.contains(" ") }) { return parts }
        return [text.trimmingWhitespace]
    }
}
