import Glibc
internal import DecisionLogKernels

/// Facts about the running process and its terminal.
package enum ProcessFacts {
    /// This process's id.
    package static var processID: Int32 { getpid() }

    /// Whether a process with id `pid` is running (as far as this user can tell: one of another user counts).
    package static func isRunning(_ pid: Int32) -> Bool {
        pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
    }

    /// How many processors are online (at least 1).
    package static let processorCount: Int = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

    /// The login name of the effective user, or "unknown".
    package static func userName() -> String {
        if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return "unknown"
    }

    /// The machine's host name, or "localhost".
    package static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return String(nulTerminated: buffer)
    }

    /// True when the descriptor is a terminal.
    package static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// The terminal's width in columns, when `fd` is a terminal that reports one.
    package static func terminalColumns(_ fd: Int32) -> Int? {
        var size = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// The terminal's height in rows, when `fd` is a terminal that reports one.
    package static func terminalRows(_ fd: Int32) -> Int? {
        var size = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 else { return nil }
        return Int(size.ws_row)
    }

    /// Runs `command` with `/bin/sh -c`, its standard input fed `text` and its output the terminal's, and
    /// waits for it (a pager: `less`, `$PAGER`). Adds `additions` to the environment. False when it could not
    /// be started, so the caller can write the text itself.
    package static func pipe(_ text: String, through command: String, adding additions: [String: String]) -> Bool {
        var fds: [Int32] = [0, 0]
        guard dl_pipe_cloexec(&fds) == 0 else { return false }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[0], 0)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addclose(&actions, fds[1])
        let arguments = ["sh", "-c", command]
        var environment = self.environment()
        for (key, value) in additions where environment[key] == nil { environment[key] = value }
        let entries = environment.map { "\($0.key)=\($0.value)" }
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        var envp: [UnsafeMutablePointer<CChar>?] = entries.map { strdup($0) } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let started = posix_spawn(&pid, "/bin/sh", &actions, nil, &argv, &envp)
        close(fds[0])
        guard started == 0 else { close(fds[1]); return false }
        // A pager that quits early closes the pipe: ignore SIGPIPE and stop writing.
        signal(SIGPIPE, SIG_IGN)
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(fds[1], buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 { if errno == EINTR { continue } else { break } }
                offset += n
            }
        }
        close(fds[1])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return true
    }

    /// Runs `arguments` (the program found on `$PATH`) to its end, its standard input `input` (at most 64 KiB,
    /// which a pipe holds without the program reading it) or empty; returns its exit status and what it
    /// wrote, or nil when it could not be started. For small outputs (a tool's answer): standard output is
    /// read to its end before standard error.
    package static func run(_ arguments: [String], input: [UInt8] = []) -> (status: Int32, output: String, error: String)? {
        precondition(input.count <= 1 << 16, "input larger than a pipe holds")
        var stdin: [Int32] = [0, 0], out: [Int32] = [0, 0], err: [Int32] = [0, 0]
        guard dl_pipe_cloexec(&stdin) == 0 else { return nil }
        guard dl_pipe_cloexec(&out) == 0 else { close(stdin[0]); close(stdin[1]); return nil }
        guard dl_pipe_cloexec(&err) == 0 else { for fd in stdin + out { close(fd) }; return nil }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin[0], 0)
        posix_spawn_file_actions_adddup2(&actions, out[1], 1)
        posix_spawn_file_actions_adddup2(&actions, err[1], 2)
        for fd in stdin + out + err { posix_spawn_file_actions_addclose(&actions, fd) }
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let started = posix_spawnp(&pid, arguments[0], &actions, nil, &argv, environ)
        close(stdin[0]); close(out[1]); close(err[1])
        defer { close(out[0]); close(err[0]) }
        guard started == 0 else { close(stdin[1]); return nil }
        if !input.isEmpty { writeWithoutSIGPIPE(input, to: stdin[1]) }
        close(stdin[1])
        let output = (try? FileDescriptor(raw: out[0], path: "<pipe>").readAll()) ?? []
        let error = (try? FileDescriptor(raw: err[0], path: "<pipe>").readAll()) ?? []
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (exit, String(decoding: output, as: UTF8.self), String(decoding: error, as: UTF8.self))
    }

    /// Writes `bytes` to `fd`, a pipe whose reader may have gone: with SIGPIPE blocked in this thread, and the
    /// signal a write to a closed pipe raises discarded, so the write only fails (EPIPE) instead of killing
    /// the process.
    private static func writeWithoutSIGPIPE(_ bytes: [UInt8], to fd: Int32) {
        var pipeSignal = sigset_t(), previous = sigset_t(), pending = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous)
        _ = try? FileDescriptor(raw: fd, path: "<pipe>").writeAll(bytes)
        sigpending(&pending)
        if sigismember(&pending, SIGPIPE) == 1, sigismember(&previous, SIGPIPE) == 0 {
            var signal: Int32 = 0
            sigwait(&pipeSignal, &signal)
        }
        pthread_sigmask(SIG_SETMASK, &previous, nil)
    }

    /// A clock that never goes back, in milliseconds, for measuring how long work takes.
    package static func monotonicMilliseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }

    /// The wall clock, in milliseconds since 1970-01-01T00:00:00Z.
    package static func wallClockMilliseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }

    /// The process's arguments from the C runtime, decoded as UTF-8; for an argument that is not valid
    /// UTF-8, the error names its position (1 for the first after the program name).
    package static func arguments() -> Result<[String], InvalidArgument> {
        var result: [String] = []
        for index in 1..<Int(CommandLine.argc) {
            guard let raw = CommandLine.unsafeArgv[index] else { continue }
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self), count: strlen(raw))
            guard let text = String(validating: bytes, as: UTF8.self) else { return .failure(InvalidArgument(position: index)) }
            result.append(text)
        }
        return .success(result)
    }

    /// An argument that is not valid UTF-8.
    package struct InvalidArgument: Error, Sendable {
        /// Its position, 1 for the first after the program name.
        package let position: Int
    }

    /// The process's environment variables (those whose name and value are valid UTF-8).
    package static func environment() -> [String: String] {
        var result: [String: String] = [:]
        var entry = environ
        while let pointer = entry.pointee {
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer))
            if let text = String(validating: bytes, as: UTF8.self), let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            entry += 1
        }
        return result
    }

    /// Ends the process with `status`.
    package static func exit(_ status: Int32) -> Never { Glibc.exit(status) }

    /// Where the system's tzdata lives (`TZDIR`, else /usr/share/zoneinfo).
    package static var zoneDirectory: String {
        if let dir = getenv("TZDIR") { return String(cString: dir) }
        return "/usr/share/zoneinfo"
    }
}

extension ProcessFacts {
    /// Lets SIGINT, SIGTERM and SIGHUP stop this process even when whatever started it had them blocked (a
    /// blocked mask is inherited): for a long-running command such as `serve`, which must stop when asked.
    package static func unblockStopSignals() {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&set, signal) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}
