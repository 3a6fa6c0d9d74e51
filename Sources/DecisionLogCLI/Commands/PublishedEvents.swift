import DecisionLog

/// What others already have of a log shared through git: the events in the log's file at the positions the
/// remote-tracking refs held here — now, and after and before each of their last `reflogDepth` updates, so
/// that events a force-push dropped still count as published. The branch's upstream is looked at first; at
/// most `versionsSearched` versions of the file are read, and beyond that the answer is `.incomplete` (a
/// merge that must choose a side is then refused, never guessed). The merge driver keeps the side that holds
/// them.
enum PublishedEvents {
    /// How many of a ref's latest updates (each with the position before it) are looked at.
    static let reflogDepth = 5
    /// The most versions of the file searched; beyond it the answer is `.incomplete`, never a guess (a teammate
    /// could push many branches to hide the real positions).
    static let versionsSearched = 64

    /// Which of `hashes` the file at `path` (relative to the repository's top) holds at the positions above,
    /// for the repository in `repository`; `.noRemote` outside a repository or without remote-tracking refs.
    static func among(_ hashes: Set<Digest>, path: String, repository: String) -> LogMerge.Published {
        func git(_ arguments: [String], input: [UInt8] = []) -> String? {
            guard let result = ProcessFacts.run(["git", "-C", repository] + arguments, input: input), result.status == 0 else { return nil }
            return result.output
        }
        // Outside a repository (the driver run by hand) there is no remote.
        guard git(["rev-parse", "--git-dir"]) != nil else { return .noRemote }
        guard let listed = git(["for-each-ref", "--format=%(refname)", "refs/remotes"]) else { return .incomplete("git could not list the remote-tracking refs") }
        let remotes = listed.split(separator: "\n").map(String.init).filter { !$0.hasSuffix("/HEAD") }
        guard !remotes.isEmpty else { return .noRemote }
        guard !hashes.isEmpty else { return .found([]) }
        let first = upstream(git).flatMap { remotes.contains($0) ? $0 : nil }
        let refs = (first.map { [$0] } ?? []) + remotes.filter { $0 != first }
        var commits: [String] = [], seen: Set<String> = []
        for ref in refs {
            for commit in positions(of: ref, git) where seen.insert(commit).inserted { commits.append(commit) }
        }
        // One commit for each distinct version of the file.
        let query = Array(commits.map { "\($0):\(path)\n" }.joined().utf8)
        guard query.count <= 60_000, let blobs = git(["cat-file", "--batch-check=%(objectname) %(objecttype)"], input: query) else {
            return .incomplete("the remote-tracking refs hold too many positions to look at")
        }
        var versions: [String] = [], blobsSeen: Set<Substring> = []
        for (commit, line) in zip(commits, blobs.split(separator: "\n", omittingEmptySubsequences: false)) {
            let fields = line.split(separator: " ")
            if fields.count == 2, fields[1] == "blob", blobsSeen.insert(fields[0]).inserted { versions.append(commit) }
        }
        guard versions.count <= versionsSearched, hashes.count <= 1_100 else {
            return .incomplete("the remote branches hold \(versions.count) versions of the log, more than the \(versionsSearched) it reads")
        }
        guard !versions.isEmpty else { return .found([]) }
        let search = ["grep", "--no-color", "-h", "-o", "-F"] + hashes.flatMap { ["-e", $0.hex] } + versions + ["--", path]
        guard let result = ProcessFacts.run(["git", "-C", repository] + search), result.status == 0 || result.status == 1 else {
            return .incomplete("git could not search the remote branches' versions of the log")
        }
        return .found(Set(result.output.split(separator: "\n").compactMap { Digest(hex: String($0)) }).intersection(hashes))
    }

    /// The remote-tracking ref the checked-out branch follows (the branch being rebased, in a rebase).
    private static func upstream(_ git: ([String], [UInt8]) -> String?) -> String? {
        var branch = git(["symbolic-ref", "-q", "HEAD"], [])?.trimmingWhitespace
        if branch == nil {
            for folder in ["rebase-merge", "rebase-apply"] {
                guard let file = git(["rev-parse", "--path-format=absolute", "--git-path", "\(folder)/head-name"], [])?.trimmingWhitespace,
                      let bytes = try? FileSystem.readFile(file) else { continue }
                branch = String(decoding: bytes, as: UTF8.self).trimmingWhitespace
                break
            }
        }
        guard let branch, branch.hasPrefix("refs/heads/"),
              let upstream = git(["for-each-ref", "--format=%(upstream)", branch], [])?.trimmingWhitespace, upstream.hasPrefix("refs/remotes/")
        else { return nil }
        return upstream
    }

    /// The positions `ref` held here: now, and after and before each of its last `reflogDepth` updates (the
    /// reflog's old positions count: a fresh clone's first position is only ever an old one).
    private static func positions(of ref: String, _ git: ([String], [UInt8]) -> String?) -> [String] {
        var found: [String] = []
        if let tip = git(["rev-parse", "--verify", "-q", ref], [])?.trimmingWhitespace, !tip.isEmpty { found.append(tip) }
        guard let file = git(["rev-parse", "--path-format=absolute", "--git-path", "logs/\(ref)"], [])?.trimmingWhitespace,
              let bytes = try? FileSystem.readFile(file) else { return found }
        let zero = String(repeating: "0", count: 40)
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n").suffix(reflogDepth).reversed() {
            let fields = line.split(separator: " ", maxSplits: 2)
            guard fields.count >= 2 else { continue }
            for oid in [fields[1], fields[0]] where oid.count >= 40 && oid != zero && oid.allSatisfy(\.isHexDigit) { found.append(String(oid)) }
        }
        return found
    }
}
