internal import DecisionLogKernels

/// SHA-256 (FIPS 180-4), implemented in this package (the `DecisionLogKernels` C target) so the log depends
/// on no library for its hash chain; it uses the CPU's SHA instructions where there are some.
///
/// Feed bytes with `update` and read the digest with `finalize`, or hash a whole buffer with `hash(_:)`.
public struct SHA256: Sendable {
    private var state: SIMD8<UInt32> = SHA256.initialState
    /// Bytes of an incomplete block waiting for more input (the first `pendingCount` of 64).
    private var pending = SIMD64<UInt8>()
    private var pendingCount = 0
    private var totalLength: UInt64 = 0

    /// A hasher with no input yet.
    public init() {}

    /// Whether hashing uses the CPU's SHA instructions (else portable code).
    public static var isAccelerated: Bool { dl_sha256_is_accelerated() != 0 }

    /// The digest of `bytes`.
    public static func hash(_ bytes: some Collection<UInt8>) -> Digest {
        if let digest = bytes.withContiguousStorageIfAvailable({ hash(UnsafeRawBufferPointer($0)) }) { return digest }
        return Array(bytes).withUnsafeBytes { hash($0) }
    }

    /// The digest of the bytes in `buffer`, in one call.
    public static func hash(_ buffer: UnsafeRawBufferPointer) -> Digest {
        var digest = SIMD32<UInt8>()
        withUnsafeMutableBytes(of: &digest) { out in
            dl_sha256(buffer.baseAddress?.assumingMemoryBound(to: UInt8.self), buffer.count, out.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
        return Digest(bigEndianBytes: digest)
    }

    /// Adds `bytes` to the input.
    public mutating func update(_ bytes: some Collection<UInt8>) {
        if let done = bytes.withContiguousStorageIfAvailable({ buffer in update(UnsafeRawBufferPointer(buffer)) }) {
            return done
        }
        Array(bytes).withUnsafeBytes { update($0) }
    }

    /// Adds the bytes in `buffer` to the input.
    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        guard var base = buffer.baseAddress, buffer.count > 0 else { return }
        var remaining = buffer.count
        totalLength &+= UInt64(remaining)
        if pendingCount > 0 {
            let take = min(64 - pendingCount, remaining)
            withUnsafeMutableBytes(of: &pending) { $0.baseAddress!.advanced(by: pendingCount).copyMemory(from: base, byteCount: take) }
            pendingCount += take
            base += take
            remaining -= take
            if pendingCount < 64 { return }
            let block = pending
            withUnsafeBytes(of: block) { compress($0.baseAddress!, count: 1) }
            pendingCount = 0
        }
        let blocks = remaining / 64
        if blocks > 0 {
            compress(base, count: blocks)
            base += blocks * 64
            remaining -= blocks * 64
        }
        if remaining > 0 {
            withUnsafeMutableBytes(of: &pending) { $0.baseAddress!.copyMemory(from: base, byteCount: remaining) }
            pendingCount = remaining
        }
    }

    /// Pads the input and returns its digest.
    public consuming func finalize() -> Digest {
        let bitLength = totalLength &* 8
        let tailLength = pendingCount < 56 ? 64 : 128
        withUnsafeTemporaryAllocation(byteCount: tailLength, alignment: 16) { tail in
            tail.initializeMemory(as: UInt8.self, repeating: 0)
            withUnsafeBytes(of: pending) { held in tail.copyMemory(from: UnsafeRawBufferPointer(rebasing: held[..<pendingCount])) }
            tail[pendingCount] = 0x80
            for i in 0..<8 { tail[tailLength - 1 - i] = UInt8(truncatingIfNeeded: bitLength >> UInt64(8 * i)) }
            compress(UnsafeRawPointer(tail.baseAddress!), count: tailLength / 64)
        }
        return Digest(words: SIMD4(
            UInt64(state[0]) << 32 | UInt64(state[1]),
            UInt64(state[2]) << 32 | UInt64(state[3]),
            UInt64(state[4]) << 32 | UInt64(state[5]),
            UInt64(state[6]) << 32 | UInt64(state[7])))
    }

    private mutating func compress(_ blocks: UnsafeRawPointer, count: Int) {
        withUnsafeMutableBytes(of: &state) { words in
            dl_sha256_compress(words.baseAddress!.assumingMemoryBound(to: UInt32.self), blocks.assumingMemoryBound(to: UInt8.self), count)
        }
    }

    private static let initialState = SIMD8<UInt32>(
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19)
}
