extension PostgresEventStore {
    /// Records the file of drafts in `request`, all or none, durably (`ImportPlan`): the file is checked
    /// before the transaction begins; then, in one transaction under the head row lock, each part is copied
    /// in after the last, and the head row moves on with the last part. A refused import rolls back. Throws
    /// `ImportRefusal`, `DraftStreamError` or `LogError`, and then the log is as it was.
    public func importDrafts(_ request: ImportRequest) throws -> ImportReceipt {
        let checked = try ImportPlan.check(request, logID: configuration.logID)
        var refusal: (any Error)? = nil
        do throws(LogError) {
            return try transaction(doing: "import", readOnly: request.dryRun) { connection, state in
                var written = state
                do {
                    return try ImportPlan.run(
                        request, checked: checked, after: state.head, now: clock(), zone: configuration.timeZone,
                        scan: scan(on: connection), ids: ids(on: connection, state),
                        write: { part, final throws(LogError) in
                            let last = part.events[part.events.count - 1]
                            let after = WriteState(head: LogHead(seq: last.seq, hash: last.hash, recordedAt: last.recordedAt), size: written.size + Int64(part.bytes.count))
                            do {
                                try write(part.events, lines: part.bytes, after: written, on: connection, finishing: false)
                                if final { try finish(head: after.head, size: after.size, on: connection) }
                            } catch let error as LogError {
                                throw error
                            } catch {
                                throw LogError(.io, "cannot import: \(error)")
                            }
                            written = after
                        },
                        undo: {})
                } catch let error as LogError {
                    throw error
                } catch {
                    // Refused, or the file could not be read: roll back whatever was copied in.
                    refusal = error
                    throw LogError(.rejectedDraft, "the import was refused")
                }
            }
        } catch {
            if let refusal { throw refusal }
            throw error
        }
    }
}
