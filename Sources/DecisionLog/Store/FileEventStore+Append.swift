import Synchronization

extension FileEventStore {
    /// Seals and appends the request's drafts, all or none, durably.
    ///
    /// Under the process mutex and an exclusive `flock` (a shared one for a dry run, which opens nothing for
    /// writing and so works on a read-only log): finds the head (from the tail cache when the events file is
    /// untouched since the last append, else by verifying the whole log), checks references and the expected
    /// version, skips drafts whose id is already in the log with the same content, seals (and signs) the rest, writes them
    /// with one `O_APPEND` write loop and `fsync`s before returning. A failed write is cut back off, leaving
    /// the log byte for byte as it was. Every problem with every draft is reported at once (`rejections`).
    public func append(_ request: AppendRequest) throws(LogError) -> AppendReceipt {
        try appendMutex.withLock { _ throws(LogError) -> AppendReceipt in
            let lock: FileDescriptor
            do throws(SystemError) { lock = try FileDescriptor.open(folder.lockFile, (request.dryRun ? OpenMode.read : .readWriteCreate).inLog) } catch {
                guard error.isUnsafeFile else { throw LogError.system(error, doing: "open the log's lock") }
                throw LogError(.io, "cannot open the log's lock: \(error)", hint: "run 'decisionlog repair', which replaces it with a fresh lock file (and touches nothing it points to)", cause: error)
            }
            defer { lock.close() }
            do throws(SystemError) {
                if request.dryRun { try lock.lockShared() } else { try lock.lockExclusive() }
            } catch { throw LogError.system(error, doing: "lock the log") }
            defer { lock.unlock() }

            let file = try open(folder.eventsFile, request.dryRun ? .read : .append, "open the log for appending")
            defer { file.close() }
            let before = try status(of: file)
            try refuseAfterInterruptedAppend(file, status: before, lock: lock, clearingStale: !request.dryRun)
            let head = try currentHead(file, before)

            var index = ReferenceIndex(for: request)
            if index.needsLog || index.needsRegistrations { try fill(&index, from: file, size: before.size) }
            // A name the log was not found to hold: read every name it holds, to tell a typo from someone new.
            if index.namesSomeoneNew && head.seq > 0 { try fillNames(&index, from: file, size: before.size) }

            // Drafts whose id is already in the log are skipped first: a retry of an append that succeeded is
            // a no-op, whatever has happened to the subject since. An id in the log with other content is a
            // conflict, and refuses the whole request; so does an id two drafts of the request share.
            var present: [AppendReceipt.AlreadyPresent] = []
            var fresh: [(position: Int, draft: ValidatedDraft)] = []
            var conflicts: [DraftRejection] = []
            var rejections: [DraftRejection] = []
            var requestIDs: [EventID: Int] = [:]
            for (position, draft) in request.drafts.enumerated() {
                if let id = draft.id, let existing = index.existing(id) {
                    present.append(.init(id: id, seq: existing.seq))
                    if !draft.matches(existing) {
                        conflicts.append(DraftRejection(position: position, issue: ValidationIssue(
                            path: "id", message: "\(id) is already in the log as #\(existing.seq) with different content; the log keeps the original")))
                    }
                } else if let id = draft.id, let first = requestIDs[id] {
                    rejections.append(DraftRejection(position: position, issue: ValidationIssue(
                        path: "id", message: "\(id) is also the id of draft \(first + 1) of this request; each event needs its own id")))
                } else {
                    if let id = draft.id { requestIDs[id] = position }
                    fresh.append((position, draft))
                }
            }
            if let expected = request.expectedVersion, !fresh.isEmpty, index.subjectCount != expected.count {
                throw LogError(.conflict,
                               "\(expected.subject) has \(index.subjectCount) event\(index.subjectCount == 1 ? "" : "s"), not the \(expected.count) expected: someone changed it since you looked",
                               hint: "check 'decisionlog log --subject \(expected.subject)', then retry with --expect-version \(index.subjectCount)")
            }

            var sealer = Sealer(head: head, recordedBy: request.recordedBy)
            let sealed = sealer.seal(fresh.map(\.draft), now: clock())
            for (offset, (position, draft)) in fresh.enumerated() {
                rejections += index.problems(with: draft).map { DraftRejection(position: position, issue: $0) }
                let length = sealed.lineLength(offset)
                if length > EventLine.maximumLength {
                    rejections.append(DraftRejection(position: position, issue: ValidationIssue(
                        path: "", message: "the event takes \(length) bytes; a line holds at most \(EventLine.maximumLength) (1 MiB): shorten its texts")))
                }
                index.add(sealed.events[offset], fromRequest: true)
            }
            var subjectsByKind: [Substring: Set<String>] = [:]
            let ruleProblems = index.ruleProblems(of: sealed.events, positions: fresh.map(\.position), zone: configuration.timeZone) { kind in
                if let known = subjectsByKind[kind] { return known }
                let found = (try? self.subjects(ofKind: kind, in: file, size: before.size)) ?? []
                subjectsByKind[kind] = found
                return found
            }
                + index.peopleProblems().map { DraftRejection(position: $0.position, issue: $0.issue) }
            if request.enforcesRules { rejections += ruleProblems }
            if !conflicts.isEmpty || !rejections.isEmpty {
                // A conflict alone is status 3 (someone recorded that id otherwise); with other problems, the
                // request is simply invalid.
                let all = (conflicts + rejections).sorted { $0.position < $1.position }
                throw LogError(rejections.isEmpty ? .conflict : .rejectedDraft, Self.describe(all, in: request),
                               hint: "nothing was written", rejections: all)
            }
            // Signing needs the hashes, so it happens here, under the lock, before anything is written.
            var batch = sealed
            if let signing = request.signing, !request.dryRun { batch = try signing.sign(sealed, positions: fresh.map(\.position)) }
            let (appended, bytes) = (batch.events, batch.bytes)
            if !request.dryRun && !bytes.isEmpty {
                let pending = PendingAppend(inode: before.inode, start: before.size, end: before.size + Int64(bytes.count),
                                            before: head.link, first: appended[0].hash, last: sealer.head.link)
                do throws(SystemError) { try pending.save(to: lock) } catch { throw LogError.system(error, doing: "record the append in the lock file") }
                try write(bytes, to: file, restoringSize: before.size, lock: lock)
                // Trust the file for the next append only if it is exactly what this append left.
                if let after = try? file.status(), after.size == before.size + Int64(bytes.count) {
                    TailCache(head: sealer.head, file: after).save(folder)
                } else {
                    TailCache.remove(folder)
                }
                do throws(SystemError) { try file.sync() } catch { throw LogError.system(error, doing: "sync the log to disk") }
                // Committed: the events are durable. Clearing the record is only tidiness (see PendingAppend).
                try? PendingAppend.clear(in: lock)
                // Durable, but in the log still there? A folder removed or replaced meanwhile took them with it.
                let current = try? FileSystem.status(folder.eventsFile)
                guard let current, current.device == before.device, current.inode == before.inode else {
                    throw LogError(.notFound, "the log at \(folder.path) was removed or replaced during the append, so the events were not recorded in it",
                                   hint: "find out who moved the log folder; nothing was added to a log there now")
                }
            }
            var receipt = AppendReceipt(appended: appended, alreadyPresent: present, head: request.dryRun ? head : sealer.head)
            if !request.enforcesRules { receipt.ruleBreaks = ruleProblems.map(\.issue.message) }
            return receipt
        }
    }

    /// The rejections on one line, each path under `drafts[i]` when the request has several drafts.
    private static func describe(_ rejections: [DraftRejection], in request: AppendRequest) -> String {
        rejections.map { rejection in
            guard request.drafts.count > 1 else { return rejection.issue.description }
            let path = "drafts[\(rejection.position)]" + (rejection.issue.path.isEmpty ? "" : "." + rejection.issue.path)
            return ValidationIssue(path: path, message: rejection.issue.message).description
        }.joined(separator: "; ")
    }

    /// The head of the log in `file`: from the tail cache when it describes the file as it is and the last
    /// line is the event it names, else by verifying every line (throwing `.integrity` for a broken or torn
    /// log) — after which the cache describes the verified file, so the next append (even after this one is
    /// refused or a dry run) need not verify it again.
    private func currentHead(_ file: FileDescriptor, _ status: FileStatus) throws(LogError) -> LogHead {
        if let cache = TailCache.load(folder), cache.matches(status), cache.isConfirmed(by: file) { return cache.head }
        if status.size == 0 { return .empty }
        do {
            let head = try ChainVerifier.verify(file, size: status.size)
            TailCache(head: head, file: status).save(folder)
            return head
        } catch let problem as IntegrityProblem {
            throw LogError.integrity(problem, action: "append")
        } catch let error as SystemError {
            throw LogError.system(error, doing: "read the log")
        } catch {
            throw LogError(.io, "cannot read the log: \(error)")
        }
    }

    /// Feeds every event of the log (up to `size`) to `index`, or only its schema registrations when that is
    /// all it needs.
    private func fill(_ index: inout ReferenceIndex, from file: FileDescriptor, size: Int64) throws(LogError) {
        let everything = index.needsLog
        do {
            _ = try LineScanner.scan(file, to: size) { line, number, _ in
                if everything && !index.mightMatter(line) {
                    if index.needsRegistrations, let registration = try SchemaRegistration.read(line: line, number: number) { index.add(registration) }
                    return true
                }
                if !everything {
                    if let registration = try SchemaRegistration.read(line: line, number: number) { index.add(registration) }
                    return true
                }
                do throws(EventDecodingError) {
                    index.add(try Event(line: line))
                    if index.isComplete { return false }
                } catch {
                    let problem = IntegrityProblem(error.needsNewerTool ? .needsNewerTool : .malformed, line: number, seq: nil, error.message)
                    throw LogError.integrity(problem, action: "append")
                }
                return true
            }
        } catch let error as LogError {
            throw error
        } catch let error as SystemError {
            throw LogError.system(error, doing: "read the log")
        } catch {
            throw LogError(.io, "cannot read the log: \(error)")
        }
    }

    /// The subjects of `kind` the log's events bring into being (a goal's `goal.set`, …), for a did-you-mean.
    private func subjects(ofKind kind: Substring, in file: FileDescriptor, size: Int64) throws -> Set<String> {
        guard let creator = DomainRules.creator(ofKind: kind) else { return [] }
        let needle = Array("\"\(creator)\"".utf8)
        var found: Set<String> = []
        _ = try LineScanner.scan(file, to: size) { line, _, _ in
            if ByteSearch.contains(needle, in: line), let event = try? Event(line: line), event.type.name == creator { found.insert(event.subject.text) }
            return true
        }
        return found
    }

    /// Feeds every name the log's events give to `index`.
    private func fillNames(_ index: inout ReferenceIndex, from file: FileDescriptor, size: Int64) throws(LogError) {
        do {
            _ = try LineScanner.scan(file, to: size) { line, _, _ in
                if let event = try? Event(line: line) { index.addEveryName(of: event) }
                return true
            }
        } catch let error as SystemError {
            throw LogError.system(error, doing: "read the log")
        } catch {
            throw LogError(.io, "cannot read the log: \(error)")
        }
    }

    /// Refuses to append after an append that was interrupted before it was committed (its events were
    /// never acknowledged; `repair` removes them, keeping a copy). Anything else in the lock file — a record
    /// left by a committed append or by one that wrote nothing, or one that does not describe this log — is
    /// cleared when `clearingStale` (the last with a notice).
    private func refuseAfterInterruptedAppend(_ file: FileDescriptor, status: FileStatus, lock: FileDescriptor, clearingStale: Bool) throws(LogError) {
        guard let pending = unfinishedAppend(in: lock, of: file, status: status, holdingLock: true) else {
            if clearingStale, PendingAppend.read(from: lock) != .empty { try? PendingAppend.clear(in: lock) }
            return
        }
        let problem = IntegrityProblem(.interruptedAppend, line: 0, seq: nil,
                                       "the log ends with an append of \(pending.end - pending.start) bytes, up to event #\(pending.last.seq), that was interrupted before it was acknowledged")
        throw LogError(.integrity, "cannot append: \(problem.message)",
                       hint: "run 'decisionlog repair' to remove it (a copy is kept), then retry", problem: problem)
    }

    /// Writes `bytes` at the end of `file`; on failure cuts the file back to `size` and clears the pending
    /// record in `lock`, so nothing of the write remains. The caller syncs.
    private func write(_ bytes: [UInt8], to file: FileDescriptor, restoringSize size: Int64, lock: FileDescriptor) throws(LogError) {
        do throws(SystemError) {
            try file.writeAll(bytes)
        } catch {
            do {
                try file.truncate(to: size)
                try file.sync()
                try PendingAppend.clear(in: lock)
            } catch {
                throw LogError(.io, "the append failed and could not be undone: \(error)",
                               hint: "run 'decisionlog repair' to remove the incomplete write", cause: error)
            }
            throw LogError.system(error, doing: "append to the log")
        }
    }

    private func open(_ path: String, _ mode: OpenMode, _ action: String) throws(LogError) -> FileDescriptor {
        do throws(SystemError) { return try FileDescriptor.open(path, mode.inLog) } catch { throw LogError.system(error, doing: action) }
    }

    private func status(of file: FileDescriptor) throws(LogError) -> FileStatus {
        do throws(SystemError) { return try file.status() } catch { throw LogError.system(error, doing: "read the log's size") }
    }
}
