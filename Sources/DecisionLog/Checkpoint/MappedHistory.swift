/// A history's changes as a checkpoint holds them, read in place: the entry table (effective time, seq and
/// stamp index of each change, in order, then each value's offset) is searched where it lies, and a value is
/// decoded only when asked for.
struct MappedHistory<Value: Sendable>: ChangeTable, @unchecked Sendable {
    // Safe to send: it only reads the file's read-only mapping, which `file` keeps alive.
    let file: CheckpointFile
    /// `count` entries of `CheckpointFile.entryLength` bytes, then `count + 1` value offsets (8 bytes each).
    let table: UnsafeRawBufferPointer
    let count: Int
    let decode: @Sendable (inout CheckpointBytesReader) throws(CheckpointError) -> Value

    private func i64(_ offset: Int) -> Int64 { Int64(littleEndian: table.loadUnaligned(fromByteOffset: offset, as: Int64.self)) }

    private func effectiveAt(_ index: Int) -> Timestamp { Timestamp(milliseconds: i64(index * CheckpointFile.entryLength)) }
    private func seq(_ index: Int) -> Int { Int(i64(index * CheckpointFile.entryLength + 8)) }
    /// The index of the `index`-th change's stamp in the stamp table.
    private func stampIndex(_ index: Int) -> Int { Int(i64(index * CheckpointFile.entryLength + 16)) }

    /// How many changes are in force by `asOf`: those ordered at or before it.
    func countThrough(_ asOf: AsOf) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if asOf.includes(effectiveAt(middle), seq: seq(middle)) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Whether the event `id` made one of the changes.
    func contains(_ id: EventID) -> Bool {
        (0..<count).contains { file.stamp(stampIndex($0), isOf: id) }
    }

    /// The `index`-th change's value, decoded.
    func value(_ index: Int) -> Value {
        let offsets = count * CheckpointFile.entryLength
        let start = Int(i64(offsets + index * 8)), end = Int(i64(offsets + (index + 1) * 8))
        guard start >= 0, start <= end, end <= file.values.count else { preconditionFailure("checkpoint value \(index) lies outside its region") }
        var reader = CheckpointBytesReader(UnsafeRawBufferPointer(rebasing: file.values[start..<end]))
        do throws(CheckpointError) {
            return try decode(&reader)
        } catch {
            // The checksum proves the file is as this version wrote it, so a value that does not read is a bug.
            preconditionFailure("checkpoint of \(file.header.view): \(error); remove .decisionlog/cache/checkpoints")
        }
    }

    /// The `index`-th change's place, read from the entry table.
    func place(_ index: Int) -> ChangePlace { ChangePlace(index: index, seq: seq(index), effectiveAt: effectiveAt(index)) }

    /// The `index`-th change's stamp, looked up in the stamp table.
    func stamp(_ index: Int) -> Stamp {
        let stamp = file.stamp(at: stampIndex(index))
        // The writer names each change's own stamp, and the MAC proves the file is as written.
        precondition(stamp.seq == seq(index), "checkpoint of \(file.header.view) names the stamp of #\(stamp.seq) for #\(seq(index)); remove .decisionlog/cache/checkpoints")
        return stamp
    }
}
