/// Another store's events read for copying in byte for byte (`push`, `pull`): each line checked on its own
/// (hash, canonical form) on every core, then in order that it continues the chain from the copy's head.
enum VerifiedCopy {
    /// Reads `source`'s events after `head` (whose line ends at `offset` in the log as a file) and calls `write`
    /// with each batch: its lines (a newline after each), their events, and the head after them. Throws
    /// `.conflict` for an event that does not continue the chain (nothing from its batch on is written), an
    /// `IntegrityProblem` for a line that does not verify, and rethrows what `write` and the source throw.
    /// Returns the head after the last batch.
    static func run(from source: any EventStore, after head: LogHead, offset: Int64,
                    _ write: (_ lines: [UInt8], _ events: [Event], _ head: LogHead) throws -> Void) throws -> LogHead {
        // The source must hold the copy's head: when it has no event after it, the first link cannot prove that.
        let sourceHead = try source.head()
        if sourceHead.seq < head.seq || (sourceHead.seq == head.seq && sourceHead.hash != head.hash) {
            throw LogError(.conflict, "the copy's head #\(head.seq) is not in the source, whose head is #\(sourceHead.seq): the two logs have different histories",
                           hint: "nothing was copied; compare 'decisionlog head' and 'decisionlog verify' of both")
        }
        if sourceHead.seq == head.seq { return head }
        var head = head
        _ = try BatchPipeline.run(read: { emit in try source.readBatches(from: LogPosition(offset: offset, line: head.seq + 1)) { emit($0) } },
                                  transform: { line, number in ChainVerifier.checkAlone(line, number: number) }) { batch, results in
            var events: [Event] = []
            var after = head
            for result in results {
                let event = try result.get()
                guard event.seq == after.seq + 1, event.prev == after.hash, event.recordedAt >= after.recordedAt else {
                    throw LogError(.conflict, "event #\(event.seq) does not continue the chain of the copy, whose head is #\(after.seq): the two logs have different histories",
                                   hint: "nothing from there on was copied; compare 'decisionlog head' and 'decisionlog verify' of both")
                }
                events.append(event)
                after = LogHead(seq: event.seq, hash: event.hash, recordedAt: event.recordedAt)
            }
            let start = batch.ranges.first!.lowerBound, end = batch.ranges.last!.upperBound + 1
            try write(Array(UnsafeRawBufferPointer(rebasing: batch.buffer.bytes[start..<end])), events, after)
            head = after
            return true
        }
        return head
    }
}
