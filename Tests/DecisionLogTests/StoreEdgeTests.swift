@testable import DecisionLog
import Foundation
import Testing

/// The store's defences against input and files that would otherwise leave a log it cannot read.
struct StoreEdgeTests {
    @Test func anEventTooLargeForALineIsRefused() throws {
        let folder = TemporaryFolder()
        let store = try Fixtures.log(in: folder, events: 3)
        let before = Fixtures.eventBytes(folder)
        let objectives = (0..<120).map { String(repeating: "x", count: 9_000) + "\($0)" }
        let draft = Fixtures.draft(.agreementRecorded(AgreementRecorded(parties: ["A", "B"], objectives: objectives)), subject: "agreement/huge")
        #expect {
            try store.append(AppendRequest(drafts: [draft], recordedBy: "t"))
        } throws: { error in
            (error as? LogError)?.code == .rejectedDraft && (error as? LogError)?.message.contains("a line holds at most 1048576") == true
        }
        #expect(Fixtures.eventBytes(folder) == before)
    }

    @Test func theTailCacheMustBeConfirmedByTheLastLine() throws {
        let folder = TemporaryFolder()
        try Fixtures.log(in: folder, events: 5)
        let cache = try #require(TailCache.load(folder.logFolder))
        let events = try FileDescriptor.open(folder.logFolder.eventsFile, .readWriteCreate)
        defer { events.close() }
        #expect(cache.matches(try events.status()))
        #expect(cache.isConfirmed(by: events))
        // The same size and the same head in the cache, but a changed last line: not confirmed.
        var bytes = Fixtures.eventBytes(folder)
        bytes[bytes.count - 20] = bytes[bytes.count - 20] == UInt8(ascii: "a") ? UInt8(ascii: "b") : UInt8(ascii: "a")
        try events.truncate(to: 0)
        _ = try bytes.withUnsafeBytes { raw in Result { () throws(SystemError) in try events.writeAll(raw) } }.get()
        #expect(!cache.isConfirmed(by: events))
    }

    @Test func repairCompletesAValidLastEventThatLostItsNewline() throws {
        let folder = TemporaryFolder()
        let store = try Fixtures.log(in: folder, events: 4)
        let complete = Fixtures.eventBytes(folder)
        Fixtures.writeEvents(Array(complete.dropLast()), in: folder)
        let report = try store.repair()
        #expect(report.completedLastLine)
        #expect(report.removedBytes == 0)
        #expect(report.head.seq == 4)
        #expect(Fixtures.eventBytes(folder) == complete)
    }

    @Test func instantsStayWithinTheYearsTheLogCanWrite() {
        #expect(Timestamp.earliest.iso8601 == "0001-01-01T00:00:00.000Z")
        #expect(Timestamp.latest.iso8601 == "9999-12-31T23:59:59.999Z")
        #expect(throws: TimeFormatError.self) { try TimeInput(parsing: "9999-12-31T23:59-01:00", in: .utc) }
        #expect(throws: TimeFormatError.self) { try TimeInput(parsing: "0001-01-01T00:30+01:00", in: .utc) }
        #expect(throws: Never.self) { try TimeInput(parsing: "9999-12-31T23:59Z", in: .utc) }
    }
}
