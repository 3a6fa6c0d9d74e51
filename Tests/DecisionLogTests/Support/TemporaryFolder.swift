import DecisionLog
import Foundation

/// A fresh folder under the system's temporary directory, removed when the value is deinitialised.
final class TemporaryFolder {
    let path: String

    init(_ name: String = "decisionlog-test") {
        path = try! FileSystem.makeTemporaryDirectory(prefix: name + "-", environment: ProcessInfo.processInfo.environment)
    }

    deinit { try? FileSystem.removeTree(path) }

    /// A log folder inside this folder (not created).
    var logFolder: LogFolder { LogFolder(path: "log", currentDirectory: path) }
}
