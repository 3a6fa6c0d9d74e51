@testable import DecisionLog
import Testing

/// An import streams its file a part at a time: the parts join into the same drafts, ids and events as one
/// reading of the whole file; a problem anywhere — found on the first reading, or only once every part is
/// sealed — leaves the log byte for byte as it was; and a writer killed between parts leaves a record that
/// covers every byte it wrote, which readers stop before and `repair` removes.
struct StreamedImportTests {
    /// A file of `count` drafts: metrics and launches the rest refer to, then goals, slips and actuals in turn
    /// (rows that repeat the one before among them, so content ids count occurrences across parts).
    static func drafts(_ count: Int) -> String {
        var lines = [#"{"type":"metric.defined","subject":"metric/m0","effectiveAt":"2025-06-01","payload":{"name":"Metric 0","unit":"count","direction":"higher"}}"#,
                     #"{"type":"launch.scheduled","subject":"launch/l0","effectiveAt":"2025-07-01","payload":{"name":"Launch 0","date":"2025-09-01"}}"#]
        for n in 0..<max(count - 2, 0) {
            switch n % 4 {
            case 0: lines.append(#"{"type":"goal.set","subject":"goal/g\#(n % 7)","effectiveAt":"2025-07-01","payload":{"title":"Goal \#(n)","timeframe":"2025-Q3","target":\#(n),"unit":"count"}}"#)
            case 1: lines.append(#"{"type":"launch.slipped","subject":"launch/l0","effectiveAt":"2025-08-\#(10 + n % 9)","reason":"Slip","payload":{"date":"2025-10-\#(10 + n % 9)","cause":"review"}}"#)
            case 2: lines.append(#"{"type":"metric.recorded","subject":"metric/m0","payload":{"value":\#(n % 5),"date":"2025-09-30","source":"dashboard"}}"#)
            default: lines.append(lines[lines.count - 1])
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func request(_ store: FileEventStore, _ text: String, format: DraftStream.Format? = nil, partBytes: Int = 4 << 20, partDrafts: Int = 16_384,
                        in folder: TemporaryFolder) throws -> ImportRequest {
        let path = folder.path + "/drafts-\(partBytes)-\(partDrafts)"
        try FileSystem.replaceFile(path, with: Array(text.utf8), durable: false)
        var request = ImportRequest(drafts: DraftStream(.file(path), format: format, partBytes: partBytes),
                                    context: DraftContext(now: Fixtures.instant("2025-10-01"), timeZone: .utc), schemas: try store.schemaRegistry(),
                                    defaultActor: Fixtures.dana, recordedBy: "test")
        request.partDrafts = partDrafts
        return request
    }

    static func events(_ store: FileEventStore) throws -> [Event] {
        var events: [Event] = []
        _ = try store.forEachEvent { event, _ in events.append(event); return true }
        return events
    }

    /// The file is read twice, and the second reading trusts the first's schema checks: only of the same
    /// bytes. A file changed between the readings (here so that a draft breaks its schema) records nothing.
    @Test func aFileChangedBetweenItsReadingsRecordsNothing() throws {
        let folder = TemporaryFolder()
        let store = try Fixtures.log(in: folder, events: 3)
        let before = Fixtures.eventBytes(folder)
        var request = try Self.request(store, Self.drafts(50), in: folder)
        let path = folder.path + "/drafts-\(4 << 20)-16384"
        let changed = Array(Self.drafts(50).replacing(#""cause":"review""#, with: #""cause":"review","extra":1"#).utf8)
        request.progress = { step in
            if case .recording = step { try? FileSystem.replaceFile(path, with: changed, durable: false) }
        }
        #expect(throws: DraftStreamError.self) { try store.importDrafts(request) }
        #expect(Fixtures.eventBytes(folder) == before)
    }

    @Test func partsOfAnySizeRecordWhatOneReadingOfTheWholeFileRecords() throws {
        let text = Self.drafts(600)
        var recorded: [[String]] = []
        for (partBytes, partDrafts) in [(4 << 20, 16_384), (300, 7), (64, 1), (5_000, 100)] {
            let folder = TemporaryFolder()
            let store = try Fixtures.log(in: folder, events: 3)
            let receipt = try store.importDrafts(try Self.request(store, text, partBytes: partBytes, partDrafts: partDrafts, in: folder))
            #expect(receipt.drafts == 600 && receipt.recorded == 600 && receipt.first?.seq == 4 && receipt.last?.seq == 603)
            #expect(try store.verify(progress: nil).seq == 603)
            recorded.append(try Self.events(store).dropFirst(3).map { "\($0.seq) \($0.type) \($0.subject) \($0.effectiveAt) \($0.payload.json.canonicalString)" })
        }
        #expect(Set(recorded.map { $0.joined(separator: "\n") }).count == 1)
        // The ids are those the whole file is given at once.
        let folder = TemporaryFolder()
        let store = try Fixtures.log(in: folder, events: 3)
        let whole = DraftBatch(Array(text.utf8), context: DraftContext(now: Fixtures.instant("2025-10-01"), timeZone: .utc), schemas: try store.schemaRegistry(),
                               defaultActor: Fixtures.dana)
        let ids = ContentID.assign(whole.drafts, logID: store.configuration.logID).map { $0.id!.description }
        _ = try store.importDrafts(try Self.request(store, text, partBytes: 200, partDrafts: 3, in: folder))
        #expect(try Self.events(store).dropFirst(3).map(\.id.description) == ids)
        // Again: every draft is already there, in whatever parts.
        let again = try store.importDrafts(try Self.request(store, text, partBytes: 128, partDrafts: 5, in: folder))
        let undated = text.split(separator: "\n").filter { !$0.contains("effectiveAt") }.count
        #expect(undated > 100 && again.recorded == 0 && again.alreadyPresent == 600 && again.undatedMatches.count == undated)
    }

    @Test(arguments: ["{\"type\":\"goal.closed\",\"subject\":\"goal/nowhere\",\"payload\":{\"outcome\":\"achieved\"}}",
                      "{\"type\":\"launch.slipped\",\"subject\":\"launch/l0\",\"effectiveAt\":\"2025-06-01\",\"payload\":{\"date\":\"2025-10-01\",\"cause\":\"early\"}}",
                      "{\"type\":\"goal.set\",\"subject\":\"goal/x\",\"links\":[\"01890000-0000-7000-8000-000000000000\"],\"payload\":{\"title\":\"X\",\"timeframe\":\"2025-Q3\"}}"])
    func aProblemOnlyTheLastPartShowsTakesBackEveryPartWritten(last: String) throws {
        let folder = TemporaryFolder()
        let store = try Fixtures.log(in: folder, events: 4)
        let before = Fixtures.eventBytes(folder)
        #expect {
            try store.importDrafts(try Self.request(store, Self.drafts(300) + last + "\n", partBytes: 1_000, partDrafts: 16, in: folder))
        } throws: { error in
            guard let refusal = error as? ImportRefusal else { return false }
            return refusal.drafts == 301 && refusal.refused == 1 && refusal.lines.map(\.number) == [301] && !refusal.isConflict
        }
        #expect(Fixtures.eventBytes(folder) == before)
        #expect(try FileSystem.readFile(folder.logFolder.lockFile).isEmpty)
        #expect(try store.verify(progress: nil).seq == 4)
        #expect(try store.append(AppendRequest(drafts: [Fixtures.variedDraft(9)], recordedBy: "test")).head.seq == 5)
    }

    /// An id given twice refuses the second, however far apart the two lines are; so does an id a line gives
    /// that another line is given from what it says (a file made to collide).
    @Test func anIdTwoLinesShareRefusesTheSecond() throws {
        let folder = TemporaryFolder()
        let store = try Fixtures.log(in: folder, events: 2)
        let before = Fixtures.eventBytes(folder)
        let id = "01890000-0000-7000-8000-0000000000aa"
        let given = #"{"id":"\#(id)","type":"goal.set","subject":"goal/twice","payload":{"title":"T","timeframe":"2025-Q3"}}"#
        #expect {
            try store.importDrafts(try Self.request(store, given + "\n" + Self.drafts(100) + given + "\n", partBytes: 500, partDrafts: 8, in: folder))
        } throws: { error in
            guard let refusal = error as? ImportRefusal else { return false }
            return refusal.lines.map(\.number) == [102] && refusal.lines[0].issues[0].message == "\(id) is also the id of line 1; each event needs its own id"
        }
        // The id the first line would be given, given by the second as its own.
        let plain = #"{"type":"goal.set","subject":"goal/plain","payload":{"title":"P","timeframe":"2025-Q3"}}"#
        let context = DraftContext(now: Fixtures.instant("2025-10-01"), timeZone: .utc)
        let made = try #require(ContentID.assign(DraftBatch(Array(plain.utf8), context: context, schemas: SchemaRegistry(), defaultActor: Fixtures.dana).drafts,
                                                 logID: store.configuration.logID).first?.id)
        let copy = #"{"id":"\#(made)","type":"goal.set","subject":"goal/copy","payload":{"title":"C","timeframe":"2025-Q3"}}"#
        #expect {
            try store.importDrafts(try Self.request(store, plain + "\n" + copy + "\n", in: folder))
        } throws: { error in
            (error as? ImportRefusal)?.lines.map(\.number) == [2]
        }
        #expect(Fixtures.eventBytes(folder) == before)
    }

    /// The key signs as the last part is written; one that cannot sign takes back the parts before it.
    @Test func aKeyThatCannotSignTakesBackEveryPartWritten() throws {
        let folder = TemporaryFolder()
        let store = try Fixtures.log(in: folder, events: 3)
        let before = Fixtures.eventBytes(folder)
        var request = try Self.request(store, Self.drafts(200), partBytes: 1_000, partDrafts: 16, in: folder)
        request.signer = SSHSigner(keyPath: folder.path + "/no-such-key")
        #expect { try store.importDrafts(request) } throws: { ($0 as? LogError)?.code == .signing }
        #expect(Fixtures.eventBytes(folder) == before)
        #expect(try FileSystem.readFile(folder.logFolder.lockFile).isEmpty)
        #expect(try store.verify(progress: nil).seq == 3)
    }

    @Test func everyBadLineIsCountedAndTheFirstThousandListed() throws {
        let folder = TemporaryFolder()
        let store = try Fixtures.log(in: folder, events: 2)
        let before = Fixtures.eventBytes(folder)
        let text = (0..<1_500).map { n in n % 2 == 0 ? #"{"type":"goal.set","subject":"goal/g\#(n)","payload":{"title":"G","timeframe":"2025-Q3"}}"# : #"{"type":"goal.set"}"# }
            .joined(separator: "\n")
        #expect {
            try store.importDrafts(try Self.request(store, text, partBytes: 2_000, in: folder))
        } throws: { error in
            guard let refusal = error as? ImportRefusal else { return false }
            return refusal.drafts == 1_500 && refusal.refused == 750 && refusal.lines.count == 750 && refusal.lines.first?.number == 2
        }
        // Lines refused by the log (found on the second reading) before lines invalid on their own (the first).
        let late = (0..<2_400).map { n in n < 2_000 ? #"{"type":"goal.closed","subject":"goal/none\#(n)","payload":{"outcome":"achieved"}}"# : #"{"type":"goal.set"}"# }
            .joined(separator: "\n")
        #expect {
            try store.importDrafts(try Self.request(store, late, partBytes: 2_000, in: folder))
        } throws: { error in
            guard let refusal = error as? ImportRefusal else { return false }
            return refusal.refused == 2_400 && refusal.lines.map(\.number) == Array(1...ImportRefusal.listed)
        }
        let many = (0..<2_400).map { _ in #"{"type":"goal.set"}"# }.joined(separator: "\n")
        #expect {
            try store.importDrafts(try Self.request(store, many, partBytes: 2_000, in: folder))
        } throws: { error in
            guard let refusal = error as? ImportRefusal else { return false }
            return refusal.refused == 2_400 && refusal.lines.map(\.number) == Array(1...ImportRefusal.listed)
        }
        #expect(Fixtures.eventBytes(folder) == before)
    }

    /// What a writer killed between two parts leaves: a partial record covering the parts it wrote. Even with
    /// those parts whole, the import was never acknowledged.
    @Test func aPartialRecordIsNeverCommittedAndRepairRemovesWhatItCovers() throws {
        let folder = TemporaryFolder()
        let store = try Fixtures.log(in: folder, events: 5)
        let before = Fixtures.eventBytes(folder)
        let head = try store.head()
        var sealer = Sealer(head: head, recordedBy: "test")
        let part = sealer.seal((5..<9).map(Fixtures.variedDraft), now: Fixtures.instant("2025-10-01"))
        Fixtures.writeEvents(before + part.bytes, in: folder)
        let pending = PendingAppend(inode: try Fixtures.eventsStatus(folder).inode, start: Int64(before.count), end: Int64(before.count + part.bytes.count),
                                    before: head.link, first: part.events[0].hash, last: sealer.head.link, partial: true)
        let lock = try FileDescriptor.open(folder.logFolder.lockFile, .readWriteCreate)
        defer { lock.close() }
        try pending.save(to: lock)
        #expect(PendingAppend.read(from: lock) == .record(pending))

        var seen: [Int] = []
        #expect(try store.forEachEvent { event, _ in seen.append(event.seq); return true }.skippedInterruptedWrite)
        #expect(seen == Array(1...5))
        #expect { try store.verify(progress: nil) } throws: { ($0 as? LogError)?.problem?.kind == .interruptedAppend }
        let report = try store.repair()
        #expect(report.removedBytes == part.bytes.count && report.removedInterruptedAppend)
        #expect(Fixtures.eventBytes(folder) == before)

        // The same record once the file goes on past it does not describe the file: it hides nothing.
        let more = sealer.seal([Fixtures.variedDraft(20)], now: Fixtures.instant("2025-10-01"))
        Fixtures.writeEvents(before + part.bytes + more.bytes, in: folder)
        var moved = pending
        moved.inode = try Fixtures.eventsStatus(folder).inode
        if case .mismatch = moved.assess(try FileDescriptor.open(folder.logFolder.eventsFile, .read), status: try Fixtures.eventsStatus(folder), acknowledged: nil) {} else {
            Issue.record("a partial record that ends before the file was believed")
        }
    }

    @Test func aCSVFileReadInPartsGivesTheRowsOfTheWholeTable() throws {
        let text = "\u{FEFF}type;subject;effective;title;timeframe;target\r\n" + (0..<40).map { n in
            n % 5 == 0 ? "goal.set;goal/g\(n);2025-07-01;\"Two\r\nlines; and \"\"quotes\"\" \(n)\";2025-Q3;1,5\r\n" : "goal.set;goal/g\(n);2025-07-01;Goal \(n);2025-Q3;\(n)\r\n"
        }.joined() + "\r\n;;;;;\r\ngoal.set;goal/last;2025-07-01;Last;2025-Q3;7"
        let bytes = Array(text.utf8)
        let folder = TemporaryFolder()
        let whole = try CSVDrafts(CSVTable(parsing: bytes), schemas: SchemaRegistry()).rows.map { "\($0.line) \(String(describing: try? $0.draft.get()))" }
        for partBytes in [64, 100, 333, 1 << 20] {
            for input in [DraftStream.Input.bytes(bytes), .file(try Self.written(bytes, in: folder))] where partBytes < 1 << 20 || input.isBytes {
                var rows: [String] = []
                try DraftStream(input, partBytes: partBytes).forEachChunk(schemas: SchemaRegistry()) { chunk, _, _ in
                    rows += (0..<chunk.count).map { let row = chunk.draft($0, SchemaRegistry()); return "\(row.number) \(String(describing: try? row.draft.get()))" }
                }
                #expect(rows == whole, "parts of \(partBytes) bytes")
            }
        }
        // A stray quote in a later part is the same error, on the same line, as in the whole table.
        let stray = Array(("type,subject,title,timeframe\n" + (0..<30).map { "goal.set,goal/g\($0),Goal \($0),2025-Q3\n" }.joined() + "goal.set,goal/tv,5\" screen,2025-Q3\ngoal.set,goal/z,Z,2025-Q3\n").utf8)
        #expect(throws: CSVSyntaxError.self) { try CSVTable(parsing: stray) }
        #expect { try DraftStream(.bytes(stray), partBytes: 64).forEachChunk(schemas: SchemaRegistry()) { _, _, _ in } } throws: { error in
            guard case .notCSV(let syntax)? = error as? DraftStreamError else { return false }
            return syntax.line == 32 && syntax.message.contains("a quote inside an unquoted field")
        }
        #expect { try DraftStream(.file(try Self.written(stray, in: folder)), partBytes: 64).forEachChunk(schemas: SchemaRegistry()) { _, _, _ in } } throws: { error in
            guard case .notCSV(let syntax)? = error as? DraftStreamError else { return false }
            return syntax.line == 32
        }
    }

    @Test func jsonLinesReadInPartsKeepTheirLineNumbers() throws {
        let long = #"{"type":"goal.set","subject":"goal/long","payload":{"title":"\#(String(repeating: "x", count: 5_000))","timeframe":"2025-Q3"}}"#
        let text = "\u{FEFF}" + #"{"type":"goal.set"}"# + "\r\n\n   \n" + long + "\n" + (0..<30).map { #"{"n":\#($0)}"# }.joined(separator: "\n")
        var numbers: [Int] = []
        let folder = TemporaryFolder()
        try DraftStream(.file(try Self.written(Array(text.utf8), in: folder)), partBytes: 64).forEachChunk(schemas: SchemaRegistry()) { chunk, _, _ in
            numbers += (0..<chunk.count).map { chunk.draft($0, SchemaRegistry()).number }
        }
        #expect(numbers == [1, 4] + Array(5..<35))
        #expect { try DraftStream(.bytes(Array(" \n\n".utf8))).forEachChunk(schemas: SchemaRegistry()) { _, _, _ in } } throws: { ($0 as? DraftStreamError) == .empty(csv: false) }
        // A line no draft can need is refused on its line, not read whole however long it is; a CSV record so
        // long is an error (its quotes would have to be read to skip it).
        let huge = [UInt8](repeating: UInt8(ascii: "x"), count: DraftStream.longestLine + 5)
        let overlong = try Self.written(Array("{}\n".utf8) + huge + Array("\n{\"a\":1}\n".utf8), in: folder)
        var refused: [(Int, String)] = []
        try DraftStream(.file(overlong), partBytes: 1 << 20).forEachChunk(schemas: SchemaRegistry()) { chunk, _, _ in
            for index in 0..<chunk.count {
                let (number, draft) = chunk.draft(index, SchemaRegistry())
                if case .failure(let failure) = draft { refused.append((number, failure.issues[0].message)) } else { refused.append((number, "")) }
            }
        }
        #expect(refused.map(\.0) == [1, 2, 3])
        #expect(refused[1].1.hasPrefix("the line takes \(huge.count) bytes"))
        let csv = try Self.written(Array("type,subject\n".utf8) + huge + [0x0A], in: folder)
        #expect { try DraftStream(.file(csv), partBytes: 1 << 20).forEachChunk(schemas: SchemaRegistry()) { _, _, _ in } } throws: { ($0 as? DraftStreamError) == .overlong(start: 13) }
    }

    @Test func idsGivenAPartAtATimeAreThoseGivenToTheWholeFile() {
        let drafts = (0..<50).map { Fixtures.variedDraft($0 % 6) } + [Fixtures.variedDraft(1)]
        let logID = EventID.generate(at: .now())
        var assigner = ContentID.Assigner(logID: logID)
        let parts = stride(from: 0, to: drafts.count, by: 7).flatMap { assigner.assign(Array(drafts[$0..<min($0 + 7, drafts.count)])) }
        #expect(parts == ContentID.assign(drafts, logID: logID))
        #expect(Set(parts.compactMap(\.id)).count == drafts.count)
    }

    /// A row's id is made of what it says (docs/rules.md, "Imports"): the same file imported again finds its
    /// rows only while these bytes never change. Pinned: a row with a reason, links, a given date, text to
    /// escape and a second identical row.
    @Test func contentIDsAreMadeOfTheSameBytesAsEver() throws {
        let lines = [
            #"{"type":"goal.set","subject":"goal/plain","payload":{"title":"P","timeframe":"2025-Q3"}}"#,
            #"{"type":"launch.slipped","subject":"launch/atlas","effectiveAt":"2025-08-11","reason":"Pen test \"ext\"\nfirst","links":["01890000-0000-7000-8000-000000000000"],"actor":{"name":"Zoë Ångström","role":"CPO"},"payload":{"date":"2025-09-22","cause":"security review"}}"#,
            #"{"type":"owner.assigned","subject":"feature/sso","payload":{"owner":"Lee Park","framework":"raci","consulted":["Ana Costa","Jürgen Weiß"]}}"#,
            #"{"type":"goal.set","subject":"goal/plain","payload":{"title":"P","timeframe":"2025-Q3"}}"#,
        ]
        let context = DraftContext(now: Fixtures.instant("2025-10-01"), timeZone: .utc)
        let batch = DraftBatch(Array(lines.joined(separator: "\n").utf8), context: context, schemas: SchemaRegistry(), defaultActor: Fixtures.dana)
        let logID = try #require(EventID("0197c03d-3a00-7a51-9d0e-4c9e2f7b5a11"))
        #expect(batch.drafts.count == 4)
        #expect(ContentID.assign(batch.drafts, logID: logID).map { $0.id!.description } == [
            "ad3d9b79-e111-8982-85b0-8e0f1de611fe", "224b0573-8ab8-840a-be0c-53db7f4879d6", "7d8fa258-358b-802b-87e0-579f59aa8154",
            "531a23cb-164b-89e4-819c-6371ea148938",
        ])
    }

    private static func written(_ bytes: [UInt8], in folder: TemporaryFolder) throws -> String {
        let path = folder.path + "/file"
        try FileSystem.replaceFile(path, with: bytes, durable: false)
        return path
    }
}

extension DraftStream.Input {
    fileprivate var isBytes: Bool { if case .bytes = self { true } else { false } }
}
