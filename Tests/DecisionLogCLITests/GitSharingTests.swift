import DecisionLog
import Foundation
import Testing
import DecisionLogTestSupport

/// Sharing one log through real git: a bare repository, two clones, appends on both, pulls and pushes.
@Suite(.tags(.git), .skippable(.git))
struct GitSharingTests {
    @discardableResult
    private func sh(_ line: String, in folder: String, who: String = "Dana Reyes", key: String = "") throws -> RunResult {
        try Harness.teamShell(line, in: folder, who: who, key: key)
    }

    /// The ids and subjects of a log's events, in order.
    private func events(_ text: String) throws -> [(id: String, subject: String)] {
        try text.split(separator: "\n").map { line in
            let members = try JSONValue.parse(Array(line.utf8)).objectValue!
            return (members["id"]!.stringValue!, members["subject"]!.stringValue!)
        }
    }

    @Test func fiftyRoundsOnTwoClonesEndIdenticalSignedWithEveryEventOnceAndEveryConcurrentChangeReported() throws {
        let root = Workspace()
        let (a, b) = (Paths.join(root.path, "a"), Paths.join(root.path, "b"))
        // Each member has a key of their own; the log's allowed_signers lists both, under their actor names.
        try sh("ssh-keygen -q -t ed25519 -N '' -C '' -f dana && ssh-keygen -q -t ed25519 -N '' -C '' -f lee", in: root.path)
        let people = [a: (name: "Dana Reyes", role: "CMO", key: Paths.join(root.path, "dana")), b: (name: "Lee Park", role: "CPO", key: Paths.join(root.path, "lee"))]
        try sh("git init -q --bare hub.git && git clone -q hub.git a 2>/dev/null", in: root.path)
        try sh(#"decisionlog init --time-zone UTC >/dev/null && decisionlog git install >/dev/null && printf '"Dana Reyes" %s\n"Lee Park" %s\n' "$(cut -d' ' -f1,2 ../dana.pub)" "$(cut -d' ' -f1,2 ../lee.pub)" > .decisionlog/allowed_signers && git add -A && git commit -qm 'log' && git push -q origin HEAD:main"#, in: a)
        try sh("git clone -q -b main hub.git b && cd b && decisionlog git install >/dev/null", in: root.path)

        var generator = SeededGenerator(seed: 50)
        var appended: [String] = []
        var reported = 0, expected = 0, imports = 0, resigningMerges = 0
        for round in 1...50 {
            let clone = Bool.random(using: &generator) ? a : b
            let person = people[clone]!
            var steps: [String] = []
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let id = UUID().uuidString.lowercased()
                appended.append(id)
                let n = Int.random(in: 1...3, using: &generator)
                steps.append(Bool.random(using: &generator)
                    ? "decisionlog add launch.scheduled --subject launch/l\(n) --name L\(n) --date 2025-1\(n - 1)-\(10 + round % 18) --id \(id) --effective 2025-07-\(10 + round % 18)T\(10 + n):00Z --actor '\(person.name)' --role \(person.role) >/dev/null"
                    : "decisionlog add priority.changed --subject feature/f\(n) --framework rank --to \(round) --id \(id) --effective 2025-07-\(10 + round % 18)T\(10 + n):30Z --actor '\(person.name)' --role \(person.role) >/dev/null")
            }
            if Int.random(in: 0..<4, using: &generator) == 0 {
                // An import: a run of events with one signature on its last, re-signed as a run when re-sealed.
                imports += 1
                let drafts = (1...3).map { k in
                    let id = UUID().uuidString.lowercased()
                    appended.append(id)
                    return #"{"id":"\#(id)","type":"priority.changed","subject":"feature/i\#(k)","effectiveAt":"2025-07-\#(10 + round % 18)T09:00:00Z","actor":{"name":"\#(person.name)","role":"\#(person.role)"},"payload":{"framework":"rank","to":\#(round)}}"#
                }
                try FileSystem.replaceFile(Paths.join(root.path, "round.jsonl"), with: Array(drafts.joined(separator: "\n").utf8), durable: false)
                steps.append("decisionlog import ../round.jsonl >/dev/null")
            }
            try sh(steps.joined(separator: " && ") + " && git commit -qam 'round \(round)'", in: clone, who: person.name, key: person.key)
            guard Bool.random(using: &generator) || round == 50 else { continue }
            // Pull, expecting a report for every subject both sides changed since they parted; then push.
            try sh("git fetch -q origin", in: clone)
            let local = try events(String(decoding: try FileSystem.readFile(Paths.join(clone, ".decisionlog/events.jsonl")), as: UTF8.self))
            let remote = try events(try sh("git show origin/main:.decisionlog/events.jsonl", in: clone).stdout)
            let remoteIDs = Set(remote.map(\.id)), localIDs = Set(local.map(\.id))
            let both = Set(local.filter { !remoteIDs.contains($0.id) }.map(\.subject)).intersection(remote.filter { !localIDs.contains($0.id) }.map(\.subject))
            let pull = try sh("git pull -q --no-rebase --no-edit origin main 2>&1 && decisionlog verify >/dev/null && git push -q origin HEAD:main",
                              in: clone, who: person.name, key: person.key)
            if pull.stdout.contains(" again (") { resigningMerges += 1 }
            for subject in both {
                expected += 1
                if pull.stdout.contains("concurrent change: \(subject):") { reported += 1 }
            }
        }
        // Bring both up to date.
        for clone in [a, b, a] { try sh("git pull -q --no-rebase --no-edit origin main && git push -q origin HEAD:main", in: clone, who: people[clone]!.name, key: people[clone]!.key) }

        let (logA, logB) = (try FileSystem.readFile(Paths.join(a, ".decisionlog/events.jsonl")), try FileSystem.readFile(Paths.join(b, ".decisionlog/events.jsonl")))
        #expect(logA == logB)
        let ids = try events(String(decoding: logA, as: UTF8.self)).map(\.id)
        #expect(ids.count == appended.count && Set(ids) == Set(appended))
        for clone in [a, b] {
            try sh("decisionlog verify", in: clone)
            let signatures = try sh("decisionlog verify --signatures", in: clone)
            #expect(signatures.stdout.contains("Signatures: every one of the \(appended.count) events is signed by its actor"), "\(signatures.stdout)")
        }
        // Each import is still one signature for its three events, however often it was re-sealed.
        #expect(String(decoding: logA, as: UTF8.self).components(separatedBy: #""signature":{"events":3,"#).count - 1 == imports)
        #expect(imports > 0 && resigningMerges > 0, "the scenario made no import or re-signed nothing; change its seed")
        #expect(expected > 0, "the scenario made no concurrent change; change its seed")
        #expect(reported == expected)
    }

    @Test func aMergeThatWouldDropSignaturesIsNotMade() throws {
        let root = Workspace()
        let a = Paths.join(root.path, "a")
        // Shared: X. Ours adds Y; theirs (already pushed) adds Z. Every append is signed.
        let add = { (title: String) in "decisionlog add goal.set --subject goal/\(title.lowercased()) --title \(title) --timeframe 2025 --actor A --role CMO >/dev/null" }
        try sh("ssh-keygen -q -t ed25519 -N '' -C '' -f key && mkdir a && cd a && decisionlog init --time-zone UTC >/dev/null && \(add("X")) && cp .decisionlog/events.jsonl ../base.jsonl"
               + " && \(add("Y")) && cp .decisionlog/events.jsonl ../ours.jsonl && cp ../base.jsonl .decisionlog/events.jsonl && \(add("Z")) && cp .decisionlog/events.jsonl ../theirs.jsonl",
               in: root.path, key: Paths.join(root.path, "key"))
        let ours = try FileSystem.readFile(Paths.join(root.path, "ours.jsonl"))
        #expect(String(decoding: ours, as: UTF8.self).contains(#""signature":"#))
        let result = try Harness.launch(["merge-driver", "../base.jsonl", "../ours.jsonl", "../theirs.jsonl", ".decisionlog/events.jsonl"], in: a,
                                        environment: ["DECISIONLOG_SIGNING_KEY": "", "XDG_CONFIG_HOME": Paths.join(root.path, "xdg")])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("Error: decisionlog merge: events #2 and on of the local log were signed, and re-sealing changes their hashes, but no signing key is set here"), "\(result.stderr)")
        #expect(try FileSystem.readFile(Paths.join(root.path, "ours.jsonl")) == ours)
        // With the key, the merge re-signs the re-sealed event.
        let merged = try Harness.launch(["merge-driver", "../base.jsonl", "../ours.jsonl", "../theirs.jsonl", ".decisionlog/events.jsonl"], in: a,
                                        environment: ["DECISIONLOG_SIGNING_KEY": Paths.join(root.path, "key")])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stderr.hasPrefix("decisionlog merge: kept 1 shared and 1 incoming event; re-sealed 1 local event as #3 and signed it again (1 signature)"), "\(merged.stderr)")
        let lines = String(decoding: try FileSystem.readFile(Paths.join(root.path, "ours.jsonl")), as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 3 && lines[2].contains(#""subject":"goal/y""#) && lines[2].contains(#""signature":{"ssh":"#))
    }

    @Test func aMergeThatCannotBeMadeLeavesTheLocalFileAndSaysWhy() throws {
        let root = Workspace()
        let a = Paths.join(root.path, "a")
        try sh("mkdir a && cd a && git init -q && decisionlog init --time-zone UTC >/dev/null && decisionlog add goal.set --subject goal/x --title X --timeframe 2025 --actor A --role CMO >/dev/null", in: root.path)
        let log = Paths.join(a, ".decisionlog/events.jsonl")
        let good = try FileSystem.readFile(log)
        try FileSystem.replaceFile(Paths.join(a, "theirs.jsonl"), with: Array(String(decoding: good, as: UTF8.self).replacingOccurrences(of: "\"X\"", with: "\"Y\"").utf8), durable: false)
        try FileSystem.replaceFile(Paths.join(a, "ours.jsonl"), with: good, durable: false)
        try FileSystem.replaceFile(Paths.join(a, "base.jsonl"), with: [], durable: false)
        let result = try Harness.launch(["merge-driver", "base.jsonl", "ours.jsonl", "theirs.jsonl", ".decisionlog/events.jsonl"], in: a)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("Error: decisionlog merge: the incoming log fails verification"))
        #expect(try FileSystem.readFile(Paths.join(a, "ours.jsonl")) == good)
    }
}
