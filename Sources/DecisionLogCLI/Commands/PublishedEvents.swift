import DecisionLog

/// What others already have of a log shared through git: the events in the log's file at the positions the
/// remote-tracking refs held here — now; after and before each of their last `reflogDepth` updates; and,
/// however long ago, the position each held before a forced update and the first position it had here — so
/// that events a force-push dropped still count as published, and a fresh clone sees where it started. At
/// most `versionsSearched` versions of the file are read; beyond that the answer is `.incomplete` (a merge that
/// must choose a side is then refused, never guessed). The merge driver keeps the side that holds them.
enum PublishedEvents {
    /// How many of a ref's latest updates (each with the position before it) are looked at.
    static let reflogDepth = 5
    /// The most versions of the file searched; beyond it the answer is `.incomplete`, never a guess (a teammate
    /// could push many branches to hide the real positions).
    static let versionsSearched = 128

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
        var commits: [String] = [], seen: Set<String> = []
        for ref in remotes {
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
        // Every setting and attribute that could change what git grep prints is overridden: text even if the
        // file is marked binary, no line or column numbers, no names, no colour.
        let settings = ["-c", "grep.lineNumber=false", "-c", "grep.column=false", "-c", "grep.fullName=false", "-c", "color.grep=never"]
        let search = settings + ["grep", "--text", "--no-color", "--no-line-number", "--no-column", "-h", "-o", "-F"]
            + hashes.flatMap { ["-e", $0.hex] } + versions + ["--", path]
        guard let result = ProcessFacts.run(["git", "-C", repository] + search), result.status == 0 || result.status == 1 else {
            return .incomplete("git could not search the remote branches' versions of the log")
        }
        // Each line a hash (its last 64 characters, whatever git put before it).
        let lines = result.output.split(separator: "\n")
        let found = Set(lines.compactMap { $0.count >= 64 ? Digest(hex: String($0.suffix(64))) : nil })
        guard result.status == 1 || !found.isEmpty else { return .incomplete("git grep's answer could not be read") }
        return .found(found.intersection(hashes))
    }

    /// The positions `ref` held here: now; after and before each of its last `reflogDepth` updates; before each
    /// forced update (which may have dropped events), and first (a fresh clone's first position is only ever an
    /// old one), whenever they were.
    private static func positions(of ref: String, _ git: ([String], [UInt8]) -> String?) -> [String] {
        var found: [String] = []
        if let tip = git(["rev-parse", "--verify", "-q", ref], [])?.trimmingWhitespace, !tip.isEmpty { found.append(tip) }
        guard let file = git(["rev-parse", "--path-format=absolute", "--git-path", "logs/\(ref)"], [])?.trimmingWhitespace,
              let bytes = try? FileSystem.readFile(file) else { return found }
        let zero = String(repeating: "0", count: 40)
        func oid(_ field: Substring) -> String? { field.count >= 40 && field != zero && field.allSatisfy(\.isHexDigit) ? String(field) : nil }
        // Each line: old new who when, a tab, and the message.
        let entries = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map { line in
            (fields: line.split(separator: " ", maxSplits: 2), message: line.split(separator: "\t", maxSplits: 1).last ?? "")
        }
        for entry in entries.suffix(reflogDepth).reversed() where entry.fields.count >= 2 { found += [entry.fields[1], entry.fields[0]].compactMap(oid) }
        if let first = entries.first, first.fields.count >= 2, let old = oid(first.fields[0]) ?? oid(first.fields[1]) { found.append(old) }
        for entry in entries.reversed() where entry.fields.count >= 2 && entry.message.contains("forced-update") {
            if let old = oid(entry.fields[0]) { found.append(old) }
        }
        return found
    }
}
