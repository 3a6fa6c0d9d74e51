/// Where a setting's value came from, below the command line.
public enum SettingSource: String, Sendable {
    case environment, log, user
    /// Nobody set it: the built-in default applies.
    case builtIn = "default"
}
