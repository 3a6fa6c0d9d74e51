/// Reads checkpoint binary, checking every read against the bounds, so damaged bytes throw instead of
/// crashing.
struct CheckpointBytesReader {
    let bytes: UnsafeRawBufferPointer
    var position = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var isAtEnd: Bool { position == bytes.count }

    private mutating func take(_ count: Int) throws(CheckpointError) -> UnsafeRawBufferPointer {
        guard count >= 0, count <= bytes.count - position else { throw CheckpointError("the checkpoint ends early") }
        defer { position += count }
        return UnsafeRawBufferPointer(rebasing: bytes[position..<(position + count)])
    }

    mutating func u8() throws(CheckpointError) -> UInt8 { try take(1)[0] }
    mutating func u32() throws(CheckpointError) -> UInt32 { UInt32(littleEndian: try take(4).loadUnaligned(as: UInt32.self)) }
    mutating func i64() throws(CheckpointError) -> Int64 { Int64(littleEndian: try take(8).loadUnaligned(as: Int64.self)) }
    mutating func u64() throws(CheckpointError) -> UInt64 { UInt64(littleEndian: try take(8).loadUnaligned(as: UInt64.self)) }
    mutating func int() throws(CheckpointError) -> Int { Int(try i64()) }
    mutating func f64() throws(CheckpointError) -> Double { Double(bitPattern: try u64()) }
    mutating func raw(_ count: Int) throws(CheckpointError) -> UnsafeRawBufferPointer { try take(count) }

    /// A count of items that each take at least `itemSize` bytes: refused when the rest cannot hold them.
    mutating func count(itemSize: Int = 1) throws(CheckpointError) -> Int {
        let count = Int(try u32())
        guard count * max(1, itemSize) <= bytes.count - position else { throw CheckpointError("a count runs past the checkpoint's end") }
        return count
    }

    mutating func string() throws(CheckpointError) -> String {
        let utf8 = try take(Int(try u32())).assumingMemoryBound(to: UInt8.self)
        // Most texts are ASCII, which is UTF-8 as it stands; the general check is slower.
        if !utf8.contains(where: { $0 >= 0x80 }) { return String(decoding: utf8, as: UTF8.self) }
        guard let text = String(validating: utf8, as: UTF8.self) else { throw CheckpointError("a text in the checkpoint is not UTF-8") }
        return text
    }

    mutating func align() throws(CheckpointError) { _ = try take((8 - position % 8) % 8) }
}
