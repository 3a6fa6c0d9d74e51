/// A regular expression that matches in time linear in its input, whatever the pattern: schemas' `pattern`
/// keyword and `log --grep` use it, so neither a pattern a teammate registers nor one a person types can make
/// the tool run for minutes (a backtracking engine takes exponential time on `^(a+)+$`).
///
/// The syntax is ECMA-262's (what JSON Schema's `pattern` means), without the constructs that need
/// backtracking — backreferences and lookaround — which are refused when the pattern is compiled, as are
/// patterns that would compile to more than `maximumProgramSize` steps (large counted repetitions). Matching
/// runs every possible path at once, one step per Unicode scalar of the text (a Thompson/Pike simulation),
/// so its cost is at most the text's length times the program's size.
///
/// Supported: literals and escapes (`\n`, `\t`, `\xHH`, `\uHHHH`, `\u{H…}`, `\.` …), `.`, classes
/// (`[a-z0-9_]`, `[^…]`, `\d \D \w \W \s \S`), anchors `^` `$` and word boundaries `\b` `\B`, groups
/// `( )`, `(?: )`, `(?<name> )`, alternation `|`, and the quantifiers `* + ? {n} {n,} {n,m}` (greedy or
/// lazy: only whether there is a match counts).
public struct Pattern: Sendable, CustomStringConvertible {
    /// The pattern as given.
    public let source: String
    /// Whether letters match either case.
    public let ignoresCase: Bool
    let program: PatternProgram

    /// The most steps a compiled pattern may have.
    public static let maximumProgramSize = 5_000
    /// The largest count a `{n,m}` quantifier may give.
    public static let maximumRepeat = 1_000

    /// Compiles `source`; throws `PatternError` saying what is not supported or not valid, and where.
    public init(_ source: String, ignoringCase: Bool = false) throws(PatternError) {
        self.source = source
        ignoresCase = ignoringCase
        var parser = PatternParser(source)
        let tree = try parser.parse()
        program = try PatternProgram(compiling: tree, ignoringCase: ignoringCase)
    }

    /// How many steps the compiled pattern has: what one character of a text costs it at most.
    public var size: Int { program.steps.count }

    /// Whether `text` contains a match (anchors say where one must start or end).
    public func matches(in text: String) -> Bool { program.matches(text) }

    public var description: String { source }
}
