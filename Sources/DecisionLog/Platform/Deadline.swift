import Glibc

/// A moment on the monotonic clock by which something must be done: a request read, a response written.
package struct Deadline: Sendable {
    /// Nanoseconds on `CLOCK_MONOTONIC`.
    package let nanoseconds: UInt64

    /// The monotonic clock's reading now.
    package static var now: Deadline {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Deadline(nanoseconds: UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec))
    }

    /// `milliseconds` from now.
    package static func after(milliseconds: Int) -> Deadline {
        Deadline(nanoseconds: now.nanoseconds + UInt64(max(0, milliseconds)) * 1_000_000)
    }

    /// Milliseconds left until the deadline, 0 once it has passed; what `poll` waits.
    package var remainingMilliseconds: Int32 {
        let current = Deadline.now.nanoseconds
        guard nanoseconds > current else { return 0 }
        return Int32(clamping: (nanoseconds - current + 999_999) / 1_000_000)
    }
}
