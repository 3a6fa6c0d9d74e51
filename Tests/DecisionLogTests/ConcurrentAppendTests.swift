import DecisionLog
import Foundation
import Testing
import DecisionLogTestSupport

/// Writers in separate stores (separate file descriptions, so `flock` is what keeps them apart) never
/// collide: seq stays gapless and the chain valid.
@Suite(.tags(.slow), .skippable(.slow))
struct ConcurrentAppendTests {
    @Test func fourWritersInterleaveWithoutGaps() async throws {
        let folder = TemporaryFolder()
        try Fixtures.log(in: folder, events: 0)
        let path = folder.logFolder
        let perWriter = 100
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<4 {
                group.addTask {
                    let store = try FileEventStore(opening: path)
                    for n in 0..<perWriter {
                        _ = try store.append(AppendRequest(drafts: [Fixtures.variedDraft(writer * perWriter + n)], recordedBy: "w\(writer)"))
                    }
                }
            }
            try await group.waitForAll()
        }
        guard case .success(let head) = Fixtures.verify(folder) else { Issue.record("log does not verify"); return }
        #expect(head.seq == 4 * perWriter)
        let writers = Fixtures.eventBytes(folder).split(separator: 0x0A).map { try! Event(line: $0).recordedBy }
        #expect(Set(writers) == ["w0", "w1", "w2", "w3"])
    }
}
