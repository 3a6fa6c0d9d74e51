/// Rules for the names of team-defined types.
public enum TeamTypes {
    /// What is wrong with `name` as the name of a type to register, or nil: it must be `noun.verb` in
    /// lowercase (letters, digits, `-`), and outside the built-in types' families (`goal.*`, `launch.*`, …),
    /// so a later built-in type can never take a name a team already uses.
    public static func nameProblem(_ name: String) -> String? {
        if let problem = formatProblem(name) { return problem }
        if Vocabulary.kind(named: name) != nil { return "\(name) is a built-in type; a built-in type name cannot be redefined" }
        let family = String(name.prefix { $0 != "." })
        let members = Vocabulary.typeNames.filter { $0.hasPrefix(family + ".") }
        if !members.isEmpty {
            return "the \(family) family belongs to the built-in types (\(members.joined(separator: ", "))); name the type in a family of its own, e.g. team-\(name)"
        }
        return nil
    }

    /// What is wrong with the form of `name` as a type name, or nil when it is `noun.verb` in lowercase.
    static func formatProblem(_ name: String) -> String? {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, name.count <= 80, parts.allSatisfy({ part in
            guard let first = part.first, first.isLowercase, first.isASCII else { return false }
            return part.allSatisfy { ($0.isLowercase || $0.isNumber || $0 == "-") && $0.isASCII }
        }) else { return "a type name is noun.verb in lowercase, e.g. pricing.changed" }
        return nil
    }

    /// What is wrong with `name` as a field of a team type, or nil: a field is an option of `decisionlog add`
    /// and a word its shell completion offers, so it is an ASCII letter then letters, digits, `_` or `-`, at
    /// most 64 of them (`dealSize`, `arr_usd`, `list-price`).
    public static func fieldNameProblem(_ name: String) -> String? {
        guard let first = name.utf8.first, (0x41...0x5A).contains(first) || (0x61...0x7A).contains(first), name.utf8.count <= 64,
            name.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") })
        else { return "a field name is an ASCII letter followed by letters, digits, _ or -, at most 64 of them, e.g. dealSize" }
        return nil
    }

    /// Whether `name` is in a built-in type's family (and so can only be a built-in type).
    public static func isBuiltInFamily(_ name: String) -> Bool {
        let family = name.prefix { $0 != "." }
        return Vocabulary.typeNames.contains { $0.hasPrefix(family + ".") }
    }
}
