import DecisionLog
import Foundation
import Testing

/// Sharing one log through real git: a bare repository, two clones, appends on both, pulls and pushes.
struct GitSharingTests {
    /// A shell line run in `folder` with git's identity set and the tool on the PATH; fails the test on error.
    @discardableResult
    private func sh(_ line: String, in folder: String, who: String = "Dana Reyes") throws -> RunResult {
        let environment = ["PATH": Paths.parent(of: Harness.executable) + ":/usr/bin:/bin", "GIT_AUTHOR_NAME": who, "GIT_AUTHOR_EMAIL": "x@example.com",
                           "GIT_COMMITTER_NAME": who, "GIT_COMMITTER_EMAIL": "x@example.com", "HOME": folder, "DECISIONLOG_IDENTITY": who]
        let result = try Harness.launch(shell: line, in: folder, environment: environment)
        #expect(result.status == 0, "\(line): \(result.stderr)")
        return result
    }

    /// The ids and subjects of a log's events, in order.
    private func events(_ text: String) throws -> [(id: String, subject: String)] {
        try text.split(separator: "\n").map { line in
            let members = try JSONValue.parse(Array(line.utf8)).objectValue!
            return (members["id"]!.stringValue!, members["subject"]!.stringValue!)
        }
    }

    @Test func fiftyRoundsOnTwoClonesEndIdenticalWithEveryEventOnceAndEveryConcurrentChangeReported() throws {
        let root = Workspace()
        let (a, b) = (Paths.join(root.path, "a"), Paths.join(root.path, "b"))
        try sh("git init -q --bare hub.git && git clone -q hub.git a 2>/dev/null", in: root.path)
        try sh("decisionlog init --time-zone UTC >/dev/null && decisionlog git install >/dev/null && git add -A && git commit -qm 'log' && git push -q origin HEAD:main", in: a)
        try sh("git clone -q -b main hub.git b && cd b && decisionlog git install >/dev/null", in: root.path)

        var generator = SeededGenerator(seed: 50)
        var appended: [String] = []
        var reported = 0, expected = 0
        let people = [a: ("Dana Reyes", "CMO"), b: ("Lee Park", "CPO")]
        for round in 1...50 {
            let clone = Bool.random(using: &generator) ? a : b
            let (name, role) = people[clone]!
            var adds: [String] = []
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let id = UUID().uuidString.lowercased()
                appended.append(id)
                let n = Int.random(in: 1...3, using: &generator)
                adds.append(Bool.random(using: &generator)
                    ? "decisionlog add launch.slipped --subject launch/l\(n) --date 2025-1\(n - 1)-\(10 + round % 18) --id \(id) --effective 2025-07-\(10 + round % 18)T\(10 + n):00Z --actor '\(name)' --role \(role) >/dev/null"
                    : "decisionlog add priority.changed --subject feature/f\(n) --framework rank --to \(round) --id \(id) --effective 2025-07-\(10 + round % 18)T\(10 + n):30Z --actor '\(name)' --role \(role) >/dev/null")
            }
            try sh(adds.joined(separator: " && ") + " && git commit -qam 'round \(round)'", in: clone, who: name)
            guard Bool.random(using: &generator) || round == 50 else { continue }
            // Pull, expecting a report for every subject both sides changed since they parted; then push.
            try sh("git fetch -q origin", in: clone)
            let local = try events(String(decoding: try FileSystem.readFile(Paths.join(clone, ".decisionlog/events.jsonl")), as: UTF8.self))
            let remote = try events(try sh("git show origin/main:.decisionlog/events.jsonl", in: clone).stdout)
            let remoteIDs = Set(remote.map(\.id)), localIDs = Set(local.map(\.id))
            let both = Set(local.filter { !remoteIDs.contains($0.id) }.map(\.subject)).intersection(remote.filter { !localIDs.contains($0.id) }.map(\.subject))
            let pull = try sh("git pull -q --no-rebase --no-edit origin main 2>&1 && decisionlog verify >/dev/null && git push -q origin HEAD:main", in: clone, who: name)
            for subject in both {
                expected += 1
                if pull.stdout.contains("concurrent change: \(subject):") { reported += 1 }
            }
        }
        // Bring both up to date.
        for clone in [a, b, a] { try sh("git pull -q --no-rebase --no-edit origin main && git push -q origin HEAD:main", in: clone) }

        let (logA, logB) = (try FileSystem.readFile(Paths.join(a, ".decisionlog/events.jsonl")), try FileSystem.readFile(Paths.join(b, ".decisionlog/events.jsonl")))
        #expect(logA == logB)
        let ids = try events(String(decoding: logA, as: UTF8.self)).map(\.id)
        #expect(ids.count == appended.count && Set(ids) == Set(appended))
        try sh("decisionlog verify", in: a)
        try sh("decisionlog verify", in: b)
        #expect(expected > 0, "the scenario made no concurrent change; change its seed")
        #expect(reported == expected)
    }

    @Test func aMergeThatCannotBeMadeLeavesTheLocalFileAndSaysWhy() throws {
        let root = Workspace()
        let a = Paths.join(root.path, "a")
        try sh("mkdir a && cd a && git init -q && decisionlog init --time-zone UTC >/dev/null && decisionlog add goal.set --subject goal/x --title X --timeframe 2025 --actor A --role CMO >/dev/null", in: root.path)
        let log = Paths.join(a, ".decisionlog/events.jsonl")
        let good = try FileSystem.readFile(log)
        try FileSystem.replaceFile(Paths.join(a, "theirs.jsonl"), with: Array(String(decoding: good, as: UTF8.self).replacingOccurrences(of: "\"X\"", with: "\"Y\"").utf8), durable: false)
        try FileSystem.replaceFile(Paths.join(a, "ours.jsonl"), with: good, durable: false)
        let result = try Harness.launch(["merge-driver", "base", "ours.jsonl", "theirs.jsonl", ".decisionlog/events.jsonl"], in: a)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("Error: decisionlog merge: the incoming log fails verification"))
        #expect(try FileSystem.readFile(Paths.join(a, "ours.jsonl")) == good)
    }
}

/// A small deterministic random source (SplitMix64), so a scenario replays the same way.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
