import Glibc

/// Threads of the library's own, for work that blocks (a connection waiting on its peer) and so must not
/// take one of Dispatch's few workers.
package enum Threads {
    /// Pauses the calling thread for `milliseconds`.
    package static func sleep(milliseconds: Int) { _ = usleep(UInt32(max(0, milliseconds)) * 1000) }

    /// Runs `body` on a new detached thread; throws `SystemError` when the system has no thread to give.
    package static func detach(_ body: @escaping @Sendable () -> Void) throws(SystemError) {
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(&thread, nil, { argument in
            let box = Unmanaged<Box>.fromOpaque(argument!).takeRetainedValue()
            box.body()
            return nil
        }, box)
        guard status == 0 else {
            Unmanaged<Box>.fromOpaque(box).release()
            throw SystemError(code: status, operation: "pthread_create", path: nil)
        }
        pthread_detach(thread)
    }

    private final class Box: Sendable {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
}
