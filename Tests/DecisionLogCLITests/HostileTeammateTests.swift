import DecisionLog
import Foundation
import Testing
import DecisionLogTestSupport

/// A teammate with push access, or another user of the log's folder, tries to rewrite, hide, delete, hang,
/// write elsewhere or print escape codes — through the built binary, real git and real files. Each attack
/// worked before the defence it tests; each is now refused or harmless, and the log's bytes say so.
@Suite(.tags(.git), .skippable(.git))
struct HostileTeammateTests {
    /// What a teammate with Python can do to the events file without a key: change a line and re-hash the chain
    /// from it (`rehash FILE LINE OLD NEW`), or append an event of their own making (`append FILE JSON`, the
    /// envelope's members before `prev`).
    static let forge = #"""
    import hashlib, json, sys
    def seal(body, prev):
        body = body + ',"prev":"' + prev + '"'
        digest = hashlib.sha256((body + "}").encode()).hexdigest()
        return body + ',"hash":"' + digest + '"}', digest
    command, path = sys.argv[1], sys.argv[2]
    lines = open(path, encoding="utf-8").read().splitlines()
    if command == "rehash":
        number, old, new = int(sys.argv[3]), sys.argv[4], sys.argv[5]
        lines[number - 1] = lines[number - 1].replace(old, new)
        prev = json.loads(lines[number - 2])["hash"] if number > 1 else "0" * 64
        for index in range(number - 1, len(lines)):
            line = lines[index]
            lines[index], prev = seal(line[:line.index(',"prev":"')], prev)
    else:
        last = json.loads(lines[-1])
        event = json.loads(sys.argv[3])
        head = '{"seq":%d,"id":"%s","type":"%s","schemaVersion":1,"effectiveAt":"%s","recordedAt":"%s","actor":%s,"recordedBy":"x","subject":"%s","payload":%s' % (
            last["seq"] + 1, event["id"], event["type"], last["recordedAt"], last["recordedAt"],
            json.dumps(event["actor"], sort_keys=True, separators=(",", ":"), ensure_ascii=False), event["subject"],
            json.dumps(event["payload"], sort_keys=True, separators=(",", ":"), ensure_ascii=False))
        lines.append(seal(head, last["hash"])[0])
    open(path, "w", encoding="utf-8").write("\n".join(lines) + "\n")
    """#

    /// A hub and two clones of a log of three launches: `a` made it, `b` cloned it; both ran `git install`.
    struct Team {
        let root = Workspace()
        var a: String { Paths.join(root.path, "a") }
        var b: String { Paths.join(root.path, "b") }
        var events: String { ".decisionlog/events.jsonl" }

        init() throws {
            try root.write("forge.py", HostileTeammateTests.forge)
            try Harness.teamShell("git init -q --bare hub.git && git clone -q hub.git a 2>/dev/null && cd a && decisionlog init --time-zone UTC --actor 'Dana Reyes' --role CMO >/dev/null"
                                  + " && decisionlog git install >/dev/null && for n in 1 2 3; do decisionlog add launch.scheduled --subject launch/l$n --name \"Launch $n\" --date 2025-09-0$n --effective 2025-07-01 >/dev/null; done"
                                  + " && git add -A && git commit -qm log && git push -q origin HEAD:main && cd .. && git clone -q -b main hub.git b && cd b && decisionlog git install >/dev/null",
                                  in: root.path)
        }

        /// Runs `line` in `clone` as `who`, expecting `status`.
        @discardableResult
        func sh(_ line: String, in clone: String, who: String = "Dana Reyes", status: Int32 = 0, sourceLocation: SourceLocation = #_sourceLocation) throws -> RunResult {
            try Harness.teamShell(line, in: clone, who: who, status: status, sourceLocation: sourceLocation)
        }

        /// The events file of `clone`.
        func log(_ clone: String) throws -> [UInt8] { try FileSystem.readFile(Paths.join(clone, events)) }
    }

    /// Attack 1: a clone edits published event #2 and re-hashes the chain (no key needed), or pushes another log
    /// altogether. The next pull elsewhere is a conflict naming the event; the local file stays as it was.
    @Test(arguments: ["rewrite", "another log"])
    func aMergeRefusesRewrittenHistory(attack: String) throws {
        let team = try Team()
        if attack == "rewrite" {
            try team.sh("python3 ../forge.py rehash \(team.events) 2 'Launch 2' 'Launch 2 (moved by nobody)' && decisionlog verify >/dev/null", in: team.b, who: "Mallory")
        } else {
            // A sandbox log of Mallory's own, whose events (signed or not) would replace the team's.
            try team.sh("mkdir sandbox && cd sandbox && decisionlog init --time-zone UTC >/dev/null && decisionlog add launch.scheduled --subject launch/l1 --name Mine --date 2026-01-01 --actor Mallory --role CPO >/dev/null"
                        + " && cp .decisionlog/events.jsonl ../\(team.events)", in: team.b, who: "Mallory")
        }
        try team.sh("git commit -qam 'tidy up' && git push -q origin HEAD:main", in: team.b, who: "Mallory")
        try team.sh("decisionlog add launch.slipped --subject launch/l1 --date 2025-10-01 --actor 'Lee Park' --role CPO >/dev/null && git commit -qam slip", in: team.a)
        let before = try team.log(team.a)
        let pull = try team.sh("git pull --no-rebase --no-edit origin main 2>&1", in: team.a, status: 1)
        let expected = attack == "rewrite" ? "the incoming log changes history both sides already shared: event #2 is not in it as it was in the common ancestor"
            : "the incoming log is another log (or rewrote its first event)"
        #expect(pull.stdout.contains("Error: decisionlog merge: " + expected), "\(pull.stdout)")
        #expect(pull.stdout.contains("CONFLICT"))
        // Git leaves its conflict markers only when the driver fails; the committed local log is as it was.
        #expect(try team.sh("git show HEAD:\(team.events)", in: team.a).stdout == String(decoding: before, as: UTF8.self))
        try team.sh("git merge --abort", in: team.a)
        #expect(try team.log(team.a) == before)
    }

    /// Attack 2: both sides recorded the same id with other content. The merge used to keep the incoming one
    /// and drop the acknowledged local event silently; now it refuses, as a local import of it would.
    @Test func aMergeRefusesAnIDPublishedWithOtherContent() throws {
        let team = try Team()
        let id = "0199a0b0-0000-7000-8000-00000000000a"
        try team.sh("decisionlog add launch.slipped --subject launch/l2 --date 2025-11-01 --id \(id) --effective 2025-08-01 --actor 'Lee Park' --role CPO >/dev/null && git commit -qam theirs && git push -q origin HEAD:main", in: team.b)
        try team.sh("decisionlog add launch.slipped --subject launch/l2 --date 2025-10-15 --id \(id) --effective 2025-08-01 --actor 'Dana Reyes' --role CMO >/dev/null && git commit -qam ours", in: team.a)
        let before = try team.log(team.a)
        let pull = try team.sh("git pull --no-rebase --no-edit origin main 2>&1", in: team.a, status: 1)
        #expect(pull.stdout.contains("Error: decisionlog merge: event #4 (\(id)) of the local log is also in the incoming log with other content"), "\(pull.stdout)")
        try team.sh("git merge --abort", in: team.a)
        #expect(try team.log(team.a) == before)
        // The same event (same id, same content) on both sides is kept once.
        try team.sh("git reset -q --hard HEAD~1 && decisionlog add launch.slipped --subject launch/l2 --date 2025-11-01 --id \(id) --effective 2025-08-01 --actor 'Lee Park' --role CPO >/dev/null"
                    + " && decisionlog add launch.shipped --subject launch/l3 --date 2025-09-03 >/dev/null && git commit -qam ours && git pull -q --no-rebase --no-edit origin main", in: team.a)
        let merged = String(decoding: try team.log(team.a), as: UTF8.self)
        #expect(merged.components(separatedBy: id).count == 2 && merged.split(separator: "\n").count == 5)
        try team.sh("decisionlog verify >/dev/null", in: team.a)
    }

    /// Beyond the list: `git pull --rebase` (pull.rebase=true) swaps git's sides, and the driver re-sealed the
    /// teammate's published events behind the local ones. It keeps them byte for byte, as a merge does.
    @Test func aRebasingPullKeepsThePublishedEvents() throws {
        let team = try Team()
        try team.sh("decisionlog add launch.slipped --subject launch/l2 --date 2025-11-01 --actor 'Lee Park' --role CPO >/dev/null && git commit -qam theirs && git push -q origin HEAD:main", in: team.b)
        let published = try team.log(team.b)
        try team.sh("decisionlog add launch.slipped --subject launch/l1 --date 2025-10-15 >/dev/null && git commit -qam ours && git pull -q --rebase origin main 2>/dev/null && decisionlog verify >/dev/null", in: team.a)
        let rebased = try team.log(team.a)
        let kept = rebased.starts(with: published)
        #expect(kept)
        #expect(String(decoding: rebased, as: UTF8.self).split(separator: "\n").last?.contains(#""subject":"launch/l1""#) == true)
    }

    /// Beyond the list, continued: git also runs the driver with the published side checked out when it
    /// applies a stash (`git pull --autostash`, `git stash pop`), and for each local commit a rebase replays.
    /// The driver asks the remote-tracking refs which side's events others have, and keeps that side.
    @Test(arguments: ["pull --rebase --autostash", "pull --no-rebase --autostash", "stash pop", "rebase of two commits"])
    func everyWayGitJoinsTheSidesKeepsThePublishedEvents(way: String) throws {
        let team = try Team()
        try team.sh("decisionlog add launch.slipped --subject launch/l2 --date 2025-11-01 --actor 'Lee Park' --role CPO >/dev/null && git commit -qam theirs && git push -q origin HEAD:main", in: team.b)
        let published = try team.log(team.b)
        let add = "decisionlog add launch.slipped --subject launch/l1 --date 2025-10-15 >/dev/null"
        switch way {
        case "stash pop": try team.sh("\(add) && git stash -q && git pull -q --no-rebase origin main && git stash pop -q", in: team.a)
        case "rebase of two commits":
            try team.sh("\(add) && git commit -qam one && decisionlog add launch.shipped --subject launch/l3 --date 2025-09-03 >/dev/null && git commit -qam two && git pull -q --rebase origin main 2>/dev/null", in: team.a)
        default: try team.sh("\(add) && git \(way) -q origin main 2>/dev/null", in: team.a)
        }
        let joined = try team.log(team.a)
        let kept = joined.starts(with: published)
        #expect(kept, "\(way)")
        #expect(String(decoding: joined, as: UTF8.self).split(separator: "\n").count == (way == "rebase of two commits" ? 6 : 5))
        try team.sh("decisionlog verify >/dev/null", in: team.a)
    }

    /// Beyond the list, continued: a force-push that drops events others already had. The next pull on a
    /// clone that had them used to re-seal them silently (their hashes changed); the remote-tracking ref's
    /// reflog shows they were published, so the merge refuses: the history forked.
    @Test func aForcePushThatDropsPublishedEventsIsAFork() throws {
        let team = try Team()
        try team.sh("decisionlog add launch.slipped --subject launch/l1 --date 2025-10-15 >/dev/null && git commit -qam ours && git push -q origin HEAD:main", in: team.a)
        try team.sh("decisionlog add launch.slipped --subject launch/l2 --date 2025-11-01 --actor Mallory --role CPO >/dev/null && git commit -qam mine && git push -q -f origin HEAD:main", in: team.b, who: "Mallory")
        let before = try team.log(team.a)
        let pull = try team.sh("git pull --no-rebase --no-edit origin main 2>&1", in: team.a, status: 1)
        #expect(pull.stdout.contains("each hold events others already have that the other lacks (#4 on one side, #4 on the other): both cannot keep their hashes"), "\(pull.stdout)")
        try team.sh("git merge --abort", in: team.a)
        #expect(try team.log(team.a) == before)
    }

    /// The same from a clone made after the dropped events were pushed (a fresh clone's first position is only
    /// ever an old one in the reflog); and with 130 decoy branches pushed to hide the positions, the merge says
    /// it cannot tell rather than guess.
    @Test func aForcePushIsSeenFromAFreshCloneAndDecoysDoNotHideIt() throws {
        let team = try Team()
        try team.sh("decisionlog add launch.slipped --subject launch/l1 --date 2025-10-15 --actor Carol --role PM >/dev/null && git commit -qam carol && git push -q origin HEAD:main", in: team.a)
        let fresh = Paths.join(team.root.path, "c")
        try team.sh("git clone -q -b main hub.git c && cd c && decisionlog git install >/dev/null", in: team.root.path)
        try team.sh("git pull -q --no-rebase origin main && git reset -q --hard HEAD~1 && decisionlog add launch.slipped --subject launch/l2 --date 2025-11-01 --actor Mallory --role CPO >/dev/null && git commit -qam mine && git push -q -f origin HEAD:main", in: team.b, who: "Mallory")
        try team.sh("decisionlog add launch.shipped --subject launch/l3 --date 2025-09-03 >/dev/null && git commit -qam ours", in: fresh)
        let pull = try team.sh("git pull --no-rebase --no-edit origin main 2>&1", in: fresh, status: 1)
        #expect(pull.stdout.contains("both cannot keep their hashes"), "\(pull.stdout)")
        try team.sh("git merge --abort", in: fresh)

        // Decoys: 130 branches, each with a version of the log of its own.
        try team.sh("for n in $(seq 1 130); do git checkout -q -b decoy$n origin/main && echo \"junk $n\" >> .decisionlog/events.jsonl && git commit -qam d$n --no-verify; done && git checkout -q master 2>/dev/null || git checkout -q -; git push -q origin $(for n in $(seq 1 130); do echo decoy$n; done)", in: team.b, who: "Mallory")
        let decoyed = try team.sh("git fetch -q origin && git pull --no-rebase --no-edit origin main 2>&1", in: fresh, status: 1)
        #expect(decoyed.stdout.contains("cannot tell which of the local log and the incoming log others already have (the remote branches hold"), "\(decoyed.stdout)")
    }

    /// The same when a teammate commits an attribute that makes git take the log for binary, when git grep is
    /// set to number its lines, and when the force-push was fetched long before the pull (five more updates
    /// since).
    @Test func aForcePushIsSeenWhateverGitSettingsAndHoweverLongAgo() throws {
        let team = try Team()
        try team.sh("decisionlog add launch.slipped --subject launch/l1 --date 2025-10-15 >/dev/null && git commit -qam ours && git push -q origin HEAD:main", in: team.a)
        try team.sh("git pull -q --no-rebase origin main && git reset -q --hard HEAD~1 && printf '.decisionlog/events.jsonl -diff\\n' >> .gitattributes && git commit -qam quiet"
                    + " && decisionlog add launch.slipped --subject launch/l2 --date 2025-11-01 --actor Mallory --role CPO >/dev/null && git commit -qam mine && git push -q -f origin HEAD:main"
                    + " && for n in 1 2 3 4 5 6; do echo $n > notes.txt && git add notes.txt && git commit -qm notes$n && git push -q origin HEAD:main && (cd ../a && git fetch -q origin); done",
                    in: team.b, who: "Mallory")
        try team.sh("git config grep.lineNumber true && decisionlog add launch.shipped --subject launch/l3 --date 2025-09-03 >/dev/null && git commit -qam more", in: team.a)
        let pull = try team.sh("git pull --no-rebase --no-edit origin main 2>&1", in: team.a, status: 1)
        #expect(pull.stdout.contains("both cannot keep their hashes"), "\(pull.stdout)")
    }

    /// A signature is outside the hash, so a teammate can strip or swap one without breaking the chain; a merge
    /// holding that event on both sides with different signatures is refused.
    @Test func aSignatureStrippedFromAPublishedEventIsRefused() throws {
        let team = try Team()
        try team.sh("ssh-keygen -q -t ed25519 -N '' -C '' -f dana", in: team.root.path)
        let key = Paths.join(team.root.path, "dana")
        try Harness.teamShell("decisionlog add launch.slipped --subject launch/l1 --date 2025-10-15 >/dev/null && git commit -qam signed && git push -q origin HEAD:main", in: team.a, key: key)
        try team.sh("git pull -q --no-rebase origin main && sed -i 's/,\"signature\":{[^}]*}//' \(team.events) && git commit -qam strip && git push -q origin HEAD:main", in: team.b, who: "Mallory")
        try Harness.teamShell("decisionlog add launch.shipped --subject launch/l3 --date 2025-09-03 >/dev/null && git commit -qam more", in: team.a, key: key)
        let pull = try Harness.teamShell("git pull --no-rebase --no-edit origin main 2>&1", in: team.a, key: key, status: 1)
        #expect(pull.stdout.contains("event #4 is on both sides, but its signature differs"), "\(pull.stdout)")
    }

    /// Attack 3: a pending-append record forged into `lock` and delivered by git (the file force-added) — an
    /// old-style one, and one naming the attacker's own file — hides no event, fails no verify or append, and
    /// `repair` cuts nothing.
    @Test func aForgedLockRecordFromGitHidesAndDeletesNothing() throws {
        let team = try Team()
        let log = Paths.join(team.b, team.events)
        let bytes = try FileSystem.readFile(log)
        let secondEnds = Int64(bytes.split(separator: 0x0A).prefix(1).reduce(0) { $0 + $1.count + 1 })
        let first = try JSONValue.parse(Array(bytes.split(separator: 0x0A)[0])).objectValue!["hash"]!.stringValue!
        let inode = try #require(try FileSystem.status(log)).inode
        for record in ["decisionlog-pending 1 \(secondEnds) \(bytes.count + 900) 9 \(String(repeating: "0", count: 64)) end\n",
                       "decisionlog-pending 2 \(inode) \(secondEnds) \(bytes.count + 900) 1 \(first) 9 \(String(repeating: "0", count: 64)) end\n"] {
            try FileSystem.replaceFile(Paths.join(team.b, ".decisionlog/lock"), with: Array(record.utf8), durable: false)
            try team.sh("git add -f .decisionlog/lock && git commit -qm 'lock' && git push -q origin HEAD:main", in: team.b, who: "Mallory")
            try team.sh("git pull -q --no-rebase --no-edit origin main", in: team.a)
            #expect(try FileSystem.readFile(Paths.join(team.a, ".decisionlog/lock")) == Array(record.utf8))
            let shown = try team.sh("decisionlog show launches", in: team.a)
            #expect(["launch/l1", "launch/l2", "launch/l3"].allSatisfy(shown.stdout.contains), "\(shown.stdout)")
            #expect(shown.stderr.contains("warning: ") && shown.stderr.contains("it was ignored, and no event was hidden or removed"), "\(shown.stderr)")
            #expect(try team.sh("decisionlog verify", in: team.a).stdout.contains("Verified 3 events"))
            let before = try team.log(team.a)
            #expect(try team.sh("decisionlog repair", in: team.a).status == 0)
            #expect(try team.log(team.a) == before)
            try team.sh("git checkout -q -- .decisionlog/lock", in: team.a)
        }
        try team.sh("decisionlog add launch.shipped --subject launch/l1 --date 2025-09-01 >/dev/null && decisionlog verify >/dev/null", in: team.a)
    }

    /// Attack 4: `lock` delivered by git as a link to a file outside the log. `add` used to empty the target;
    /// now it refuses with the reason, and the target and the log are as they were. Readers are not misled.
    @Test func aLinkedLockFromGitWritesNowhere() throws {
        let team = try Team()
        try team.root.write("notes.txt", "my own notes\n")
        try team.sh("ln -s ../../notes.txt .decisionlog/lock && git add -f .decisionlog/lock && git commit -qm lock && git push -q origin HEAD:main", in: team.b, who: "Mallory")
        try team.sh("git pull -q --no-rebase --no-edit origin main && test -L .decisionlog/lock", in: team.a)
        let before = try team.log(team.a)
        let add = try team.sh("decisionlog add launch.shipped --subject launch/l1 --date 2025-09-01", in: team.a, status: 74)
        #expect(add.stderr.contains(".decisionlog/lock is a symbolic link, not a regular file of the log's own") && add.stderr.contains("run 'decisionlog repair'"), "\(add.stderr)")
        #expect(try FileSystem.readFile(Paths.join(team.root.path, "notes.txt")) == Array("my own notes\n".utf8))
        #expect(try team.log(team.a) == before)
        #expect(try team.sh("decisionlog show launches", in: team.a).stdout.contains("launch/l3"))
        // `repair` puts a lock file of the log's own in its place; the link's target is untouched.
        #expect(try team.sh("decisionlog repair", in: team.a).stdout.contains("Replaced the lock file, which was a symbolic link"))
        try team.sh("test ! -L .decisionlog/lock && decisionlog add launch.shipped --subject launch/l1 --date 2025-09-01 >/dev/null", in: team.a)
        #expect(try FileSystem.readFile(Paths.join(team.root.path, "notes.txt")) == Array("my own notes\n".utf8))
    }

    /// Attack 4, continued: a FIFO (or another non-regular file) where the log keeps a file is an error at once,
    /// never a hang; a link where the log keeps a folder leads nowhere.
    @Test(.timeLimit(.minutes(1))) func filesThatAreNotRegularFilesAreAClearError() throws {
        let workspace = Workspace().seeded()
        let events = Paths.join(workspace.log, "events.jsonl")
        try FileSystem.rename(events, to: events + ".real")
        #expect(mkfifo(events, 0o644) == 0)
        for command in [["verify"], ["log"], ["show", "launches"], ["add", "launch.shipped", "--subject", "launch/atlas", "--date", "2025-09-22"]] {
            let result = try Harness.launch(command, in: workspace.path, environment: ["XDG_STATE_HOME": workspace.stateHome])
            #expect(result.status == 74, "\(command)")
            #expect(result.stderr.contains("events.jsonl is a FIFO (named pipe), not a regular file"), "\(command): \(result.stderr)")
        }
        try FileSystem.removeFile(events)
        try FileSystem.rename(events + ".real", to: events)
        // A cache folder that is a link to somewhere else: checkpoints are not written there, answers still come.
        let elsewhere = Paths.join(workspace.path, "elsewhere")
        try FileSystem.makeDirectory(elsewhere)
        try FileSystem.removeTree(Paths.join(workspace.log, "cache"))
        #expect(symlink(elsewhere, Paths.join(workspace.log, "cache")) == 0)
        let shown = try Harness.launch(["show", "launches"], in: workspace.path, environment: ["XDG_STATE_HOME": workspace.stateHome, "DECISIONLOG_CHECKPOINT_EVERY": "1"])
        #expect(shown.status == 0 && shown.stdout.contains("launch/atlas"))
        #expect(try FileSystem.list(elsewhere).isEmpty)
        // A `.decisionlog` found by walking up that is a link (a repository can hold one) is not followed: it
        // could point at another user's log, which would then receive your decisions.
        let victim = Paths.join(workspace.path, "victim")
        try FileSystem.makeDirectory(victim)
        #expect(symlink(workspace.log, Paths.join(victim, ".decisionlog")) == 0)
        let before = workspace.logBytes()
        let add = try Harness.launch(["add", "launch.shipped", "--subject", "launch/atlas", "--date", "2025-09-22"], in: victim)
        #expect(add.status == 74 && add.stderr.contains("victim/.decisionlog is a symbolic link to"), "\(add.stderr)")
        #expect(workspace.logBytes() == before)
        #expect(try Harness.launch(["show", "launches", "--log", Paths.join(victim, ".decisionlog")], in: victim).status == 0)
    }

    /// Attack 5: a checkpoint cannot show what the log does not hold. Rebuilding checkpoints of a log changed
    /// in place is refused (so restoring the log cannot bring the changed text back), and a checkpoint made
    /// elsewhere — by hand, or another person's — is not used.
    @Test func checkpointsShowOnlyWhatTheLogHolds() throws {
        let workspace = Workspace().seeded()
        let events = Paths.join(workspace.log, "events.jsonl")
        let original = try FileSystem.readFile(events)
        let tampered = String(decoding: original, as: UTF8.self).replacingOccurrences(of: "Atlas GA", with: "Atlas GA (cancelled)")
        try FileSystem.replaceFile(events, with: Array(tampered.utf8), durable: false)
        let rebuild = workspace.run(["checkpoint", "--rebuild"])
        #expect(rebuild.status == 2)
        #expect(rebuild.stderr.contains("the log fails verification at event #1, so no checkpoint was written past it"), "\(rebuild.stderr)")
        try FileSystem.replaceFile(events, with: original, durable: false)
        #expect(workspace.run(["verify"]).status == 0)
        let shown = workspace.run(["show", "launches"], environment: ["DECISIONLOG_CHECKPOINT_EVERY": "1"])
        #expect(shown.stdout.contains("Atlas GA") && !shown.stdout.contains("cancelled"))

        // Another person's checkpoints (their own key) copied into this log folder are ignored and removed.
        #expect(workspace.run(["checkpoint"], environment: ["XDG_STATE_HOME": Paths.join(workspace.path, "mallory")]).status == 0)
        let verify = workspace.run(["verify"])
        #expect(verify.status == 0)
        #expect(verify.stderr.contains("warning: the checkpoint of launches at #3 was not written by your decisionlog, or was changed since (its MAC does not match); it was never used, and is removed"), "\(verify.stderr)")
        #expect(try FileSystem.list(Paths.join(workspace.log, "cache/checkpoints/launches")).isEmpty)
    }

    /// Attack 5b: the id index cannot make an append misjudge an id. Made by this person's own tool from a
    /// whole-log read, it answers `add --id` (a retry is found, a new id recorded); `verify` proves every entry
    /// against the log; one changed in place is never used, is named by `verify` and removed, and appends
    /// still find the id by reading the log; one made with someone else's key is never used.
    @Test func theIDIndexCannotMakeAnAppendMisjudgeAnID() throws {
        let workspace = Workspace().seeded()
        let every = ["DECISIONLOG_CHECKPOINT_EVERY": "2"]
        let id = "0190f3a0-0000-7000-8000-000000000001"
        let add = ["add", "goal.set", "--subject", "goal/retry", "--title", "Retry", "--timeframe", "2025-Q4", "--id", id]
        #expect(workspace.run(add, environment: every).status == 0)
        let index = Paths.join(workspace.log, "cache/ids.index")
        #expect(FileSystem.exists(index))
        let retry = workspace.run(add, environment: every)
        #expect(retry.status == 0 && retry.stdout.contains("Already recorded as #4"), "\(retry.stdout)\(retry.stderr)")
        let verify = workspace.run(["verify"])
        #expect(verify.status == 0 && verify.stdout.contains("Id index: places each of the first 3 events where the log has it."), "\(verify.stdout)")

        // An entry changed in place (the second event's line start): its block fails its hash, so no append
        // uses it; verify names it and removes it; the retry is still found.
        var bytes = try FileSystem.readFile(index)
        bytes[bytes.count - 40 * 2 + 24] ^= 0x40
        try FileSystem.replaceFile(index, with: bytes, durable: false)
        #expect(workspace.run(add, environment: every).stdout.contains("Already recorded as #4"))
        try FileSystem.replaceFile(index, with: bytes, durable: false)
        let caught = workspace.run(["verify"])
        #expect(caught.status == 0 && caught.stderr.contains("warning: the id index was not written by your decisionlog for this log, or was changed since; it was never used, and is removed"), "\(caught.stderr)")
        #expect(!FileSystem.exists(index))
        #expect(workspace.run(add, environment: every).stdout.contains("Already recorded as #4"))

        // Someone else's index (their own key) in this folder is not used, and is replaced.
        let mallory = Paths.join(workspace.path, "mallory")
        #expect(workspace.run(["add", "goal.set", "--subject", "goal/m", "--title", "M", "--timeframe", "2025-Q4", "--id", "0190f3a0-0000-7000-8000-000000000002"],
                              environment: every.merging(["XDG_STATE_HOME": mallory]) { $1 }).status == 0)
        #expect(workspace.run(add, environment: every).stdout.contains("Already recorded as #4"))
        #expect(workspace.run(["verify"]).stdout.contains("Id index: places each of the first 5 events"))
    }

    /// Attack 6: a schema that would hang or crash every teammate. A pattern that takes a backtracking engine
    /// minutes is harmless (the matcher is linear); a `$ref` loop is refused by `schema add`; arriving through
    /// a merge, the merge refuses it; arriving by a fast-forward (no merge), an `add` of its type says it
    /// cannot be used, and other types are unaffected. `--grep` with a catastrophic pattern answers at once.
    @Test(.timeLimit(.minutes(1))) func aHostileSchemaCannotHangOrCrashAnyone() throws {
        let team = try Team()
        try team.root.write("slow.json", #"{"type": "object", "properties": {"note": {"type": "string", "pattern": "^(\\w+\\s?)*$"}}}"#)
        try team.root.write("loop.json", ##"{"type": "object", "properties": {"note": {"$ref": "#"}}, "allOf": [{"$ref": "#"}]}"##)
        try team.sh("decisionlog schema add ../slow.json --type note.taken >/dev/null", in: team.b)
        let note = try team.sh("decisionlog add note.taken --subject note/n --note '\(String(repeating: "word ", count: 2_000)).'", in: team.b, status: 65)
        #expect(note.stderr.contains("payload.note: expected a text matching ^(\\w+\\s?)*$"), "\(note.stderr)")
        #expect(try team.sh("decisionlog schema add ../loop.json --type loop.taken", in: team.b, status: 65).stderr.contains("a $ref leads back to this schema without descending into the value"))
        // Mallory writes the registration into the log by hand.
        let registration = ##"{"id":"0199a0b0-0000-7000-8000-0000000000aa","type":"schema.registered","actor":{"name":"Mallory","role":"PM"},"subject":"schema/loop.taken","payload":{"schema":{"allOf":[{"$ref":"#"}],"properties":{"note":{"type":"string"}},"type":"object"},"type":"loop.taken","version":1}}"##
        try team.sh("python3 ../forge.py append \(team.events) '\(registration)' && decisionlog verify >/dev/null && git commit -qam schema && git push -q origin HEAD:main", in: team.b, who: "Mallory")
        // Through a merge: refused.
        try team.sh("decisionlog add launch.shipped --subject launch/l1 --date 2025-09-01 >/dev/null && git commit -qam ours", in: team.a)
        let pull = try team.sh("git pull --no-rebase --no-edit origin main 2>&1", in: team.a, status: 1)
        #expect(pull.stdout.contains("event #5 of the incoming log registers loop.taken v1 with a schema decisionlog refuses"), "\(pull.stdout)")
        try team.sh("git merge --abort && git reset -q --hard origin/main", in: team.a)
        // By a fast-forward: the log holds it; an add of the type is refused (it used to crash), others go on.
        let add = try team.sh("decisionlog add loop.taken --subject loop/n --note hello --actor Dana --role CMO", in: team.a, status: 65)
        #expect(add.stderr.contains("loop.taken v1's registered schema cannot be used"), "\(add.stderr)")
        try team.sh("decisionlog add launch.shipped --subject launch/l2 --date 2025-09-02 >/dev/null", in: team.a)
        try team.sh("decisionlog add launch.slipped --subject launch/l3 --date 2025-12-01 --reason '\(String(repeating: "a", count: 5_000))!' >/dev/null", in: team.a)
        let grep = try team.sh("decisionlog log --grep '^(a+)+$'", in: team.a)
        #expect(grep.stdout.contains("No events match"))
        let refused = try team.sh("decisionlog log --grep '(a)\\1'", in: team.a, status: 64)
        #expect(refused.stderr.contains("backreferences"))
    }

    /// Attack 7: text from the log reaches no terminal raw, CSV cells do not run as formulas (and import back as
    /// they were), Markdown shows HTML as text, and a megabyte value does not come back in an error.
    @Test func outputCarriesNoAttackToTheReader() throws {
        let workspace = Workspace().seeded()
        try workspace.write("forge.py", Self.forge)
        // C1 controls and bidi overrides pass `add`'s checks; C0 controls (ESC, BEL) arrive in a teammate's events.
        #expect(workspace.run(["add", "launch.slipped", "--subject", "launch/atlas", "--date", "2025-10-06", "--reason", "Pen-test \u{9B}2J \u{202E}gnp.exe",
                               "--actor", "=HYPERLINK(\"http://evil.example\")", "--role", "@CPO"]).status == 0)
        let events = Paths.join(workspace.log, "events.jsonl")
        let recorded = try FileSystem.readFile(events)
        #expect(try Harness.launch(shell: #"python3 forge.py rehash .decisionlog/events.jsonl 2 'Security review' 'Security review\u001b]0;pwned\u0007'"#, in: workspace.path).status == 0)
        let shown = try Harness.launch(["log"], in: workspace.path)
        #expect(!shown.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B || $0.value == 0x202E })
        #expect(shown.stdout.contains(#"Security review\u001b]0;pwned\u0007"#) && shown.stdout.contains(#"Pen-test \u009b2J \u202egnp.exe"#), "\(shown.stdout)")
        let typo = try Harness.launch(["add", "launch.slipped\u{1B}[2J"], in: workspace.path)
        #expect(typo.status == 65 && !typo.stderr.contains("\u{1B}") && typo.stderr.contains(#"launch.slipped\u001b[2J"#), "\(typo.stderr)")
        // JSON Lines to a file or pipe stays the log's exact bytes.
        #expect(try Harness.launch(["log", "--format", "jsonl"], in: workspace.path).stdout == String(decoding: try FileSystem.readFile(events), as: UTF8.self))
        try FileSystem.replaceFile(events, with: recorded, durable: false)

        let csv = try Harness.launch(["export", "--format", "csv"], in: workspace.path)
        #expect(csv.stdout.contains(#""'=HYPERLINK(""http://evil.example"")",'@CPO"#), "\(csv.stdout)")
        try workspace.write("export.csv", csv.stdout)
        let copy = Workspace()
        #expect(copy.run(["init", "--time-zone", "UTC"]).status == 0)
        #expect(copy.run(["import", Paths.join(workspace.path, "export.csv")]).status == 0)
        let original = try JSONValue.parse(Array(try FileSystem.readFile(Paths.join(workspace.log, "events.jsonl")).split(separator: 0x0A)[3]))
        let imported = try JSONValue.parse(Array(try FileSystem.readFile(Paths.join(copy.log, "events.jsonl")).split(separator: 0x0A)[3]))
        for member in ["id", "actor", "reason", "payload", "effectiveAt"] { #expect(original.objectValue![member] == imported.objectValue![member], "\(member)") }

        #expect(workspace.run(["add", "decision.recorded", "--subject", "decision/x", "--title", "<script>alert(1)</script> [go](javascript:alert(1))",
                               "--status", "accepted", "--actor", "Dana Reyes", "--role", "CMO"]).status == 0)
        let markdown = workspace.run(["export", "--format", "markdown"]).stdout
        #expect(markdown.contains(#"&lt;script&gt;alert(1)&lt;/script&gt; \[go\](javascript:alert(1))"#) && !markdown.contains("<script>"), "\(markdown)")

        let huge = workspace.run(["add", "launch.slipped", "--subject", "launch/atlas", "--date", "2025-10-06", "--effective", String(repeating: "9", count: 1_000_000)])
        #expect(huge.status != 0 && huge.stderr.utf8.count < 2_000, "\(huge.stderr.utf8.count) bytes")
    }

    /// Attack 9: a merge killed part-way left a copy of the log in /tmp each time. Each merge now removes the
    /// folders (its user's) that merges whose process is gone left, and its own. An allowed_signers line whose
    /// principals match anyone is warned about.
    @Test func mergesLeaveNothingBehindAndWildcardSignersAreNamed() throws {
        let team = try Team()
        let temporary = Paths.join(team.root.path, "tmp")
        try FileSystem.makeDirectory(temporary)
        // The folder of a merge whose process is gone (a process that ran and ended).
        let gone = try Harness.launch(shell: "echo $$", in: team.root.path).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try FileSystem.makeDirectories(Paths.join(temporary, "decisionlog-merge-\(gone)-x1/theirs"))
        try team.root.write("tmp/.keep", "")
        try team.sh("decisionlog add launch.slipped --subject launch/l2 --date 2025-11-01 --actor 'Lee Park' --role CPO >/dev/null && git commit -qam theirs && git push -q origin HEAD:main", in: team.b)
        try team.sh("decisionlog add launch.slipped --subject launch/l1 --date 2025-10-15 >/dev/null && git commit -qam ours && TMPDIR=\(temporary) git pull -q --no-rebase --no-edit origin main", in: team.a)
        #expect(try FileSystem.list(temporary) == [".keep"])

        try team.sh("ssh-keygen -q -t ed25519 -N '' -C '' -f ../mallory && printf '* %s\\n' \"$(cut -d' ' -f1,2 ../mallory.pub)\" > .decisionlog/allowed_signers", in: team.a)
        let check = try team.sh("decisionlog verify --signatures", in: team.a, status: 2)
        #expect(check.stderr.contains(#"allowed_signers:1: the principals "*" match more than one name, so that key can sign as any of them"#), "\(check.stderr)")
    }
}
