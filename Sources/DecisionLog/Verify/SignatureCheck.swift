/// Proves who vouched for each event: checks every signature in a log with `ssh-keygen -Y verify` against
/// the log's `allowed_signers` (the team's keys, each under the actor name it signs as), and finds the events
/// no signature vouches for and those whose signer is not their actor.
public enum SignatureCheck {
    /// What a check needs of one event.
    public struct Entry: Sendable {
        /// The event's seq.
        public let seq: Int
        /// The decider's name, which must be the signer's.
        public let actor: String
        /// The event's hash, which its signature signs.
        public let hash: Digest
        /// Its signature, when it carries one.
        public let signature: EventSignature?

        /// What a check needs of `event`.
        public init(_ event: Event) {
            seq = event.seq
            actor = event.actor.name
            hash = event.hash
            signature = event.signature
        }
    }

    /// Something wrong with the signing of a run of events that share it.
    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        /// What is wrong.
        public enum Kind: Sendable, Equatable {
            /// No signature vouches for the events.
            case unsigned
            /// A valid signature from a listed key, but not one listed for the events' actor.
            case signedByOther(signers: [String])
            /// A valid signature from a key `allowed_signers` does not list (its fingerprint).
            case unknownKey(fingerprint: String)
            /// The signature does not verify: the event or its signature was changed.
            case invalid
        }
        /// The events, by seq.
        public let seqs: ClosedRange<Int>
        /// Their actor.
        public let actor: String
        /// What is wrong.
        public let kind: Kind
        /// The seq of the event carrying the signature, when one is involved.
        public let signatureSeq: Int?

        public var description: String {
            let events = seqs.count == 1 ? "#\(seqs.lowerBound)" : "#\(seqs.lowerBound)–#\(seqs.upperBound)"
            let carried = signatureSeq.map { $0 == seqs.upperBound && seqs.count == 1 ? "" : " (the signature on #\($0))" } ?? ""
            switch kind {
            case .unsigned: return "\(events) (\(actor)): not signed"
            case .signedByOther(let signers): return "\(events) (\(actor)): signed by \(signers.joined(separator: ", ")), not by the actor\(carried)"
            case .unknownKey(let fingerprint): return "\(events) (\(actor)): signed with a key allowed_signers does not list (\(fingerprint))\(carried)"
            case .invalid: return "\(events) (\(actor)): the signature does not verify: the event or its signature was changed\(carried)"
            }
        }
    }

    /// The outcome of a check.
    public struct Report: Sendable {
        /// How many events were checked.
        public let events: Int
        /// How many signatures they carry.
        public let signatures: Int
        /// How many events a valid signature of their actor vouches for.
        public let signedByActor: Int
        /// How many unsigned events were let be because they come before the seq signing is required from.
        public let exempt: Int
        /// The seq of the first event any signature vouches for (nil when none does).
        public let firstVouched: Int?
        /// Everything else, in seq order, consecutive events with the same finding together.
        public let findings: [Finding]
        /// Lines of `allowed_signers` whose principals are patterns or lists, with their line numbers: such a key
        /// may sign as every name they match, so a signature from it proves less than it seems to.
        public let broadPrincipals: [(line: Int, principals: String)]
    }

    /// Checks `entries` (a whole log, in seq order) against the allowed-signers file at `allowedSigners`; an
    /// unsigned event before seq `requiredFrom` (history from before the team signed) is let be, while any
    /// signature it carries is still checked.
    /// Throws `LogError`: `.integrity` when there is no such file, `.signing` when ssh-keygen cannot be run.
    public static func check(_ entries: [Entry], allowedSigners: String, requiredFrom: Int = 1,
                             environment: [String: String]) throws(LogError) -> Report {
        guard FileSystem.exists(allowedSigners) else {
            throw LogError(.integrity, "cannot check signatures: there is no \(allowedSigners)",
                           hint: "list each member's public key there, one '\"<actor name>\" <key type> <key>' a line, and commit it")
        }
        // ssh-keygen reads a copy made in a private folder: never, through a link in the log folder, another file.
        let signers: [UInt8]
        do throws(SystemError) { signers = try FileSystem.readFile(allowedSigners, mode: .read.inLog) } catch {
            throw LogError.system(error, doing: "read the allowed signers")
        }
        guard ProcessFacts.run(["ssh-keygen", "-Y", "verify"]) != nil else {
            throw LogError(.signing, "cannot check signatures: ssh-keygen is not installed", hint: "install OpenSSH's ssh-keygen")
        }
        let (signed, runs, vouchedBy) = coverage(of: entries)
        let work: String
        do throws(SystemError) { work = try FileSystem.makeTemporaryDirectory(prefix: "decisionlog-signatures-", environment: environment) } catch {
            throw LogError.system(error, doing: "make a folder for checking signatures")
        }
        defer { try? FileSystem.removeTree(work) }
        let copy = Paths.join(work, "allowed_signers")
        do throws(SystemError) { try FileSystem.replaceFile(copy, with: signers, durable: false) } catch {
            throw LogError.system(error, doing: "copy the allowed signers")
        }
        let verdicts = ParallelMapping.map(count: signed.count, minimum: 2) {
            { position in
                let index = signed[position]
                let actors = Set(runs[position].map { entries[$0].actor })
                return verdict(on: entries[index], actors: actors, allowedSigners: copy, folder: work)
            }
        }
        var verdictBySignature: [Int: [String: Finding.Kind]] = [:]
        for (position, index) in signed.enumerated() { verdictBySignature[index] = verdicts[position] }

        var findings: [Finding] = []
        var good = 0
        var exempt = 0
        for (index, entry) in entries.enumerated() {
            guard let carrier = vouchedBy[index] else {
                if entry.seq < requiredFrom { exempt += 1; continue }
                append(Finding(seqs: entry.seq...entry.seq, actor: entry.actor, kind: .unsigned, signatureSeq: nil), to: &findings)
                continue
            }
            guard let kind = verdictBySignature[carrier]?[entry.actor] else { good += 1; continue }
            append(Finding(seqs: entry.seq...entry.seq, actor: entry.actor, kind: kind, signatureSeq: entries[carrier].seq), to: &findings)
        }
        let firstVouched = vouchedBy.firstIndex { $0 != nil }.map { entries[$0].seq }
        return Report(events: entries.count, signatures: signed.count, signedByActor: good, exempt: exempt,
                      firstVouched: firstVouched, findings: findings, broadPrincipals: broadPrincipals(in: signers))
    }

    /// The lines of an allowed-signers file whose principals can match more than one name: a pattern (`*`,
    /// `?`), a negation (`!`) or a comma-separated list. ssh-keygen accepts a signature from such a key as
    /// any name the principals match (`* ssh-ed25519 …` signs as anyone).
    static func broadPrincipals(in bytes: [UInt8]) -> [(line: Int, principals: String)] {
        var found: [(line: Int, principals: String)] = []
        for (index, raw) in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.drop { $0 == " " || $0 == "\t" }
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let principals: Substring
            if line.hasPrefix("\"") {
                principals = line.dropFirst().prefix { $0 != "\"" }
            } else {
                principals = line.prefix { $0 != " " && $0 != "\t" }
            }
            if principals.contains(where: { $0 == "*" || $0 == "?" || $0 == "!" || $0 == "," }) {
                found.append((index + 1, String(principals)))
            }
        }
        return found
    }

    /// The indices of the signed entries, and for each entry the index of the signature that vouches for it.
    /// A signature's run ends at its own event and reaches back no further than the event after the previous
    /// signature (`EventSignature.run`): runs never overlap, so a run claiming a billion events costs nothing.
    static func coverage(of entries: [Entry]) -> (signed: [Int], runs: [ClosedRange<Int>], vouchedBy: [Int?]) {
        var vouchedBy = [Int?](repeating: nil, count: entries.count)
        var signed: [Int] = [], runs: [ClosedRange<Int>] = []
        for (index, entry) in entries.enumerated() {
            guard let signature = entry.signature else { continue }
            let run = EventSignature.run(endingAt: index, claiming: signature.events, after: signed.last)
            for covered in run { vouchedBy[covered] = index }
            signed.append(index)
            runs.append(run)
        }
        return (signed, runs, vouchedBy)
    }

    /// Adds `finding` to `findings`, joining it to the last one when it continues that run.
    private static func append(_ finding: Finding, to findings: inout [Finding]) {
        if let last = findings.last, last.kind == finding.kind, last.actor == finding.actor, last.signatureSeq == finding.signatureSeq,
           last.seqs.upperBound + 1 == finding.seqs.lowerBound {
            findings[findings.count - 1] = Finding(seqs: last.seqs.lowerBound...finding.seqs.upperBound, actor: last.actor, kind: last.kind, signatureSeq: last.signatureSeq)
        } else {
            findings.append(finding)
        }
    }

    /// What is wrong with `entry`'s signature for each of `actors` it does not validly come from (empty when
    /// it is a valid signature of every one of them).
    private static func verdict(on entry: Entry, actors: Set<String>, allowedSigners: String, folder: String) -> [String: Finding.Kind] {
        let signature = entry.signature!
        let message = EventSignature.message(for: entry.hash, events: signature.events)
        let file = Paths.join(folder, "\(entry.seq).sig")
        guard (try? FileSystem.replaceFile(file, with: Array(signature.armored.utf8), durable: false)) != nil else {
            return Dictionary(uniqueKeysWithValues: actors.map { ($0, .invalid) })
        }
        func verifies(as principal: String) -> Bool {
            ProcessFacts.run(["ssh-keygen", "-Y", "verify", "-f", allowedSigners, "-I", principal, "-n", EventSignature.namespace, "-s", file],
                             input: message)?.status == 0
        }
        let failed = actors.filter { !verifies(as: $0) }
        guard !failed.isEmpty else { return [:] }
        // Not the actor's: whose, if anyone's?
        let kind: Finding.Kind
        let found = ProcessFacts.run(["ssh-keygen", "-Y", "find-principals", "-f", allowedSigners, "-s", file])
        let principals = found.flatMap { $0.status == 0 ? $0.output.split(separator: "\n").map(String.init) : nil } ?? []
        if let signer = principals.first {
            kind = verifies(as: signer) ? .signedByOther(signers: principals) : .invalid
        } else if let check = ProcessFacts.run(["ssh-keygen", "-Y", "check-novalidate", "-n", EventSignature.namespace, "-s", file], input: message),
                  check.status == 0 {
            let fingerprint = check.output.split(separator: " ").last { $0.hasPrefix("SHA256:") }.map { String($0).trimmingWhitespace } ?? "unknown key"
            kind = .unknownKey(fingerprint: fingerprint)
        } else {
            kind = .invalid
        }
        return Dictionary(uniqueKeysWithValues: failed.map { ($0, kind) })
    }
}
