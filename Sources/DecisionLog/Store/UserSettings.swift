/// A person's own settings file, `$XDG_CONFIG_HOME/decisionlog/config` (else `~/.config/decisionlog/config`):
/// one `key = value` a line, `#` starts a comment. Its values are defaults for every log this person uses.
public struct UserSettings: Sendable, Equatable {
    /// The file's path, or nil when neither $XDG_CONFIG_HOME nor $HOME is set.
    public let path: String?
    /// The settings in the file, by key.
    public private(set) var values: [SettingKey: String]
    /// Problems found reading it: a line per unknown key or invalid value (those lines are ignored).
    public let problems: [String]

    /// The file's path for `environment`.
    public static func path(environment: [String: String]) -> String? {
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") { return Paths.join(config, "decisionlog/config") }
        if let home = environment["HOME"], home.hasPrefix("/") { return Paths.join(home, ".config/decisionlog/config") }
        return nil
    }

    /// Reads the file for `environment`; a missing file holds no settings. Throws `SystemError` when it exists
    /// but cannot be read.
    public init(environment: [String: String]) throws(SystemError) {
        path = UserSettings.path(environment: environment)
        var values: [SettingKey: String] = [:]
        var problems: [String] = []
        if let path, FileSystem.exists(path) {
            let text = String(decoding: try FileSystem.readFile(path), as: UTF8.self)
            for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = String(raw.prefix { $0 != "#" }).trimmingWhitespace
                guard !line.isEmpty else { continue }
                guard let equals = line.firstIndex(of: "="),
                      let key = SettingKey(rawValue: String(line[..<equals]).trimmingWhitespace) else {
                    problems.append("\(path):\(index + 1): expected <key> = <value> with a key among \(SettingKey.allCases.map(\.rawValue).joined(separator: ", "))")
                    continue
                }
                switch key.normalized(String(line[line.index(after: equals)...])) {
                case .success(let value): values[key] = value
                case .failure(let error): problems.append("\(path):\(index + 1): \(error.message)")
                }
            }
        }
        self.values = values
        self.problems = problems
    }

    /// Sets (or, with nil, removes) a normalized value.
    public mutating func set(_ key: SettingKey, _ value: String?) { values[key] = value }

    /// The file's text: one `key = value` a line, in the keys' order.
    public var text: String {
        "# decisionlog settings for this user (decisionlog config set --user <key> <value>)\n"
            + SettingKey.allCases.compactMap { key in values[key].map { "\(key.rawValue) = \($0)\n" } }.joined()
    }
}
