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

    /// The form's token, from the page at `path`.
    static func token(_ server: Server, _ path: String) throws -> String {
        let page = try curl([server.url + path.dropFirst()])
        return String(try #require(page.firstMatch(of: #/name="token" value="([0-9a-f]{64})"/#)).output.1)
    }

    /// Posts `fields` as a browser's form to `path`; returns the status and the Location (or the page).
    static func post(_ server: Server, _ path: String, _ fields: [(String, String)], _ extra: [String] = []) throws -> (status: String, answer: String) {
        let data = fields.flatMap { ["--data-urlencode", "\($0.0)=\($0.1)"] }
        let out = try curl(["-o", "/tmp/decisionlog-post-\(server.port)", "-w", "%{http_code} %{redirect_url}"] + extra + data + [server.url + path.dropFirst()])
        let status = String(out.prefix(3))
        let page = (try? String(contentsOfFile: "/tmp/decisionlog-post-\(server.port)", encoding: .utf8)) ?? ""
        return (status, status == "303" ? String(out.dropFirst(4)) : page)
    }

    @Test func recordsFromFormsOnlyWhenAllowedAsTheServersPersonAndExactlyAsAddChecks() throws {
        let workspace = try Self.demo()
        try workspace.write("pricing.json", SchemaCommandTests.pricingSchema)
        #expect(workspace.run(["schema", "add", "pricing.json", "--reason", "Track list prices", "--actor", "Dana Reyes", "--role", "CMO", "--log", workspace.log]).status == 0)
        // Read-only by default: no forms, and a post changes nothing.
        do {
            let server = try Server(workspace)
            #expect(try Self.status(server, "/record") == "404")
            #expect(try Self.post(server, "/record/launch.scheduled", [("subject", "launch/x")]).status == "404")
        }
        // Writes need a person to record as.
        let refused = workspace.run(["serve", "--allow-writes", "--port", "0", "--log", workspace.log])
        #expect(refused.status == 65 && refused.stderr.contains("--allow-writes records every decision as one person"))

        let server = try Server(workspace, extra: ["--allow-writes", "--actor", "Ana Costa", "--role", "CS"])
        let index = try Self.curl([server.url + "record"])
        #expect(index.contains("/record/launch.slipped") && index.contains("/record/pricing.changed"))
        let form = try Self.curl([server.url + "record/pricing.changed?subject=plan/pro"])
        #expect(form.contains("name=\"field.price\"") && form.contains("name=\"field.currency\"") && form.contains("value=\"plan/pro\""))
        let token = try Self.token(server, "/record/launch.scheduled")
        let before = workspace.logBytes()
        let good: [(String, String)] = [("token", token), ("id", "01a22206-6e18-770b-922e-6b4925144199"), ("subject", "launch/comet"),
                                        ("field.name", "Comet GA"), ("field.date", "2026-03-01"), ("reason", "Planned for Q1\r\nafter Atlas"),
                                        ("actor", "Mallory"), ("field.actor", "Mallory")]
        // Refused, and nothing written: no token, another site's origin, not a form, invalid as add finds it.
        #expect(try Self.post(server, "/record/launch.scheduled", good.filter { $0.0 != "token" }).status == "403")
        #expect(try Self.post(server, "/record/launch.scheduled", good, ["-H", "Origin: http://evil.example"]).status == "403")
        #expect(try Self.post(server, "/record/launch.scheduled", good, ["-H", "Sec-Fetch-Site: cross-site"]).status == "403")
        #expect(try Self.post(server, "/record/launch.scheduled", good, ["-H", "Content-Type: text/plain"]).status == "415")
        let invalid = try Self.post(server, "/record/launch.scheduled", good.map { $0.0 == "field.date" ? ($0.0, "2026-13-01") : $0 })
        #expect(invalid.status == "422" && invalid.answer.contains("month 13 is not between 1 and 12") && invalid.answer.contains("value=\"Comet GA\""))
        let cli = workspace.run(["add", "launch.scheduled", "--subject", "launch/comet", "--name", "Comet GA", "--date", "2026-13-01", "--actor", "Ana Costa", "--role", "CS", "--log", workspace.log])
        #expect(cli.stderr.contains("month 13 is not between 1 and 12"))
        let shipped = try Self.post(server, "/record/launch.slipped", [("token", token), ("subject", "launch/atlas"), ("field.date", "2025-12-01")])
        #expect(shipped.status == "422" && shipped.answer.contains("after it shipped"))
        #expect(workspace.logBytes() == before)
        // Recorded as the server's person, whatever the form says; the same form sent twice records once.
        #expect(try Self.post(server, "/record/launch.scheduled", good) == ("303", server.url + "events/49"))
        #expect(try Self.post(server, "/record/launch.scheduled", good) == ("303", server.url + "events/49"))
        let event = try JSONValue.parse(workspace.run(["show", "49", "--format", "json", "--log", workspace.log]).stdout).objectValue ?? [:]
        #expect(event["actor"] == .object(["name": .string("Ana Costa"), "role": .string("CS")]))
        #expect(event["reason"] == .string("Planned for Q1\nafter Atlas"))
        #expect(workspace.run(["head", "--log", workspace.log]).stdout.hasPrefix("49:"))
        // A team type's form records through the same checks.
        let price = try Self.post(server, "/record/pricing.changed", [("token", token), ("subject", "plan/pro"), ("field.price", "49"), ("field.currency", "eur"), ("reason", "List price")])
        #expect(price.status == "422" && price.answer.contains("currency"))
        #expect(try Self.post(server, "/record/pricing.changed", [("token", token), ("subject", "plan/pro"), ("field.price", "49"), ("field.currency", "EUR"), ("field.annual", "yes"), ("reason", "List price")]).status == "303")
        #expect(workspace.run(["verify", "--log", workspace.log]).status == 0)
    }
}
