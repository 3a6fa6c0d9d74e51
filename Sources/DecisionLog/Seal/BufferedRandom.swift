import DecisionLogKernels

/// The kernel's cryptographic random numbers (`getrandom`, as `SystemRandomNumberGenerator`), fetched 4 KiB at
/// a time instead of with a system call for every number — for sealing many events at once.
struct BufferedRandom: RandomNumberGenerator {
    private var words = [UInt64](repeating: 0, count: 512)
    private var used = 512

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        if used == words.count { refill() }
        defer { used += 1 }
        return words[used]
    }

    private mutating func refill() {
        let filled = words.withUnsafeMutableBytes { dl_random_fill($0.baseAddress, $0.count) }
        if filled != 0 {
            // Only kernels older than 3.17 lack getrandom; the standard generator has its own fallbacks.
            var system = SystemRandomNumberGenerator()
            for index in words.indices { words[index] = system.next() }
        }
        used = 0
    }
}
