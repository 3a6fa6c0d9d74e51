extension FileEventStore {
    /// Records the file of drafts in `request`, all or none, durably (`ImportPlan`): the file is checked
    /// before the log is locked; then, under the lock, each part is written after the last under one
    /// pending-append record that grows with it (`PendingAppend.partial`), and the file is synced once, when
    /// the last part is written. A refused import cuts the file back to where it started. Throws
    /// `ImportRefusal`, `DraftStreamError` or `LogError`, and then the log is byte for byte as it was.
    public func importDrafts(_ request: ImportRequest) throws -> ImportReceipt {
        let checked = try ImportPlan.check(request, logID: configuration.logID)
        return try underWriteLock(dryRun: request.dryRun) { lock, file, before, head in
            let read: IDIndexUse.Read = { from, visit in _ = try LineScanner.scan(file, from: from, to: before.size) { line, number, _ in try visit(line, number) } }
            var end = before.size
            var first: Digest? = nil
            return try ImportPlan.run(
                request, checked: checked, after: head, now: clock(), zone: configuration.timeZone,
                scan: { visit in try read(.start, visit) }, ids: idIndexUse(request.idIndex, file: file, read: read, head: head),
                write: { part, final throws(LogError) in
                    let last = part.events[part.events.count - 1]
                    first = first ?? part.events[0].hash
                    let pending = PendingAppend(inode: before.inode, start: before.size, end: end + Int64(part.bytes.count), before: head.link,
                                                first: first!, last: LogHead.Link(seq: last.seq, hash: last.hash), partial: !final)
                    try write(part.bytes, to: file, under: pending, lock: lock)
                    end = pending.end
                    if final { try commit(file, lock: lock, before: before, end: end, head: LogHead(seq: last.seq, hash: last.hash, recordedAt: last.recordedAt)) }
                },
                undo: { () throws(LogError) in
                    do throws(SystemError) {
                        try file.truncate(to: before.size)
                        try file.sync()
                        try PendingAppend.clear(in: lock)
                    } catch {
                        throw LogError(.io, "the import was refused, but the events it had written could not be taken back: \(error)",
                                       hint: "run 'decisionlog repair', which removes them (they were never acknowledged)", cause: error)
                    }
                })
        }
    }
}
