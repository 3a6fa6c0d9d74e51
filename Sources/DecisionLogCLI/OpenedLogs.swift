import DecisionLog

/// The logs a command opened, so that what they noticed about their files is shown when it ends.
final class OpenedLogs {
    /// The stores, in the order they were opened.
    var stores: [any EventStore] = []

    /// Every warning the stores noticed (once each), for standard error.
    func takeNotices() -> [String] { stores.flatMap { $0.takeNotices() } }
}
