/// String operations on slash-separated file paths.
package enum Paths {
    /// `base` and `name` joined with one slash.
    package static func join(_ base: String, _ name: String) -> String {
        if name.hasPrefix("/") { return name }
        if base.isEmpty { return name }
        return base.hasSuffix("/") ? base + name : base + "/" + name
    }

    /// The folder holding `path` ("/" for a top-level entry, "." for a bare name).
    package static func parent(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        if slash == trimmed.startIndex { return "/" }
        return String(trimmed[..<slash])
    }

    /// This person's state folder for decisionlog, `$XDG_STATE_HOME/decisionlog` (else
    /// `~/.local/state/decisionlog`), or nil when neither variable is a full path.
    package static func stateFolder(environment: [String: String]) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return join(state, "decisionlog") }
        if let home = environment["HOME"], home.hasPrefix("/") { return join(home, ".local/state/decisionlog") }
        return nil
    }

    /// `path` made absolute against `directory` and cleared of `.` and `..` segments.
    package static func absolute(_ path: String, from directory: String) -> String {
        let joined = path.hasPrefix("/") ? path : join(directory, path)
        var parts: [Substring] = []
        for part in joined.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }
}
