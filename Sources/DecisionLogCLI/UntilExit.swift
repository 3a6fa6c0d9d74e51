/// Values a command hands over to live until the process exits. Freeing the state of a large log — a
/// million small objects — takes a noticeable share of a query's time, and the process ends right after
/// anyway, returning all its memory at once. (Run in-process, as the tests do, the memory is simply kept.)
enum UntilExit {
    private final class Kept<Value> {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    /// Keeps `value` (and everything it holds) allocated until the process exits.
    static func keep<Value>(_ value: Value) {
        _ = Unmanaged.passRetained(Kept(value))
    }
}
