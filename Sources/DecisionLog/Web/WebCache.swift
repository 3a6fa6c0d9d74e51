import Synchronization

/// Pages already made, by address, for one state of the log: a page is made once per head and is fresh for a
/// minute (pages show "now"); an older one is still there for the server to serve while it makes the page
/// anew. Holds at most `capacity` bytes; the oldest entries go first.
final class WebCache: Sendable {
    private struct Entry {
        let response: HTTPResponse
        let made: Deadline
    }
    private struct State {
        var entries: [String: Entry] = [:]
        var order: [String] = []
        var bytes = 0
        var head = ""
    }
    private let state = Mutex(State())
    private let capacity: Int
    private let lifetimeMilliseconds: Int

    /// A cache of at most `capacity` bytes whose entries live at most `lifetimeMilliseconds`.
    init(capacity: Int = 64 << 20, lifetimeMilliseconds: Int = 60_000) {
        self.capacity = capacity
        self.lifetimeMilliseconds = lifetimeMilliseconds
    }

    /// The response kept for `key` at `head`, and whether it is younger than the lifetime.
    func response(_ key: String, head: String) -> (response: HTTPResponse, isFresh: Bool)? {
        state.withLock { state in
            guard state.head == head, let entry = state.entries[key] else { return nil }
            return (entry.response, Deadline.now.nanoseconds - entry.made.nanoseconds < UInt64(lifetimeMilliseconds) * 1_000_000)
        }
    }

    /// Keeps `response` for `key` at `head`; a new head empties the cache.
    func keep(_ response: HTTPResponse, _ key: String, head: String) {
        guard response.body.count < capacity / 4 else { return }
        state.withLock { state in
            if state.head != head { state = State(); state.head = head }
            if let old = state.entries[key] { state.bytes -= old.response.body.count; state.order.removeAll { $0 == key } }
            state.entries[key] = Entry(response: response, made: .now)
            state.order.append(key)
            state.bytes += response.body.count
            while state.bytes > capacity, let oldest = state.order.first {
                state.order.removeFirst()
                state.bytes -= state.entries.removeValue(forKey: oldest)?.response.body.count ?? 0
            }
        }
    }
}
