import DecisionLog
import Foundation
import Testing
import DecisionLogTestSupport

/// Signed authorship with real ssh-keygen keys: `config set signing.key`, signed appends and imports, and
/// `verify --signatures` against the log's allowed_signers.
@Suite(.tags(.ssh), .skippable(.ssh))
struct SigningTests {
    /// A log whose default decider is Dana Reyes, a settings folder of the test's own, and ed25519 keys made by
    /// ssh-keygen for each of `people` (file names: their first names, lowercased).
    private func workspace(keys people: [String]) throws -> (Workspace, [String: String]) {
        let workspace = Workspace()
        let environment = ["XDG_CONFIG_HOME": Paths.join(workspace.path, "xdg")]
        #expect(workspace.run(["init", "--time-zone", "UTC", "--actor", "Dana Reyes", "--role", "CMO"], environment: environment).status == 0)
        for person in people {
            let name = person.split(separator: " ")[0].lowercased()
            let made = try Harness.launch(shell: "ssh-keygen -q -t ed25519 -N '' -C '' -f \(name)", in: workspace.path)
            try #require(made.status == 0, "\(made.stderr)")
        }
        return (workspace, environment)
    }

    /// The allowed-signers line for `person`'s key.
    private func allowed(_ person: String, in workspace: Workspace) throws -> String {
        let name = person.split(separator: " ")[0].lowercased()
        let key = String(decoding: try FileSystem.readFile(Paths.join(workspace.path, name + ".pub")), as: UTF8.self).split(separator: " ")
        return "\"\(person)\" \(key[0]) \(key[1])\n"
    }

    private func events(_ workspace: Workspace) throws -> [JSONObject] {
        try String(decoding: try FileSystem.readFile(Paths.join(workspace.log, "events.jsonl")), as: UTF8.self)
            .split(separator: "\n").map { try #require(try JSONValue.parse(Array($0.utf8)).objectValue) }
    }

    /// Replaces the signature of event #`target` with that of #`source` (both signed), by hand in the file.
    private func giveSignature(of source: Int, to target: Int, in workspace: Workspace) throws {
        var lines = String(decoding: workspace.logBytes()["events.jsonl"]!, as: UTF8.self).split(separator: "\n").map(String.init)
        let signature = { (line: String) in try #require(line.range(of: #","signature":"#)).lowerBound }
        let carried = lines[source - 1][try signature(lines[source - 1])...]
        lines[target - 1] = String(lines[target - 1][..<(try signature(lines[target - 1]))] + carried)
        try FileSystem.replaceFile(Paths.join(workspace.log, "events.jsonl"), with: Array((lines.joined(separator: "\n") + "\n").utf8), durable: false)
    }

    @Test func theKeyIsPersonalAndEveryAddAndEachImportIsSigned() throws {
        let (workspace, user) = try workspace(keys: ["Dana Reyes"])
        let set = workspace.run(["config", "set", "signing.key", "dana"], environment: user)
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout.contains("in your settings") && set.stdout.contains("never in the shared log"))
        let settings = String(decoding: try FileSystem.readFile(Paths.join(workspace.path, "xdg/decisionlog/config")), as: UTF8.self)
        #expect(settings.contains("signing.key = \(Paths.join(workspace.path, "dana"))"))
        #expect(!String(decoding: workspace.logBytes()["config.json"]!, as: UTF8.self).contains("signing"))
        // The line to add to allowed_signers is printed; it is the one ssh-keygen needs.
        let printed = try #require(set.stdout.split(separator: "\n").last.map { String($0).trimmingWhitespace })
        #expect(printed + "\n" == (try allowed("Dana Reyes", in: workspace)))
        try FileSystem.replaceFile(Paths.join(workspace.log, "allowed_signers"), with: Array((printed + "\n").utf8), durable: false)

        for subject in ["launch/atlas", "launch/nova"] {
            let add = workspace.run(["add", "launch.scheduled", "--subject", subject, "--name", "A", "--date", "2025-09-01"], environment: user)
            #expect(add.status == 0 && add.stdout.hasSuffix(", signed\n"), "\(add.stdout)\(add.stderr)")
        }
        try workspace.write("drafts.jsonl", (1...3).map { #"{"type":"priority.changed","subject":"feature/f\#($0)","payload":{"framework":"rank","to":\#($0)}}"# }.joined(separator: "\n"))
        let imported = workspace.run(["import", "drafts.jsonl"], environment: user)
        #expect(imported.stdout.contains("Imported 3 events (#3–#5) from drafts.jsonl; signed once, on #5, for all 3"), "\(imported.stdout)\(imported.stderr)")
        let signatures = try events(workspace).map { $0["signature"]?.objectValue }
        #expect(signatures.map { $0 != nil } == [true, true, false, false, true])
        #expect(signatures[4]?["events"]?.numberValue == 3 && signatures[0]?["events"] == nil)

        let verified = workspace.run(["verify", "--signatures"], environment: user)
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout.contains("Signatures: every one of the 5 events is signed by its actor (3 signatures checked against \(Paths.join(workspace.log, "allowed_signers"))).\n"), "\(verified.stdout)")
        // A dry run signs nothing and writes nothing.
        let before = workspace.logBytes()
        #expect(workspace.run(["add", "goal.set", "--subject", "goal/x", "--title", "X", "--timeframe", "2025", "--dry-run"], environment: user).status == 0)
        #expect(workspace.logBytes() == before)
    }

    @Test func verifyNamesUnsignedForeignUnknownAndAlteredSignatures() throws {
        let (workspace, user) = try workspace(keys: ["Dana Reyes", "Lee Park", "Kim Ode"])
        try FileSystem.replaceFile(Paths.join(workspace.log, "allowed_signers"),
                                   with: Array((try allowed("Dana Reyes", in: workspace) + allowed("Lee Park", in: workspace)).utf8), durable: false)
        func add(_ subject: String, key: String?) {
            let environment = user.merging(["DECISIONLOG_SIGNING_KEY": key.map { Paths.join(workspace.path, $0) } ?? ""]) { $1 }
            let result = workspace.run(["add", "goal.set", "--subject", subject, "--title", "T", "--timeframe", "2025"], environment: environment)
            #expect(result.status == 0, "\(result.stderr)")
        }
        add("goal/unsigned", key: nil)
        add("goal/signed", key: "dana")
        add("goal/by-lee", key: "lee")
        add("goal/by-kim", key: "kim")
        add("goal/good", key: "dana")
        add("goal/altered", key: "dana")
        // Give #6 the signature of #5: well-formed, from a listed key, but not over #6's hash.
        try giveSignature(of: 5, to: 6, in: workspace)

        #expect(workspace.run(["verify"], environment: user).status == 0)
        let before = workspace.logBytes()
        let result = workspace.run(["verify", "--signatures"], environment: user)
        #expect(result.status == 2)
        #expect(result.stdout.contains("Signatures: 2 of 6 events signed by their actor (5 signatures checked against"), "\(result.stdout)")
        let listed = result.stdout.split(separator: "\n").filter { $0.hasPrefix("  #") }.map { String($0.dropFirst(2)) }
        #expect(listed.count == 4)
        #expect(listed[0] == "#1 (Dana Reyes): not signed")
        #expect(listed[1] == "#3 (Dana Reyes): signed by Lee Park, not by the actor")
        #expect(listed[2].hasPrefix("#4 (Dana Reyes): signed with a key allowed_signers does not list (SHA256:"))
        #expect(listed[3] == "#6 (Dana Reyes): the signature does not verify: the event or its signature was changed")
        #expect(result.stderr == "Error: 4 of 6 events are not signed by their actor (listed above); sign new events with 'decisionlog config set signing.key <key>' and list each member's key in allowed_signers\n")
        #expect(workspace.logBytes() == before)
    }

    @Test func historyFromBeforeSigningIsLetBeWithSignedFromWhileItsSignaturesAreStillChecked() throws {
        let (workspace, user) = try workspace(keys: ["Dana Reyes"])
        try FileSystem.replaceFile(Paths.join(workspace.log, "allowed_signers"), with: Array(try allowed("Dana Reyes", in: workspace).utf8), durable: false)
        let signing = user.merging(["DECISIONLOG_SIGNING_KEY": Paths.join(workspace.path, "dana")]) { $1 }
        for (subject, environment) in [("goal/a", user), ("goal/b", user), ("goal/c", signing), ("goal/d", signing)] {
            #expect(workspace.run(["add", "goal.set", "--subject", subject, "--title", "T", "--timeframe", "2025"], environment: environment).status == 0)
        }
        // The team began signing at #3: verify says so and how to let the older events be.
        let strict = workspace.run(["verify", "--signatures"], environment: user)
        #expect(strict.status == 2 && strict.stdout.contains("  #1–#2 (Dana Reyes): not signed\n"), "\(strict.stdout)")
        #expect(strict.stderr == "Error: 2 of 4 events are not signed by their actor (listed above); if the events before #3 predate signing, let them be with '--signed-from 3'\n")
        let lenient = workspace.run(["verify", "--signatures", "--signed-from", "3"], environment: user)
        #expect(lenient.status == 0, "\(lenient.stderr)")
        #expect(lenient.stdout.hasSuffix("Signatures: every event from #3 on is signed by its actor (2 signatures checked against \(Paths.join(workspace.log, "allowed_signers"))); 2 unsigned events before #3 let be (--signed-from 3).\n"), "\(lenient.stdout)")

        // Bad values are usage errors that change nothing.
        workspace.expectRefused(["verify", "--signatures", "--signed-from", "0"], status: 64, message: "Error: The value '0' is invalid for '--signed-from <seq>'", environment: user)
        workspace.expectRefused(["verify", "--signatures", "--signed-from", "5"], status: 64, message: "the log's last event is #4, so no event would need a signature", environment: user)
        workspace.expectRefused(["verify", "--signed-from", "3"], status: 64, message: "'--signed-from' only applies with '--signatures'", environment: user)

        // An event before the boundary is let be only when unsigned: a signature it carries must still hold.
        try giveSignature(of: 4, to: 3, in: workspace)
        let altered = workspace.run(["verify", "--signatures", "--signed-from", "4"], environment: user)
        #expect(altered.status == 2)
        #expect(altered.stdout.contains("Signatures: 1 of 4 events signed by their actor (2 signatures checked against \(Paths.join(workspace.log, "allowed_signers"))); 2 unsigned events before #4 let be (--signed-from 4); 1 is not:\n  #3 (Dana Reyes): the signature does not verify"), "\(altered.stdout)")
    }

    @Test func aKeyThatCannotSignIsRefusedAndChangesNothing() throws {
        let (workspace, user) = try workspace(keys: [])
        workspace.expectRefused(["config", "set", "signing.key", "missing"], status: 65, message: "no key at \(Paths.join(workspace.path, "missing"))", environment: user)
        #expect(!String(decoding: (try? FileSystem.readFile(Paths.join(workspace.path, "xdg/decisionlog/config"))) ?? [], as: UTF8.self).contains("signing.key"))
        try workspace.write("not-a-key", "hello\n")
        let broken = user.merging(["DECISIONLOG_SIGNING_KEY": Paths.join(workspace.path, "not-a-key")]) { $1 }
        workspace.expectRefused(["add", "goal.set", "--subject", "goal/x", "--title", "X", "--timeframe", "2025"], status: 78,
                                message: "Error: cannot sign with \(Paths.join(workspace.path, "not-a-key")): ", environment: broken)
        try workspace.write("drafts.jsonl", #"{"type":"priority.changed","subject":"feature/f","payload":{"framework":"rank","to":1}}"#)
        workspace.expectRefused(["import", "drafts.jsonl"], status: 78, message: "cannot sign with", environment: broken)
        workspace.expectRefused(["config", "set", "signing.key", ""], status: 65, message: "no key at", environment: user)
        #expect(workspace.run(["add", "goal.set", "--subject", "goal/x", "--title", "X", "--timeframe", "2025"], environment: user).status == 0)
        workspace.expectRefused(["verify", "--signatures"], status: 2, message: "cannot check signatures: there is no \(Paths.join(workspace.log, "allowed_signers"))", environment: user)
    }

    @Test(.enabled(if: FileSystem.exists("/usr/bin/ssh-agent")))
    func aPublicKeyWorksWhileSSHAgentHoldsItsPrivateHalf() throws {
        let (workspace, user) = try workspace(keys: ["Dana Reyes"])
        try FileSystem.replaceFile(Paths.join(workspace.log, "allowed_signers"), with: Array(try allowed("Dana Reyes", in: workspace).utf8), durable: false)
        let add = #""$DECISIONLOG" add goal.set --subject goal/x --title X --timeframe 2025"#
        let withPublicKey = user.merging(["DECISIONLOG_SIGNING_KEY": Paths.join(workspace.path, "dana.pub")]) { $1 }
        // A real agent holds the private key, which then leaves the disk: only the agent can sign. The agent
        // runs in the foreground of this script, which stops it before it ends (with SIGKILL: the test runner
        // blocks the other signals, and what it starts inherits that).
        let signed = try Harness.launch(shell: """
            ssh-agent -D -a agent.sock >/dev/null 2>&1 </dev/null & agent=$!
            for _ in $(seq 100); do [ -S agent.sock ] && break; sleep 0.05; done
            export SSH_AUTH_SOCK=$PWD/agent.sock
            ssh-add -q dana && rm dana && \(add); status=$?
            kill -9 $agent; exit $status
            """, in: workspace.path, environment: withPublicKey)
        #expect(signed.status == 0 && signed.stdout.hasSuffix(", signed\n"), "\(signed.stdout)\(signed.stderr)")
        #expect(!FileSystem.exists(Paths.join(workspace.path, "dana")))
        #expect(try Harness.launch(["verify", "--signatures"], in: workspace.path, environment: user).status == 0)
        // Without the agent, the public key alone cannot sign: refused, and nothing is written.
        let before = workspace.logBytes()
        let refused = try Harness.launch(shell: add, in: workspace.path, environment: withPublicKey)
        #expect(refused.status == 78 && refused.stderr.hasPrefix("Error: cannot sign with \(Paths.join(workspace.path, "dana.pub")): "), "\(refused.stderr)")
        #expect(workspace.logBytes() == before)
    }

    /// The fenced block of `language` that follows `heading` in docs/format.md.
    private func recipe(_ language: String, after heading: String) throws -> String {
        let docs = Paths.join(Paths.parent(of: Paths.parent(of: Paths.parent(of: #filePath))), "docs/format.md")
        let text = String(decoding: try FileSystem.readFile(docs), as: UTF8.self)
        let section = try #require(text.range(of: heading)).upperBound
        let start = try #require(text.range(of: "```\(language)\n", range: section..<text.endIndex)).upperBound
        return String(text[start..<(try #require(text.range(of: "```", range: start..<text.endIndex)).lowerBound)])
    }

    @Test(.enabled(if: FileSystem.exists("/usr/bin/python3") && FileSystem.exists("/usr/bin/jq")))
    func theFormatsRecipesCheckASignedLogByHand() throws {
        let (workspace, user) = try workspace(keys: ["Dana Reyes"])
        let signed = user.merging(["DECISIONLOG_SIGNING_KEY": Paths.join(workspace.path, "dana")]) { $1 }
        #expect(workspace.run(["add", "goal.set", "--subject", "goal/x", "--title", "X", "--timeframe", "2025"], environment: user).status == 0)
        #expect(workspace.run(["add", "goal.set", "--subject", "goal/y", "--title", "Y", "--timeframe", "2025"], environment: signed).status == 0)
        try FileSystem.replaceFile(Paths.join(workspace.log, "allowed_signers"), with: Array(try allowed("Dana Reyes", in: workspace).utf8), durable: false)
        try workspace.write("check.py", try recipe("python", after: "### The hash chain"))
        let python = try Harness.launch(shell: "python3 check.py", in: workspace.path)
        #expect(python.status == 0, "\(python.stderr)")
        let shell = try recipe("sh", after: "### Signatures").replacingOccurrences(of: "sed -n 24p", with: "sed -n 2p")
        let verified = try Harness.launch(shell: shell, in: workspace.path)
        #expect(verified.status == 0 && verified.stdout.hasPrefix("Good \"decisionlog\" signature for Dana Reyes"), "\(verified.stdout)\(verified.stderr)")
        // Changed by one byte, the Python check names the line.
        let events = Paths.join(workspace.log, "events.jsonl")
        let text = String(decoding: try FileSystem.readFile(events), as: UTF8.self)
        try FileSystem.replaceFile(events, with: Array(text.replacingOccurrences(of: #""title":"Y""#, with: #""title":"Z""#).utf8), durable: false)
        #expect(try Harness.launch(shell: "python3 check.py", in: workspace.path).stderr.contains("line 2 was changed"))
    }
}
