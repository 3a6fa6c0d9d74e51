/// The private folder a merge works in: a new folder of its own under `$TMPDIR` (or /tmp), made by `mkdtemp`
/// (mode 0700, so no other user can look in it or put anything there), named
/// `decisionlog-merge-<pid>-<random>`. A merge removes its folder when it ends; one that was killed cannot,
/// so each merge first removes the folders (of this user) that merges whose process is gone left behind.
struct MergeFolder {
    /// The folder's path.
    let root: String
    private static let prefix = "decisionlog-merge-"

    /// Makes a new folder for this process's merge, after removing those left by merges that were killed.
    /// Throws `LogError` when it cannot be made.
    init(environment: [String: String]) throws(LogError) {
        let base = FileSystem.temporaryBase(environment: environment)
        try? Directory.withOpened(base) { (temporary: Directory) throws(SystemError) in
            for entry in try temporary.names() where entry.hasPrefix(Self.prefix) {
                guard let pid = Int32(entry.dropFirst(Self.prefix.count).prefix { $0 != "-" }), !ProcessFacts.isRunning(pid),
                    temporary.isOwnFolder(entry)
                else { continue }
                try? temporary.removeTree(entry)
            }
        }
        do throws(SystemError) {
            root = try FileSystem.makeTemporaryDirectory(prefix: "\(Self.prefix)\(ProcessFacts.processID)-", environment: environment)
        } catch {
            throw LogError.system(error, doing: "make a folder for the merge")
        }
    }

    /// The path of `child` in the folder.
    func path(_ child: String) -> String { Paths.join(root, child) }

    /// Removes the folder and everything in it.
    func remove() { try? FileSystem.removeTree(root) }
}
