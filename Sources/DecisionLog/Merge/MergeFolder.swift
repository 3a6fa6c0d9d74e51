/// The private folder a merge works in: `cache/merges/<pid>-<random>/` in the log folder (never shared
/// through git, on the log's own disk, readable by its owner alone), reached without following links. A
/// merge removes its folder when it ends; one that was killed cannot, so each merge first removes the
/// folders of merges whose process is gone.
struct MergeFolder {
    /// The folder's path.
    let root: String
    private let logFolder: LogFolder
    private let name: String
    private static let components = [LogFolder.cacheName, "merges"]

    /// Makes a new folder for this process's merge in `folder`, after removing those left by merges that
    /// were killed. Throws `LogError` when it cannot be made.
    init(in folder: LogFolder) throws(LogError) {
        logFolder = folder
        name = "\(ProcessFacts.processID)-\(UInt32.random(in: .min ... .max))"
        root = Paths.join(folder.path, (Self.components + [name]).joined(separator: "/"))
        let name = self.name
        do throws(SystemError) {
            try Directory.withOpened(folder.path, Self.components, creating: true) { (merges: Directory) throws(SystemError) in
                for entry in try merges.names() {
                    guard let pid = Int32(entry.prefix { $0 != "-" }), !ProcessFacts.isRunning(pid) else { continue }
                    try? merges.removeTree(entry)
                }
                try merges.makeSubdirectory(name, permissions: 0o700)
            }
        } catch {
            throw LogError.system(error, doing: "make a folder for the merge")
        }
    }

    /// The path of `child` in the folder.
    func path(_ child: String) -> String { Paths.join(root, child) }

    /// Removes the folder and everything in it.
    func remove() {
        try? Directory.withOpened(logFolder.path, Self.components) { (merges: Directory) throws(SystemError) in try merges.removeTree(name) }
    }
}
