import DecisionLog
import Foundation
import Testing
import DecisionLogTestSupport

/// `decisionlog serve`, the real binary on a real socket, spoken to with curl and raw bytes: HTTP semantics,
/// the Host check, limits, escaping, the JSON the CLI prints, and the word that the log grew.
@Suite struct ServeTests {
    /// A server on the demo log (or the workspace's log), on a free port; stopped when the test ends.
    final class Server {
        let running: Harness.Running
        let url: String
        let port: Int

        init(_ workspace: Workspace, extra: [String] = []) throws {
            // A port nobody listens on, then the server on it, then wait until it answers.
            let free = try Harness.launch(shell: "python3 -c 'import socket; s = socket.socket(); s.bind((\"127.0.0.1\", 0)); print(s.getsockname()[1])'", in: "/tmp")
            port = try #require(Int(free.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
            url = "http://127.0.0.1:\(port)/"
            running = try Harness.start(["serve", "--port", String(port), "--quiet", "--log", workspace.log] + extra, in: workspace.path)
            for _ in 0..<100 {
                if try ServeTests.curl(["-o", "/dev/null", "-w", "%{http_code}", url + "assets/icon.svg"]) == "200" { return }
                Thread.sleep(forTimeInterval: 0.05)
            }
            throw ServeError(message: "the server did not start on port \(port)")
        }

        // SIGKILL, so a test never waits on a server that did not stop.
        deinit {
            kill(running.process.processIdentifier, SIGKILL)
            running.process.waitUntilExit()
        }
    }

    struct ServeError: Error { let message: String }

    /// Runs curl with `arguments`; returns what it wrote.
    static func curl(_ arguments: [String]) throws -> String {
        let result = try Harness.launch(shell: "curl -sS " + arguments.map { "'\($0)'" }.joined(separator: " ") + " 2>&1", in: "/tmp")
        return result.stdout
    }

    /// The status of `path` with `extra` curl options.
    static func status(_ server: Server, _ path: String, _ extra: [String] = []) throws -> String {
        try curl(["-o", "/dev/null", "-w", "%{http_code}"] + extra + [server.url + path.dropFirst()])
    }

    /// Sends `bytes` on a raw connection and returns what came back before the server closed it.
    static func raw(_ server: Server, _ bytes: String, wait: Double = 0) throws -> String {
        let script = "exec 3<>/dev/tcp/127.0.0.1/\(server.port); printf '%s' \"$REQUEST\" >&3; sleep \(wait); timeout 15 cat <&3"
        return try Harness.launch(shell: "bash -c '\(script)'", in: "/tmp", environment: ["REQUEST": bytes]).stdout
    }

    static func demo() throws -> Workspace {
        let workspace = Workspace()
        #expect(workspace.run(["demo", "--log", workspace.log]).status == 0)
        return workspace
    }

    @Test func answersGetHeadAndRefusesWhatItDoesNotServe() throws {
        let workspace = try Self.demo()
        let server = try Server(workspace)
        #expect(try Self.status(server, "/") == "200")
        #expect(try Self.status(server, "/views/launches?as-of=2025-Q2") == "200")
        #expect(try Self.status(server, "/subjects/launch/atlas") == "200")
        #expect(try Self.status(server, "/people/Lee%20Park") == "200")
        #expect(try Self.status(server, "/events/26") == "200")
        #expect(try Self.status(server, "/diff?from=2025-Q2&to=2025-Q3") == "200")
        #expect(try Self.status(server, "/report?from=2025-Q2&to=2025-Q3") == "200")
        #expect(try Self.status(server, "/search?q=sso") == "200")
        #expect(try Self.status(server, "/nowhere") == "404")
        #expect(try Self.status(server, "/events/999") == "404")
        #expect(try Self.status(server, "/views/launchez") == "404")
        #expect(try Self.status(server, "/views/launches?as-of=2025-13") == "400")
        #expect(try Self.status(server, "/", ["-X", "POST"]) == "405")
        #expect(try Self.status(server, "/", ["-H", "Host: attacker.example"]) == "421")
        #expect(try Self.status(server, "/views/goals?as-of-quarter=2025-Q3&as-of-date=&as-of=") == "303")
        // HEAD: the GET's headers, no body.
        let head = try Self.curl(["-I", server.url + "views/launches"])
        #expect(head.hasPrefix("HTTP/1.1 200 OK"))
        let length = head.split(separator: "\r\n").first { $0.hasPrefix("Content-Length:") }
        let body = try Self.curl([server.url + "views/launches"])
        #expect(length == "Content-Length: \(body.utf8.count)")
        #expect(head.contains("Content-Security-Policy: default-src 'none'"))
        // Malformed requests and limits.
        #expect(try Self.raw(server, "GARBAGE\r\n\r\n").hasPrefix("HTTP/1.1 400 "))
        #expect(try Self.raw(server, "GET / HTTP/1.1\r\n\r\n").hasPrefix("HTTP/1.1 400 "))  // no Host
        #expect(try Self.raw(server, "GET / HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\n folded\r\n\r\n").hasPrefix("HTTP/1.1 400 "))
        #expect(try Self.raw(server, "GET / HTTP/2.0\r\nHost: x\r\n\r\n").hasPrefix("HTTP/1.1 505 "))
        #expect(try Self.raw(server, "POST / HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nContent-Length: 999999999\r\n\r\n").hasPrefix("HTTP/1.1 413 "))
        #expect(try Self.raw(server, "GET /" + String(repeating: "a", count: 9000) + " HTTP/1.1\r\n\r\n").hasPrefix("HTTP/1.1 414 "))
        // Keep-alive: two requests, one connection.
        let verbose = try Self.curl(["-v", "-o", "/dev/null", "-o", "/dev/null", server.url, server.url + "views/goals"])
        #expect(verbose.contains("Re-using existing connection") || verbose.contains("Reusing existing connection"))
    }

    @Test(.tags(.slow), .skippable(.slow)) func cutsOffASlowClient() throws {
        let workspace = try Self.demo()
        let server = try Server(workspace, extra: ["--request-timeout", "1"])
        let started = Date()
        let answer = try Self.raw(server, "GET / HTTP/1.1\r\nHost: 127.0.0.1", wait: 0)
        #expect(answer.hasPrefix("HTTP/1.1 408 "))
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test func pagesEscapeTheLogsTextAndJSONIsTheCLIs() throws {
        let workspace = try Self.demo()
        #expect(workspace.run(["add", "goal.set", "--subject", "goal/x", "--title", "<script>alert(1)</script>", "--timeframe", "2025-Q4",
                               "--reason", "<script>alert(1)</script> & \"quotes\"", "--actor", "Ana Costa", "--role", "CS", "--log", workspace.log]).status == 0)
        let server = try Server(workspace)
        for path in ["subjects/goal/x", "", "search?q=script", "events/48", "people/Ana%20Costa"] {
            let page = try Self.curl([server.url + path])
            #expect(!page.contains("<script>alert"), "\(path)")
            #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"), "\(path)")
        }
        for (path, command) in [("views/launches.json?as-of=2025-Q2", ["show", "launches", "--as-of", "2025-Q2", "--format", "json"]),
                                ("views/priorities.json?as-of=2025-08-12&known-at=2025-08-12", ["show", "priorities", "--as-of", "2025-08-12", "--known-at", "2025-08-12", "--format", "json"]),
                                ("diff.json?from=2025-Q2&to=2025-Q3", ["diff", "2025-Q2", "2025-Q3", "--format", "json"]),
                                ("subjects/launch/atlas.json", ["history", "launch/atlas", "--format", "json"]),
                                ("events/26.json", ["show", "26", "--format", "json"])] {
            let cli = workspace.run(command + ["--log", workspace.log])
            #expect(cli.status == 0)
            #expect(try Self.curl([server.url + path]) == cli.stdout, "\(path)")
            #expect(try Self.curl(["-H", "Accept: application/json", server.url + path.replacingOccurrences(of: ".json", with: "")]) == cli.stdout, "\(path)")
        }
    }

    @Test func aLogDatedInTheFutureStillHasPages() throws {
        // The quarter lists run from the first event's year to now; a first event dated 2040 must not stop them.
        let workspace = Workspace()
        #expect(workspace.run(["init", "--actor", "Dana Reyes", "--role", "CMO", "--time-zone", "UTC"]).status == 0)
        #expect(workspace.run(["add", "launch.scheduled", "--subject", "launch/far", "--name", "Far", "--date", "2041-01-01",
                               "--effective", "2040-06-01"]).status == 0)
        let server = try Server(workspace)
        #expect(try Self.status(server, "/") == "200")
        let page = try Self.curl([server.url + "views/launches?as-of=2040-12-31"])
        #expect(page.contains("launch/far"))
        #expect(!page.contains("2040-Q"))
    }

    @Test func tellsOpenPagesThatTheLogGrew() throws {
        let workspace = try Self.demo()
        let server = try Server(workspace)
        let stream = try Harness.start(shell: "timeout 10 curl -sN '\(server.url)updates'", in: "/tmp")
        Thread.sleep(forTimeInterval: 0.5)
        #expect(workspace.run(["add", "metric.recorded", "--subject", "metric/retention", "--value", "82", "--period", "2025-10",
                               "--actor", "Ana Costa", "--role", "CS", "--log", workspace.log]).status == 0)
        let head = workspace.run(["head", "--log", workspace.log]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        // Read the stream until it names the new head (curl gives up after 10 seconds).
        var output = Data()
        let handle = stream.stdout.fileHandleForReading
        while !String(decoding: output, as: UTF8.self).contains("data: \(head)\n") {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            output += chunk
        }
        stream.process.terminate()
        let heads = String(decoding: output, as: UTF8.self).split(separator: "\n").filter { $0.hasPrefix("data: ") }.map { String($0.dropFirst(6)) }
        #expect(heads.first?.hasPrefix("47:") == true)
        #expect(heads.last == head)
    }
}
