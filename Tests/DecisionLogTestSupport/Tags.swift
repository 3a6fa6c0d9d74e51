// The tags need Swift Testing, which a build with the Swift runtime linked in (`--static-swift-stdlib`, the
// benchmarks' release build of the log generator) does not have; the generator uses none of this.
#if canImport(Testing)
public import Testing
internal import DecisionLog

/// The kinds of tests, so a quick run can leave some out: `DECISIONLOG_SKIP_TESTS=slow,git,browser,ssh swift test`
/// (see the README) reports the suites of those kinds as skipped.
extension Tag {
    /// Takes seconds or more: kill loops, fault injection, many processes at once.
    @Tag public static var slow: Self
    /// Runs real git (clones, merges, pushes).
    @Tag public static var git: Self
    /// Draws pages in a real headless Chromium.
    @Tag public static var browser: Self
    /// Signs and verifies with OpenSSH's ssh-keygen.
    @Tag public static var ssh: Self
    /// Keeps logs in a real PostgreSQL server.
    @Tag public static var postgres: Self
}

/// The kinds of test a quick run may skip; each is also a tag.
public enum TestKind: String, Sendable {
    case slow, git, browser, ssh, postgres
}

extension Trait where Self == ConditionTrait {
    /// Runs the suite unless `$DECISIONLOG_SKIP_TESTS` (kinds separated by commas) names `kind`; a suite left
    /// out is reported as skipped, never as passed.
    public static func skippable(_ kind: TestKind) -> Self {
        let skipping = (ProcessFacts.environment()["DECISIONLOG_SKIP_TESTS"] ?? "").split(separator: ",")
        return .disabled(if: skipping.contains(Substring(kind.rawValue)), Comment(rawValue: "$DECISIONLOG_SKIP_TESTS skips the \(kind.rawValue) tests"))
    }
}
#endif
