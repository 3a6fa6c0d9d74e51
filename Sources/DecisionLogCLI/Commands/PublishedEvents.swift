import DecisionLog

/// What others already have of a log shared through git: the events in the log's file in the repository's
/// remote-tracking refs — their current tips and the last `reflogDepth` positions each held here, so that
/// events a force-push dropped still count as published. The merge driver keeps the side that holds them.
enum PublishedEvents {
    /// How many past positions of each remote-tracking ref are looked at.
    static let reflogDepth = 20
    /// The most versions of the file searched (the newest positions first), so that a repository with many
    /// remote branches does not make every merge read hundreds of copies of the log.
    static let versionsSearched = 64

    /// Which of `hashes` the file at `path` (relative to the repository's top) holds in some remote-tracking
    /// ref, now or in its recent reflog; nil when the repository in `repository` has no remote-tracking ref
    /// (nothing is known of others) or git cannot tell.
    static func among(_ hashes: Set<Digest>, path: String, repository: String) -> Set<Digest>? {
        guard !hashes.isEmpty else { return [] }
        func git(_ arguments: [String], input: [UInt8] = []) -> (status: Int32, output: String)? {
            ProcessFacts.run(["git", "-C", repository] + arguments, input: input).map { ($0.status, $0.output) }
        }
        guard let refs = git(["for-each-ref", "--format=%(refname)", "refs/remotes"]), refs.status == 0 else { return nil }
        let names = refs.output.split(separator: "\n").map(String.init).filter { !$0.hasSuffix("/HEAD") }
        guard !names.isEmpty else { return nil }
        // Each ref's positions, newest first; then interleaved, so every ref's recent ones come before any's old ones.
        var positions: [[String]] = []
        for name in names {
            if let log = git(["reflog", "show", "--format=%H", "-n", String(reflogDepth), name]), log.status == 0, !log.output.isEmpty {
                positions.append(log.output.split(separator: "\n").map(String.init))
            } else if let tip = git(["rev-parse", "--verify", "-q", name]), tip.status == 0 {
                positions.append([tip.output.trimmingWhitespace])
            }
        }
        var commits: [String] = [], seen: Set<String> = []
        for depth in 0..<reflogDepth { for list in positions where depth < list.count && seen.insert(list[depth]).inserted { commits.append(list[depth]) } }
        // One commit for each distinct version of the file.
        let query = Array(commits.map { "\($0):\(path)\n" }.joined().utf8)
        guard query.count <= 60_000, let blobs = git(["cat-file", "--batch-check=%(objectname) %(objecttype)"], input: query), blobs.status == 0 else { return nil }
        var versions: [String] = [], blobsSeen: Set<Substring> = []
        for (commit, line) in zip(commits, blobs.output.split(separator: "\n", omittingEmptySubsequences: false)) where versions.count < versionsSearched {
            let fields = line.split(separator: " ")
            if fields.count == 2, fields[1] == "blob", blobsSeen.insert(fields[0]).inserted { versions.append(commit) }
        }
        guard !versions.isEmpty else { return [] }
        let patterns = hashes.map(\.hex)
        guard patterns.count <= 1_100 else { return nil }
        let search = ["grep", "--no-color", "-h", "-o", "-F"] + patterns.flatMap { ["-e", $0] } + versions + ["--", path]
        guard let found = git(search), found.status == 0 || found.status == 1 else { return nil }
        return Set(found.output.split(separator: "\n").compactMap { Digest(hex: String($0)) }).intersection(hashes)
    }
}
