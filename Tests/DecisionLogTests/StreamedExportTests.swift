@testable import DecisionLog
import Testing

/// The streamed exports write exactly what the exports of the same events in memory write: CSV (two passes,
/// rows rendered on every core, a megabyte at a time) with the same columns in the same order and the same
/// rows; JSON Lines the stored lines byte for byte.
struct StreamedExportTests {
    @Test func aStreamedExportIsTheInMemoryExportByteForByte() throws {
        let folder = TemporaryFolder()
        var random = RandomLog(seed: 31)
        let store = try CheckpointTests.newLog(in: folder, batches: 12, random: &random)
        var events: [Event] = []
        _ = try store.forEachEvent { event, _ in events.append(event); return true }
        let rendering = EventRendering(timeZone: .utc)

        var filters: [EventFilter] = [EventFilter()]
        var launches = EventFilter()
        launches.types = ["launch"]
        filters.append(launches)
        var teamAndLee = EventFilter()
        teamAndLee.actors = ["lee park"]
        teamAndLee.types = ["deal.won", "goal.set"]
        filters.append(teamAndLee)
        var subjects = EventFilter()
        subjects.subjectPrefixes = ["launch/l1", "goal/g2"]
        filters.append(subjects)
        var nonASCII = EventFilter()
        nonASCII.subjectPrefixes = ["launch/l\u{212A}", "launch/l3"]
        filters.append(nonASCII)
        for filter in filters {
            var chunks = 0
            var streamed = ""
            let written = try EventRendering.writeCSV(store, matching: filter) { chunk in
                streamed += chunk
                chunks += 1
            }
            let matching = events.filter(filter.matches)
            #expect(written.count == matching.count && !matching.isEmpty)
            #expect(streamed == rendering.csv(matching))
            #expect(chunks >= 1)
        }
        // Every event of the log, when the filter takes all.
        let all = try EventRendering.writeCSV(store, matching: EventFilter()) { _ in }
        #expect(all.count == 3_001)
    }

    @Test func aLongExportIsWrittenAMegabyteAtATime() throws {
        let folder = TemporaryFolder()
        var random = RandomLog(seed: 32)
        let store = try CheckpointTests.newLog(in: folder, batches: 24, random: &random)
        var sizes: [Int] = []
        _ = try EventRendering.writeCSV(store, matching: EventFilter()) { sizes.append($0.utf8.count) }
        #expect(sizes.count >= 2, "\(sizes)")
        #expect(sizes.dropLast().allSatisfy { $0 >= 1 << 20 && $0 < (1 << 20) + 4096 })
    }

    @Test func aStreamedJSONLinesExportIsTheStoredLines() throws {
        let folder = TemporaryFolder()
        var random = RandomLog(seed: 33)
        let store = try CheckpointTests.newLog(in: folder, batches: 8, random: &random)
        var everything: [UInt8] = []
        let all = try EventRendering.writeJSONLines(store, matching: EventFilter()) { everything += $0 }
        let stored = try FileSystem.readFile(store.folder.eventsFile)
        #expect(all.count == 2_001 && everything == stored)

        var launches = EventFilter()
        launches.types = ["launch.slipped"]
        var expected: [UInt8] = []
        _ = try store.forEachEvent { event, line in
            if launches.matches(event) { expected += Array(line) + [0x0A] }
            return true
        }
        var streamed: [UInt8] = []
        let some = try EventRendering.writeJSONLines(store, matching: launches) { streamed += $0 }
        #expect(some.count > 0 && streamed == expected)
    }
}
