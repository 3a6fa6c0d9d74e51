/// Finds the known name closest to a mistyped one, for "did you mean …?" hints.
public enum NearestName {
    /// The candidate nearest to `typed` by edit distance (a swap of neighbours counts as one edit), if it is
    /// close enough to be a likely typo: at most a third of the longer name's length, and at most 3 edits.
    public static func suggestion(for typed: String, among candidates: some Sequence<String>) -> String? {
        let typedLower = Array(typed.lowercased())
        var best: (name: String, distance: Int)? = nil
        for candidate in candidates {
            // Names whose lengths differ by more than three cannot be three edits apart: skip them unread.
            guard abs(candidate.count - typedLower.count) <= 3 else { continue }
            let lower = Array(candidate.lowercased())
            if lower == typedLower { return candidate }
            let distance = editDistance(typedLower, lower)
            let limit = min(3, max(1, max(lower.count, typedLower.count) / 3))
            if distance <= limit, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        if let best { return best.name }
        // A unique candidate that starts with what was typed ("--subj" for "--subject").
        let prefixed = candidates.filter { $0.lowercased().hasPrefix(typed.lowercased()) && typed.count >= 3 }
        return prefixed.count == 1 ? prefixed[0] : nil
    }

    /// Optimal string alignment distance between two character arrays.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previousPrevious[j - 2] + 1)
                }
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
