import Synchronization

extension FileEventStore {
    /// Removes what an interrupted write left at the end of the log — the events of an append that was
    /// never committed (see `PendingAppend`), or an incomplete final line — keeping a copy in `repairs/`; a
    /// last line that is a complete, valid next event missing only its newline gets the newline instead.
    ///
    /// Nothing removed was ever acknowledged (appends report success only once every byte is synced), so
    /// nothing acknowledged is lost. Anything else wrong with the log is not repairable: it is evidence of
    /// tampering or damage, and `repair` refuses with the problem, changing nothing.
    ///
    /// A lock file that is not a regular file of the log's own (a link someone put in its place, say) is
    /// replaced by a fresh one first: only its name is removed, never what it points to.
    public func repair() throws(LogError) -> RepairReport {
        try appendMutex.withLock { _ throws(LogError) -> RepairReport in
            let replacedLock: String?
            do throws(SystemError) {
                replacedLock = try Directory.withOpened(folder.path) { (log: Directory) throws(SystemError) in try log.removeUnlessOwnFile("lock") }
            } catch { throw LogError.system(error, doing: "check the log's lock file") }
            var report = try repairHoldingMutex()
            report.replacedLock = replacedLock
            return report
        }
    }

    /// `repair`'s work, under the process mutex.
    private func repairHoldingMutex() throws(LogError) -> RepairReport {
        do {
            let lock = try FileDescriptor.open(folder.lockFile, .readWriteCreate.inLog)
            defer { lock.close() }
            try lock.lockExclusive()
            defer { lock.unlock() }
            let file = try FileDescriptor.open(folder.eventsFile, .append.inLog)
            defer { file.close() }
            let status = try file.status()
            let size = status.size
            // Only a record that describes this file as it is counts; anything else is cleared, cutting nothing.
            let interrupted = unfinishedAppend(in: lock, of: file, status: status, holdingLock: true)
            if interrupted == nil, PendingAppend.read(from: lock) != .empty { try PendingAppend.clear(in: lock) }
            var cutAt = interrupted.map { min(size, $0.start) } ?? size
            var verifier = ChainVerifier()
            var problem: IntegrityProblem? = nil
            let end = try LineScanner.scan(file, to: cutAt) { line, number, _ in
                problem = verifier.check(line: line, number: number)
                return problem == nil
            }
            if let problem {
                throw LogError(.integrity, "the log cannot be repaired: it fails verification at \(problem)",
                               hint: "repair only removes what an interrupted write left at the end; this damage is evidence to investigate, so nothing was changed",
                               problem: problem)
            }
            if end.incompleteTailLength > 0 {
                if interrupted == nil, try completeLastLine(file, end: end, verifier: &verifier) {
                    return RepairReport(removedBytes: 0, removedInterruptedAppend: false, completedLastLine: true, savedCopy: nil, head: verifier.head)
                }
                cutAt = end.completeLength
            }
            guard cutAt < size else {
                return RepairReport(removedBytes: 0, removedInterruptedAppend: false, completedLastLine: false, savedCopy: nil, head: verifier.head)
            }
            let what = interrupted != nil ? "interrupted-append" : "incomplete-line"
            let name = "\(what)-after-\(verifier.head.seq)-\(clock().milliseconds).bin"
            try Directory.withOpened(folder.path, [LogFolder.repairsName], creating: true) { (repairs: Directory) throws(SystemError) in
                try copyBytes(of: file, from: cutAt, to: size, into: name, in: repairs)
            }
            let copy = Paths.join(folder.repairsFolder, name)
            try file.truncate(to: cutAt)
            try file.sync()
            try PendingAppend.clear(in: lock)
            return RepairReport(removedBytes: Int(size - cutAt), removedInterruptedAppend: interrupted != nil, completedLastLine: false,
                                savedCopy: copy, head: verifier.head)
        } catch let error as LogError {
            throw error
        } catch let error as SystemError {
            throw LogError.system(error, doing: "repair the log")
        } catch let error as OverlongLine {
            throw LogError(.integrity, "the log cannot be repaired: line \(error.lineNumber) is longer than \(EventLine.maximumLength) bytes",
                           hint: "nothing was changed")
        } catch {
            throw LogError(.io, "cannot repair the log: \(error)")
        }
    }

    /// Adds the missing newline when the incomplete last line is a complete, valid next event; returns
    /// whether it did.
    private func completeLastLine(_ file: FileDescriptor, end: ScanEnd, verifier: inout ChainVerifier) throws(SystemError) -> Bool {
        guard end.incompleteTailLength <= EventLine.maximumLength else { return false }
        var tail = [UInt8](repeating: 0, count: end.incompleteTailLength)
        _ = try tail.withUnsafeMutableBytes { b in Result { () throws(SystemError) in try file.read(into: b, at: end.completeLength) } }.get()
        guard tail.withUnsafeBytes({ verifier.check(line: $0, number: end.lines + 1) }) == nil else { return false }
        try file.writeAll([0x0A])
        try file.sync()
        return true
    }

    /// Copies bytes `start..<end` of `file` into a new file `name` in `folder`, durably, a chunk at a time.
    private func copyBytes(of file: FileDescriptor, from start: Int64, to end: Int64, into name: String, in folder: Directory) throws(SystemError) {
        let copy = try folder.openFile(name, .createNew)
        defer { copy.close() }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var offset = start
        while offset < end {
            let wanted = Int(min(Int64(chunk.count), end - offset))
            let read = try chunk.withUnsafeMutableBytes { b in
                Result { () throws(SystemError) in try file.read(into: UnsafeMutableRawBufferPointer(rebasing: b[..<wanted]), at: offset) }
            }.get()
            guard read > 0 else { break }
            try chunk.withUnsafeBytes { b in Result { () throws(SystemError) in try copy.writeAll(UnsafeRawBufferPointer(rebasing: b[..<read])) } }.get()
            offset += Int64(read)
        }
        try copy.sync()
        try folder.sync()
    }
}
