/// Reads ECMA-262 pattern syntax into a `PatternNode`, refusing what the linear matcher cannot do.
struct PatternParser {
    private let scalars: [Unicode.Scalar]
    private var position = 0
    private var depth = 0
    /// How deeply groups may nest.
    static let maximumNesting = 100

    init(_ source: String) { scalars = Array(source.unicodeScalars) }

    /// The whole pattern; throws `PatternError` for anything unsupported or malformed.
    mutating func parse() throws(PatternError) -> PatternNode {
        let node = try alternatives()
        if position < scalars.count {
            // Only an unmatched ")" stops the top level early.
            throw fail("unmatched ')'; escape it as '\\)' to match a parenthesis")
        }
        return node
    }

    private func fail(_ message: String, at where_: Int? = nil) -> PatternError {
        PatternError(position: where_ ?? position, message: message)
    }

    private var next: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    private mutating func take(_ scalar: Unicode.Scalar) -> Bool {
        guard next == scalar else { return false }
        position += 1
        return true
    }

    private mutating func alternatives() throws(PatternError) -> PatternNode {
        var options = [try sequence()]
        while take("|") { options.append(try sequence()) }
        return options.count == 1 ? options[0] : .alternatives(options)
    }

    private mutating func sequence() throws(PatternError) -> PatternNode {
        var parts: [PatternNode] = []
        while let scalar = next, scalar != "|", scalar != ")" {
            let start = position
            var atom = try self.atom()
            if case .assertion = atom {
                if let quantifier = next, "*+?".unicodeScalars.contains(quantifier) { throw fail("nothing to repeat before '\(quantifier)': an anchor takes no text") }
                parts.append(atom)
                continue
            }
            var quantified = false
            while let quantifier = try quantifier(start: start) {
                guard !quantified else {
                    throw fail("a quantifier cannot follow another quantifier; put the first in a group: (…)\(quantifier.text)", at: position - quantifier.text.unicodeScalars.count)
                }
                atom = .repeated(atom, min: quantifier.min, max: quantifier.max)
                quantified = true
            }
            parts.append(atom)
        }
        return parts.isEmpty ? .empty : parts.count == 1 ? parts[0] : .sequence(parts)
    }

    /// A quantifier at the current position, with its bounds and text; nil when there is none.
    private mutating func quantifier(start: Int) throws(PatternError) -> (min: Int, max: Int?, text: String)? {
        let begin = position
        var bounds: (min: Int, max: Int?)
        switch next {
        case "*": position += 1; bounds = (0, nil)
        case "+": position += 1; bounds = (1, nil)
        case "?": position += 1; bounds = (0, 1)
        case "{":
            guard let counted = try countedQuantifier() else { return nil }
            bounds = counted
        default: return nil
        }
        _ = take("?")  // lazy: the same set of matches
        return (bounds.min, bounds.max, String(String.UnicodeScalarView(scalars[begin..<position])))
    }

    /// `{n}`, `{n,}` or `{n,m}` at the current position; nil (consuming nothing) when the brace starts no
    /// quantifier, and is then a literal brace.
    private mutating func countedQuantifier() throws(PatternError) -> (min: Int, max: Int?)? {
        let begin = position
        position += 1
        func number() -> Int? {
            var digits = ""
            while let scalar = next, ("0"..."9").contains(scalar) { digits.unicodeScalars.append(scalar); position += 1 }
            return digits.isEmpty ? nil : Int(digits.prefix(9))
        }
        guard let low = number() else { position = begin; return nil }
        var high: Int? = low
        if take(",") { high = number() }
        guard take("}") else { position = begin; return nil }
        if let high, high < low { throw fail("the quantifier {\(low),\(high)} counts down; write {\(high),\(low)}", at: begin) }
        if max(low, high ?? 0) > Pattern.maximumRepeat {
            throw fail("a count above \(Pattern.maximumRepeat) in {…} is not supported", at: begin)
        }
        return (low, high)
    }

    private mutating func atom() throws(PatternError) -> PatternNode {
        let scalar = scalars[position]
        position += 1
        switch scalar {
        case "^": return .assertion(.start)
        case "$": return .assertion(.end)
        case ".": return .anyButNewline
        case "(": return try group()
        case "[": return .scalar(try characterClass())
        case "\\": return try escape(inClass: false)
        case "*", "+", "?": throw fail("nothing to repeat before '\(scalar)'; escape it as '\\\(scalar)' to match it", at: position - 1)
        case "{" where (try? lookaheadIsQuantifier()) == true:
            throw fail("nothing to repeat before '{'; escape it as '\\{' to match it", at: position - 1)
        default: return .scalar(ScalarSet(scalar.value))
        }
    }

    /// Whether the text after a `{` just taken reads as a counted quantifier (without consuming it).
    private mutating func lookaheadIsQuantifier() throws(PatternError) -> Bool {
        let saved = position
        position -= 1
        defer { position = saved }
        return try countedQuantifier() != nil
    }

    private mutating func group() throws(PatternError) -> PatternNode {
        let open = position - 1
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumNesting else { throw fail("groups nested more than \(Self.maximumNesting) deep are not supported", at: open) }
        if take("?") {
            if take(":") {
                // A group that only groups.
            } else if take("<") {
                if next == "=" || next == "!" { throw fail("lookbehind (?<\(next!)…) is not supported: it needs backtracking", at: open) }
                while let scalar = next, scalar != ">" {
                    guard scalar == "_" || scalar == "$" || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) else {
                        throw fail("a group name may hold only letters, digits, _ and $")
                    }
                    position += 1
                }
                guard take(">") else { throw fail("the group name is not closed with '>'", at: open) }
            } else if next == "=" || next == "!" {
                throw fail("lookahead (?\(next!)…) is not supported: it needs backtracking", at: open)
            } else {
                throw fail("'(?' must be followed by ':' or '<name>'; inline flags and other extensions are not supported", at: open)
            }
        }
        let inner = try alternatives()
        guard take(")") else { throw fail("the group opened here is not closed with ')'", at: open) }
        return inner
    }

    private mutating func characterClass() throws(PatternError) -> ScalarSet {
        let open = position - 1
        let negated = take("^")
        var ranges: [ClosedRange<UInt32>] = []
        var first = true
        while true {
            guard let scalar = next else { throw fail("the class opened here is not closed with ']'", at: open) }
            if scalar == "]" && !first { position += 1; break }
            first = false
            let low = try classMember()
            guard case .single(let lowValue) = low, next == "-", position + 1 < scalars.count, scalars[position + 1] != "]" else {
                ranges += low.ranges
                continue
            }
            position += 1  // "-"
            let rangeStart = position
            guard case .single(let highValue) = try classMember() else {
                throw fail("a range in a class must end with one character, not a class such as \\d", at: rangeStart)
            }
            guard lowValue <= highValue else { throw fail("the range in this class goes backwards (its end comes before its start)", at: rangeStart - 2) }
            ranges.append(lowValue...highValue)
        }
        return ScalarSet(ranges: ranges, negated: negated)
    }

    /// One member of a class: a character, or a class escape such as `\d`.
    private enum ClassMember {
        case single(UInt32)
        case set(ScalarSet)

        /// The member's scalars as positive ranges (a negated escape such as `\D`, as its complement).
        var ranges: [ClosedRange<UInt32>] {
            switch self {
            case .single(let value): [value...value]
            case .set(let set): set.negated ? ScalarSet.complement(of: set.ranges) : set.ranges
            }
        }
    }

    private mutating func classMember() throws(PatternError) -> ClassMember {
        let scalar = scalars[position]
        position += 1
        guard scalar == "\\" else { return .single(scalar.value) }
        switch try escape(inClass: true) {
        case .scalar(let set) where !set.negated && set.ranges.count == 1 && set.ranges[0].count == 1: return .single(set.ranges[0].lowerBound)
        case .scalar(let set): return .set(set)
        default: throw fail("this escape cannot be used inside a class", at: position - 2)
        }
    }

    /// An escape after a backslash just taken.
    private mutating func escape(inClass: Bool) throws(PatternError) -> PatternNode {
        let backslash = position - 1
        guard let scalar = next else { throw fail("the pattern ends with a lone backslash; write '\\\\' to match one", at: backslash) }
        position += 1
        switch scalar {
        case "d": return .scalar(.digits)
        case "D": return .scalar(ScalarSet(ranges: ScalarSet.digits.ranges, negated: true))
        case "w": return .scalar(.word)
        case "W": return .scalar(ScalarSet(ranges: ScalarSet.word.ranges, negated: true))
        case "s": return .scalar(.space)
        case "S": return .scalar(ScalarSet(ranges: ScalarSet.space.ranges, negated: true))
        case "b": return inClass ? .scalar(ScalarSet(0x08)) : .assertion(.wordBoundary)
        case "B" where !inClass: return .assertion(.notWordBoundary)
        case "n": return .scalar(ScalarSet(0x0A))
        case "r": return .scalar(ScalarSet(0x0D))
        case "t": return .scalar(ScalarSet(0x09))
        case "f": return .scalar(ScalarSet(0x0C))
        case "v": return .scalar(ScalarSet(0x0B))
        case "0" where !(next.map { ("0"..."9").contains($0) } ?? false): return .scalar(ScalarSet(0))
        case "1"..."9", "k":
            throw fail("backreferences (\\\(scalar)…) are not supported: they need backtracking", at: backslash)
        case "p", "P":
            throw fail("Unicode property escapes (\\\(scalar){…}) are not supported; list the characters in a class instead", at: backslash)
        case "c":
            guard let letter = next, ("a"..."z").contains(letter) || ("A"..."Z").contains(letter) else { throw fail("\\c must be followed by a letter", at: backslash) }
            position += 1
            return .scalar(ScalarSet(letter.value % 32))
        case "x": return .scalar(ScalarSet(try hexDigits(2, from: backslash)))
        case "u":
            if take("{") {
                var value: UInt32 = 0, count = 0
                while let digit = next, let nibble = digit.hexValue { value = value &* 16 &+ nibble; count += 1; position += 1 }
                guard take("}"), count > 0, count <= 6, value <= 0x10FFFF else { throw fail("\\u{…} needs 1 to 6 hex digits naming a Unicode scalar", at: backslash) }
                return .scalar(ScalarSet(value))
            }
            return .scalar(ScalarSet(try hexDigits(4, from: backslash)))
        default:
            // Only syntax characters (and '-', '/') may be escaped to stand for themselves.
            guard "^$\\.*+?()[]{}|/-".unicodeScalars.contains(scalar) else {
                throw fail("'\\\(scalar)' is not an escape this pattern syntax knows; write '\(scalar)' alone, or '\\\\' for a backslash", at: backslash)
            }
            return .scalar(ScalarSet(scalar.value))
        }
    }

    private mutating func hexDigits(_ count: Int, from backslash: Int) throws(PatternError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<count {
            guard let nibble = next?.hexValue else { throw fail("expected \(count) hex digits after '\\\(scalars[backslash + 1])'", at: backslash) }
            value = value * 16 + nibble
            position += 1
        }
        return value
    }
}

extension ScalarSet {
    /// Every scalar value not in `ranges`, as ranges.
    static func complement(of ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
        var result: [ClosedRange<UInt32>] = []
        var start: UInt32 = 0
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if range.lowerBound > start { result.append(start...(range.lowerBound - 1)) }
            start = max(start, range.upperBound &+ 1)
            if range.upperBound == UInt32.max { return result }
        }
        if start <= 0x10FFFF { result.append(start...0x10FFFF) }
        return result
    }
}

extension Unicode.Scalar {
    /// The value of a hex digit, or nil.
    fileprivate var hexValue: UInt32? {
        switch self {
        case "0"..."9": value - 0x30
        case "a"..."f": value - 0x61 + 10
        case "A"..."F": value - 0x41 + 10
        default: nil
        }
    }
}
