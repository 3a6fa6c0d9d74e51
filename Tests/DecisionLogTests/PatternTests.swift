@testable import DecisionLog
import Testing
import DecisionLogTestSupport

/// The pattern matcher schemas and `--grep` use: ECMA-262 syntax without the constructs that backtrack, in time
/// linear in the text whatever the pattern — and the same answers as a backtracking engine on everything it
/// accepts.
struct PatternTests {
    @Test(arguments: [
        ("^[0-9]{4}(-([QqHh][1-4]|0[1-9]|1[0-2]))?$", "2025-Q3", true),
        ("^[0-9]{4}(-([QqHh][1-4]|0[1-9]|1[0-2]))?$", "2025-13", false),
        ("^decision/[A-Za-z0-9._:/-]*[A-Za-z0-9._:-]$", "decision/atlas-pricing", true),
        ("^decision/[A-Za-z0-9._:/-]*[A-Za-z0-9._:-]$", "decision/atlas/", false),
        ("^[^\\n\\t]+$", "one line", true),
        ("^[^\\n\\t]+$", "two\nlines", false),
        ("security|pen-?test", "an external pentest", true),
        ("colou?r", "COLOR", false),
        ("\\bSSO\\b", "make SSO a must", true),
        ("\\bSSO\\b", "SSOs", false),
        ("\\Bso", "also", true),
        ("^a.c$", "a\u{e9}c", true),
        ("^a.c$", "a\nc", false),
        ("^\\d+(\\.\\d+)?%$", "4.5%", true),
        ("^\\s*\\S+\\s*$", "  word\u{a0}", true),
        ("^\\w+$", "caf\u{e9}", false),
        ("\\u00e9|\\u{1F600}", "\u{1F600}", true),
        ("^\\x41\\cJ$", "A\n", true),
        ("^[a-]+$", "a-a", true),
        ("^[\\d\\s]+$", "1 2", true),
        ("^(?:ab){2,3}$", "ababab", true),
        ("^(?:ab){2,3}$", "abababab", false),
        ("^(?<year>\\d{4})-\\d{2}$", "2025-09", true),
        ("a{2,}", "baab", true),
        ("x*", "", true),
        ("^$", "", true),
        ("[^abc]", "abc", false),
        ("a{,3}", "a{,3}", true),
        ("]", "]", true),
    ])
    func matchesAsECMAScriptDoes(pattern: String, text: String, expected: Bool) throws {
        #expect(try Pattern(pattern).matches(in: text) == expected)
    }

    @Test func grepIgnoresCaseForLettersBeyondASCII() throws {
        let pattern = try Pattern("stra\u{df}e|\u{e9}t\u{e9}|[a-c]x", ignoringCase: true)
        #expect(pattern.matches(in: "\u{c9}T\u{c9}"))
        #expect(pattern.matches(in: "BX"))
        #expect(!pattern.matches(in: "dx"))
        let literal = try Pattern("Security", ignoringCase: true)
        #expect(literal.matches(in: "SECURITY review") && literal.matches(in: "s\u{e9}curity and security") && !literal.matches(in: "secur ity"))
        #expect(try !Pattern("[^a]", ignoringCase: true).matches(in: "A"))
    }

    @Test(arguments: [
        ("(a)\\1", "backreferences"),
        ("\\k<name>", "backreferences"),
        ("(?=a)", "lookahead"),
        ("(?!a)", "lookahead"),
        ("(?<=a)b", "lookbehind"),
        ("(?<!a)b", "lookbehind"),
        ("(?i)abc", "inline flags"),
        ("\\p{L}", "Unicode property escapes"),
        ("a**", "a quantifier cannot follow another"),
        ("*a", "nothing to repeat"),
        ("(unclosed", "not closed with ')'"),
        ("[unclosed", "not closed with ']'"),
        ("a)", "unmatched ')'"),
        ("[z-a]", "goes backwards"),
        ("a{1001}", "a count above 1000"),
        ("(a{1000}){1000}", "the pattern is too large"),
        ("(?:(?:(?:(?:){1000}){1000}){1000}){1000}", "the pattern is too large"),
        ("\\e", "is not an escape"),
        ("a\\", "lone backslash"),
    ])
    func refusesWhatItCannotMatchInLinearTime(pattern: String, message: String) {
        #expect {
            try Pattern(pattern)
        } throws: { error in
            (error as? PatternError)?.message.contains(message) == true
        }
    }

    /// Patterns that take a backtracking engine exponential time on a text that almost matches; each answers
    /// here after at most (length + 1) × (program size) steps.
    @Test(.timeLimit(.minutes(1)), arguments: ["^(a+)+$", "^(\\w+\\s?)*$", "(a|aa)+$", "(x+x+)+y", "^(([a-z])+.)+[A-Z]([a-z])+$"])
    func catastrophicPatternsAnswerOnLongTexts(pattern: String) throws {
        let compiled = try Pattern(pattern)
        let text = String(repeating: "a", count: 50_000) + "!"
        #expect(!compiled.matches(in: text))
        #expect(try Pattern(pattern, ignoringCase: true).matches(in: String(repeating: "word ", count: 10_000)) == (pattern == "^(\\w+\\s?)*$"))
    }

    /// On random patterns of the syntax both share, over a small alphabet, the answers are the standard
    /// library's (a backtracking engine, fine on such short texts).
    @Test func agreesWithABacktrackingEngine() throws {
        var random = SeededGenerator(seed: 17)
        let atoms = ["a", "b", ".", "[ab]", "[^a]", "\\d", "\\w", "(a|b)", "(ab|a)", "(?:ba)", "x"]
        let quantifiers = ["", "", "*", "+", "?", "{2}", "{1,2}", "{0,}"]
        var checked = 0
        for _ in 0..<600 {
            var pattern = Bool.random(using: &random) ? "^" : ""
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                pattern += atoms.randomElement(using: &random)! + quantifiers.randomElement(using: &random)!
                if Int.random(in: 0..<6, using: &random) == 0 { pattern += "|" }
            }
            if Bool.random(using: &random) { pattern += "$" }
            if pattern.hasSuffix("|") { pattern += "b" }
            let ours = try Pattern(pattern)
            let theirs = try Regex(pattern).matchingSemantics(.unicodeScalar)
            for _ in 0..<8 {
                let text = String((0..<Int.random(in: 0...7, using: &random)).map { _ in "ab1 x".randomElement(using: &random)! })
                #expect(ours.matches(in: text) == (try theirs.firstMatch(in: text) != nil), "\(pattern) on \"\(text)\"")
                checked += 1
            }
        }
        #expect(checked == 4_800)
    }
}
