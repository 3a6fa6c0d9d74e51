/// Making a log folder.
extension LogFolder {
    /// Throws `.alreadyExists` when a log is in `folder`, or when its path exists and is not an empty folder.
    static func refuseExisting(_ folder: LogFolder) throws(LogError) {
        if FileSystem.exists(folder.configFile) {
            throw LogError(.alreadyExists, "a decision log already exists at \(folder.path)",
                           hint: "use it as it is, or pass --log PATH to create another one elsewhere")
        }
        if FileSystem.isDirectory(folder.path) {
            guard ((try? FileSystem.list(folder.path)) ?? []).isEmpty else {
                throw LogError(.alreadyExists, "\(folder.path) exists and is not an empty folder",
                               hint: "choose another path with --log, or empty the folder")
            }
        } else if FileSystem.exists(folder.path) {
            throw LogError(.alreadyExists, "\(folder.path) exists and is not a folder", hint: "choose another path with --log")
        }
    }

    /// Writes `configuration` as the folder's configuration, durably: for a new folder (made with its cache
    /// folder; `refuseExisting` first), or over the one there (`replacing`).
    static func write(_ configuration: LogConfig, to folder: LogFolder, replacing: Bool = false) throws(LogError) {
        do throws(SystemError) {
            if !replacing {
                try FileSystem.makeDirectories(folder.path)
                try FileSystem.makeDirectory(folder.cacheFolder)
                try FileSystem.replaceFile(Paths.join(folder.path, ".gitignore"), with: Array("lock\ncache/\nrepairs/\n".utf8), durable: true)
            }
            try FileSystem.replaceFile(folder.configFile, with: configuration.bytes, durable: true)
            try FileSystem.syncDirectory(folder.path)
        } catch {
            throw LogError.system(error, doing: "write the log's configuration at \(folder.configFile)")
        }
    }
}
