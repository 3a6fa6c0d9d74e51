import DecisionLog
import Foundation
import Testing
import DecisionLogTestSupport

/// Signed event lines: the signature rides after the hash, outside what it covers; the line still verifies,
/// decodes to the same event and re-encodes byte for byte; signatures are made by a real ssh-keygen.
@Suite(.tags(.ssh), .skippable(.ssh))
struct SignedLineTests {
    /// A fresh ed25519 key pair made by ssh-keygen in `folder`; the private key's path.
    private func key(in folder: TemporaryFolder, named name: String = "key") throws -> String {
        let path = Paths.join(folder.path, name)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ssh-keygen")
        process.arguments = ["-q", "-t", "ed25519", "-N", "", "-C", "", "-f", path]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        return path
    }

    /// Runs ssh-keygen with `arguments` and `input`; its exit status.
    private func sshKeygen(_ arguments: [String], input: [UInt8]) throws -> Int32 {
        let process = Process(), pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ssh-keygen")
        process.arguments = arguments
        process.standardInput = pipe
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        pipe.fileHandleForWriting.write(Data(input))
        try pipe.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test func aSignedLineVerifiesDecodesAndHasTheHashItWouldHaveUnsigned() throws {
        let folder = TemporaryFolder()
        let store = try Fixtures.log(in: folder, events: 3)
        let signer = SSHSigner(keyPath: try key(in: folder))
        let drafts = [Fixtures.variedDraft(10), Fixtures.variedDraft(11), Fixtures.variedDraft(12)]
        let receipt = try store.append(AppendRequest(drafts: drafts, recordedBy: "t", signing: AppendSigning(signer: signer, runs: [0...0, 1...2])))
        #expect(receipt.appended.map(\.seq) == [4, 5, 6])
        #expect(receipt.appended.map { $0.signature?.events } == [1, nil, 2])
        let lines = Fixtures.eventBytes(folder).split(separator: 0x0A).map(Array.init)
        #expect(lines.count == 6)
        for (index, event) in receipt.appended.enumerated() {
            let line = lines[3 + index]
            #expect(event.line.dropLast().elementsEqual(line))
            #expect(try Event(line: line) == event)
            let hashes = try #require(line.withUnsafeBytes { EventLine.hashes(of: $0) })
            #expect(hashes.stored == hashes.computed && hashes.stored == event.hash)
            // Without its signature, the line has the same hash: the signature is outside what the hash covers.
            var unsigned = event.canonicalBody
            EventLine.appendHash(event.hash, toBody: &unsigned)
            #expect(try #require(unsigned.dropLast().withUnsafeBytes { EventLine.hashes(of: $0) }).computed == event.hash)
        }
        #expect(String(decoding: lines[3], as: UTF8.self).contains(#""hash":"\#(receipt.appended[0].hash.hex)","signature":{"ssh":""#))
        #expect(String(decoding: lines[5], as: UTF8.self).contains(#""hash":"\#(receipt.appended[2].hash.hex)","signature":{"events":2,"ssh":""#))
        guard case .success(let head) = Fixtures.verify(folder) else { Issue.record("the signed log does not verify"); return }
        #expect(head.seq == 6)
        // The tail cache trusts a signed last line: the next append links to it without re-reading the log.
        #expect(try store.append(AppendRequest(drafts: [Fixtures.variedDraft(13)], recordedBy: "t")).appended[0].prev == receipt.appended[2].hash)
    }

    @Test func theSignatureSignsTheHashAndForARunItsLength() throws {
        let folder = TemporaryFolder()
        let signer = SSHSigner(keyPath: try key(in: folder))
        let hash = Digest(hex: String(repeating: "ab", count: 32))!
        for events in [1, 7] {
            let signature = try signer.sign(hash: hash, events: events)
            #expect(signature.events == events)
            let file = Paths.join(folder.path, "sig\(events)")
            try FileSystem.replaceFile(file, with: Array(signature.armored.utf8), durable: false)
            let check = ["-Y", "check-novalidate", "-n", "decisionlog", "-s", file]
            #expect(try sshKeygen(check, input: Array((events == 1 ? hash.hex : "\(hash.hex) \(events)").utf8)) == 0)
            #expect(try sshKeygen(check, input: Array("\(hash.hex) \(events + 1)".utf8)) != 0)
            #expect(EventSignature(armored: signature.armored, events: events) == signature)
        }
    }

    @Test func aSignatureMemberTheLogWouldNotWriteIsCaught() throws {
        let folder = TemporaryFolder()
        let store = try Fixtures.log(in: folder, events: 1)
        let receipt = try store.append(AppendRequest(drafts: [Fixtures.variedDraft(5)], recordedBy: "t",
                                                     signing: AppendSigning(signer: SSHSigner(keyPath: try key(in: folder)))))
        let good = Fixtures.eventBytes(folder)
        let text = String(decoding: good, as: UTF8.self)
        let ssh = try #require(receipt.appended[0].signature?.ssh)
        let cases: [(String, IntegrityProblem.Kind)] = [
            (text.replacingOccurrences(of: #"{"ssh":"#, with: #"{"events":1,"ssh":"#), .notCanonical),
            (text.replacingOccurrences(of: #"{"ssh":"#, with: #"{ "ssh":"#), .notCanonical),
            (text.replacingOccurrences(of: ssh, with: ssh + "A"), .malformed),
            (text.replacingOccurrences(of: #""ssh":""#, with: #""ssh":"!"#), .malformed),
            (text.replacingOccurrences(of: #","signature":{"ssh":"\#(ssh)"}"#, with: #","note":1"#), .malformed),
        ]
        for (changed, kind) in cases {
            #expect(changed != text)
            Fixtures.writeEvents(Array(changed.utf8), in: folder)
            guard case .failure(let problem) = Fixtures.verify(folder) else { Issue.record("accepted: \(changed.suffix(80))"); continue }
            #expect(problem.kind == kind, "\(problem)")
            #expect(problem.line == 2)
        }
        Fixtures.writeEvents(good, in: folder)
        guard case .success = Fixtures.verify(folder) else { Issue.record("the signed log does not verify"); return }
    }

    @Test func signaturesAreBase64InItsOneCanonicalForm() {
        #expect(EventSignature(events: 1, ssh: "U1NIU0lH") != nil)
        #expect(EventSignature(events: 1, ssh: "U1NIU0k=") != nil)
        #expect(EventSignature(events: 1, ssh: "U1NIUw==") != nil)
        for bad in ["", "U1NIU0l", "U1NIU0j=", "U1NIUx==", "U1N=U0lH", "U1NIU0l!", "U1NI U0l"] {
            #expect(EventSignature(events: 1, ssh: bad) == nil, "\(bad)")
        }
        #expect(EventSignature(events: 0, ssh: "U1NIU0lH") == nil)
        #expect(EventSignature(armored: "-----BEGIN SSH SIGNATURE-----\nU1NI\nU0lH\n-----END SSH SIGNATURE-----\n", events: 3)?.ssh == "U1NIU0lH")
        #expect(EventSignature(armored: "U1NIU0lH", events: 1) == nil)
    }
}
