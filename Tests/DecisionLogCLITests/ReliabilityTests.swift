import DecisionLog
import Foundation
import Testing
import DecisionLogTestSupport

/// The reliability harnesses under Tools/reliability, run small against the built executable: real
/// processes, real kills, real concurrent writers. The long runs are the same scripts with larger numbers.
@Suite(.serialized, .tags(.slow), .skippable(.slow))
struct ReliabilityTests {
    private static func script(_ name: String) -> String {
        Paths.join(Paths.parent(of: Paths.parent(of: Paths.parent(of: #filePath))), "Tools/reliability/\(name)")
    }

    /// Writers killed with SIGKILL at random moments: every acknowledged append survives; what a kill leaves
    /// is skipped by readers and removed by `repair`; a killed import leaves all of its events or none.
    @Test func killedWritersLoseNothingAcknowledged() throws {
        let workspace = Workspace()
        let result = try Harness.launch(shell: #"bash "\#(Self.script("kill-writers.sh"))" 24 "$DECISIONLOG""#, in: workspace.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("0 partial"))
        #expect(result.stdout.hasSuffix("OK\n"))
    }

    /// Eight processes appending 250 events each while two others read: 2,000 events, seq gapless, chain
    /// valid, every read on a valid prefix.
    @Test func eightWritersAndTwoReaders() throws {
        let workspace = Workspace()
        let result = try Harness.launch(shell: #"bash "\#(Self.script("concurrent-writers.sh"))" 8 250 "$DECISIONLOG""#, in: workspace.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("8 writers × 250 appends: 2000 events, seq 1–2000 gapless, chain valid"))
    }
}
