/// A compiled pattern: a small program of steps, run on every path at once (a Pike VM without captures), so
/// a match takes at most (the text's length + 1) × (the program's size) steps, never more.
struct PatternProgram: Sendable {
    /// One step of the program.
    enum Step: Sendable {
        /// Takes one scalar in `sets[index]`.
        case scalar(Int)
        /// Takes one scalar that is not a line terminator.
        case anyButNewline
        /// Continues at both places.
        case split(Int, Int)
        /// Continues at the place.
        case jump(Int)
        /// Continues only where the position meets the condition.
        case assertion(PatternAssertion)
        /// A match.
        case match
    }

    private(set) var steps: [Step] = []
    private(set) var sets: [ScalarSet] = []
    let ignoresCase: Bool
    /// The pattern's text when it is plain ASCII characters and nothing else: then matching is a substring
    /// search.
    private let literal: [UInt8]?

    /// Compiles `tree`; throws `PatternError` when the program would have more than
    /// `Pattern.maximumProgramSize` steps.
    init(compiling tree: PatternNode, ignoringCase: Bool) throws(PatternError) {
        ignoresCase = ignoringCase
        literal = Self.asciiLiteral(tree)
        // Measured before anything is emitted: counted repetitions multiply, even of parts that take no steps.
        guard Self.cost(tree) <= Pattern.maximumProgramSize else { throw Self.tooLarge }
        try emit(tree)
        try append(.match)
    }

    private static let tooLarge = PatternError(position: 0, message: "the pattern is too large: it would take more than \(Pattern.maximumProgramSize) steps (counts in {…} multiply); simplify it")

    /// At least how many steps `node` compiles to, each part counting one even when it emits none.
    private static func cost(_ node: PatternNode) -> Int {
        let limit = Pattern.maximumProgramSize + 1
        switch node {
        case .empty, .scalar, .anyButNewline, .assertion: return 1
        case .sequence(let parts): return min(limit, parts.reduce(0) { $0 + cost($1) })
        case .alternatives(let options): return min(limit, options.reduce(options.count) { $0 + cost($1) })
        case .repeated(let body, let minimum, let maximum):
            return min(limit, cost(body).multipliedReportingOverflow(by: max(1, maximum ?? minimum + 1)).partialValue + 2)
        }
    }

    private mutating func append(_ step: Step) throws(PatternError) {
        guard steps.count < Pattern.maximumProgramSize else { throw Self.tooLarge }
        steps.append(step)
    }

    private mutating func emit(_ node: PatternNode) throws(PatternError) {
        switch node {
        case .empty: break
        case .scalar(let set):
            if let index = sets.firstIndex(of: set) { try append(.scalar(index)) } else {
                sets.append(set)
                try append(.scalar(sets.count - 1))
            }
        case .anyButNewline: try append(.anyButNewline)
        case .assertion(let condition): try append(.assertion(condition))
        case .sequence(let parts): for part in parts { try emit(part) }
        case .alternatives(let options):
            var jumpsToEnd: [Int] = []
            for (index, option) in options.enumerated() {
                if index < options.count - 1 {
                    let split = steps.count
                    try append(.split(split + 1, -1))
                    try emit(option)
                    jumpsToEnd.append(steps.count)
                    try append(.jump(-1))
                    steps[split] = .split(split + 1, steps.count)
                } else {
                    try emit(option)
                }
            }
            for jump in jumpsToEnd { steps[jump] = .jump(steps.count) }
        case .repeated(let body, let minimum, let maximum):
            for _ in 0..<minimum { try emit(body) }
            if let maximum {
                // Each optional copy may be skipped to the end.
                var splits: [Int] = []
                for _ in minimum..<maximum {
                    splits.append(steps.count)
                    try append(.split(steps.count + 1, -1))
                    try emit(body)
                }
                for split in splits { steps[split] = .split(split + 1, steps.count) }
            } else {
                let loop = steps.count
                try append(.split(loop + 1, -1))
                try emit(body)
                try append(.jump(loop))
                steps[loop] = .split(loop + 1, steps.count)
            }
        }
    }

    /// The ASCII bytes `tree` matches literally, when it is nothing but ASCII characters.
    private static func asciiLiteral(_ tree: PatternNode) -> [UInt8]? {
        let parts: [PatternNode] = if case .sequence(let parts) = tree { parts } else { [tree] }
        var bytes: [UInt8] = []
        for part in parts {
            guard case .scalar(let set) = part, !set.negated, set.ranges.count == 1, set.ranges[0].count == 1, set.ranges[0].lowerBound < 0x80 else { return nil }
            bytes.append(UInt8(set.ranges[0].lowerBound))
        }
        return bytes.isEmpty ? nil : bytes
    }

    // MARK: - Matching

    /// Whether `text` contains a match.
    func matches(_ text: String) -> Bool {
        // Plain text is a substring search (in either case only for ASCII text, where case is simple).
        if let literal, !ignoresCase || text.utf8.allSatisfy({ $0 < 0x80 }) { return Self.contains(literal, in: text, ignoringCase: ignoresCase) }
        var current = StepSet(capacity: steps.count), next = StepSet(capacity: steps.count)
        var scalars = text.unicodeScalars.makeIterator()
        var previous: Unicode.Scalar? = nil
        var scalar = scalars.next()
        while true {
            // A match may start at every position: a thread at the first step joins those still running.
            let position = Position(previous: previous, next: scalar)
            add(0, to: &current, at: position)
            if current.contains(steps.count - 1) { return true }
            guard let taken = scalar else { return false }
            let following = scalars.next()
            let after = Position(previous: taken, next: following)
            for index in current.members {
                let takes = switch steps[index] {
                case .scalar(let set): contains(sets[set], taken.value)
                case .anyButNewline: !Self.isLineTerminator(taken.value)
                default: false
                }
                if takes { add(index + 1, to: &next, at: after) }
            }
            if next.contains(steps.count - 1) { return true }
            swap(&current, &next)
            next.removeAll()
            previous = taken
            scalar = following
        }
    }

    /// Where the matcher is: the scalars on either side (nil at the text's ends).
    private struct Position {
        let previous: Unicode.Scalar?
        let next: Unicode.Scalar?

        func meets(_ condition: PatternAssertion) -> Bool {
            switch condition {
            case .start: previous == nil
            case .end: next == nil
            case .wordBoundary: isWord(previous) != isWord(next)
            case .notWordBoundary: isWord(previous) == isWord(next)
            }
        }

        private func isWord(_ scalar: Unicode.Scalar?) -> Bool {
            guard let value = scalar?.value else { return false }
            return ScalarSet.word.rangesContain(value)
        }
    }

    /// Adds `start` and every step reachable from it without taking a scalar (through jumps, splits and
    /// assertions that hold at `position`) to `set`.
    private func add(_ start: Int, to set: inout StepSet, at position: Position) {
        var pending = [start]
        while let index = pending.popLast() {
            guard set.insert(index) else { continue }
            switch steps[index] {
            case .jump(let target): pending.append(target)
            case .split(let first, let second): pending.append(second); pending.append(first)
            case .assertion(let condition): if position.meets(condition) { pending.append(index + 1) }
            case .scalar, .anyButNewline, .match: break
            }
        }
    }

    /// Whether `value` is in `set`, in either case when the pattern ignores case.
    private func contains(_ set: ScalarSet, _ value: UInt32) -> Bool {
        var found = set.rangesContain(value)
        if !found && ignoresCase { found = Self.otherCases(of: value).contains { set.rangesContain($0) } }
        return found != set.negated
    }

    /// The scalar's lowercase and uppercase forms, where each is one scalar.
    private static func otherCases(of value: UInt32) -> [UInt32] {
        if value < 0x80 {
            let byte = UInt8(value)
            if (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) { return [value ^ 0x20] }
            return []
        }
        guard let scalar = Unicode.Scalar(value) else { return [] }
        return [scalar.properties.lowercaseMapping, scalar.properties.uppercaseMapping].compactMap { mapped in
            let scalars = mapped.unicodeScalars
            return scalars.count == 1 ? scalars.first!.value : nil
        }
    }

    private static func isLineTerminator(_ value: UInt32) -> Bool { value == 0x0A || value == 0x0D || value == 0x2028 || value == 0x2029 }

    /// Whether `text` holds the ASCII bytes `literal` (letters in either case when `ignoringCase`).
    private static func contains(_ literal: [UInt8], in text: String, ignoringCase: Bool) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count >= literal.count else { return false }
            func fold(_ byte: UInt8) -> UInt8 { ignoringCase && (0x41...0x5A).contains(byte) ? byte | 0x20 : byte }
            let needle = literal.map(fold)
            for start in 0...(bytes.count - needle.count) {
                var index = 0
                while index < needle.count, fold(bytes[start + index]) == needle[index] { index += 1 }
                if index == needle.count { return true }
            }
            return false
        }
    }
}

/// A set of step indices with constant-time insert, membership and clear, listing members in insertion
/// order (the sparse-set trick: no clearing of the whole array between positions).
private struct StepSet {
    private var dense: [Int]
    private var sparse: [Int]
    private(set) var count = 0

    init(capacity: Int) {
        dense = Array(repeating: 0, count: capacity)
        sparse = Array(repeating: 0, count: capacity)
    }

    func contains(_ index: Int) -> Bool {
        let slot = sparse[index]
        return slot < count && dense[slot] == index
    }

    /// Adds `index`; false when it was already there.
    mutating func insert(_ index: Int) -> Bool {
        if contains(index) { return false }
        dense[count] = index
        sparse[index] = count
        count += 1
        return true
    }

    mutating func removeAll() { count = 0 }

    /// The members, in the order they were added.
    var members: ArraySlice<Int> { dense[..<count] }
}
