import Synchronization

/// What `repair` did.
public struct RepairReport: Sendable, Equatable {
    /// Bytes cut from the end of the events file (0 when there was nothing to cut).
    public let removedBytes: Int
    /// True when the last line was a complete, valid event missing only its newline, which was added.
    public let completedLastLine: Bool
    /// Where a copy of the cut bytes was kept.
    public let savedCopy: String?
    /// The log's head after the repair.
    public let head: LogHead
}

extension FileEventStore {
    /// Removes an incomplete final line left by an interrupted write, keeping a copy of it in `repairs/`; a
    /// last line that is a complete, valid next event missing only its newline gets the newline instead.
    ///
    /// An incomplete line was never acknowledged (appends report success only after the whole line is
    /// synced), so nothing acknowledged is lost. Anything else wrong with the log is not repairable: it is
    /// evidence of tampering or damage, and `repair` refuses with the problem, changing nothing.
    public func repair() throws(LogError) -> RepairReport {
        try appendMutex.withLock { _ throws(LogError) -> RepairReport in
            do {
                let lock = try FileDescriptor.open(folder.lockFile, .readWriteCreate)
                defer { lock.close() }
                try lock.lockExclusive()
                defer { lock.unlock() }
                let file = try FileDescriptor.open(folder.eventsFile, .append)
                defer { file.close() }
                let size = try file.status().size
                var verifier = ChainVerifier()
                var problem: IntegrityProblem? = nil
                let end = try LineScanner.scan(file, to: size) { line, number, _ in
                    problem = verifier.check(line: line, number: number)
                    return problem == nil
                }
                if let problem {
                    throw LogError(.integrity, "the log cannot be repaired: it fails verification at \(problem)",
                                   hint: "repair only removes an incomplete final line; this damage is evidence to investigate, so nothing was changed",
                                   problem: problem)
                }
                guard end.incompleteTailLength > 0 else {
                    return RepairReport(removedBytes: 0, completedLastLine: false, savedCopy: nil, head: verifier.head)
                }
                var tail = [UInt8](repeating: 0, count: end.incompleteTailLength)
                _ = try tail.withUnsafeMutableBytes { try file.read(into: $0, at: end.completeLength) }
                if tail.withUnsafeBytes({ verifier.check(line: $0, number: end.lines + 1) }) == nil {
                    try file.writeAll([0x0A])
                    try file.sync()
                    return RepairReport(removedBytes: 0, completedLastLine: true, savedCopy: nil, head: verifier.head)
                }
                try FileSystem.makeDirectories(folder.repairsFolder)
                let copy = Paths.join(folder.repairsFolder, "incomplete-line-\(end.lines + 1)-\(clock().milliseconds).bin")
                try FileSystem.replaceFile(copy, with: tail, durable: true)
                try file.truncate(to: end.completeLength)
                try file.sync()
                return RepairReport(removedBytes: tail.count, completedLastLine: false, savedCopy: copy, head: verifier.head)
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
    }
}
