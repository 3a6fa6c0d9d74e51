/// HMAC-SHA256 (RFC 2104): a keyed hash, so that only whoever holds the key can make a value that checks.
/// Checkpoints carry one, so a file nobody with the key wrote is never trusted.
public struct HMAC: Sendable {
    private var inner = SHA256()
    private let outerPad: [UInt8]

    /// A MAC under `key` (hashed first when longer than a block, as the RFC says), with no input yet.
    public init(key: [UInt8]) {
        var block = key.count > 64 ? SHA256.hash(key).bytes : key
        block += [UInt8](repeating: 0, count: 64 - block.count)
        outerPad = block.map { $0 ^ 0x5C }
        inner.update(block.map { $0 ^ 0x36 })
    }

    /// Adds the bytes in `buffer` to the input.
    public mutating func update(_ buffer: UnsafeRawBufferPointer) { inner.update(buffer) }

    /// The MAC of the input.
    public consuming func finalize() -> Digest {
        var outer = SHA256()
        outer.update(outerPad)
        outer.update(inner.finalize().bytes)
        return outer.finalize()
    }
}

extension Digest {
    /// The digest's 32 bytes, in order.
    public var bytes: [UInt8] { withUnsafeBytes(of: bigEndianBytes) { Array($0) } }
}
