import DecisionLog

/// `decisionlog serve`: the log's pages in a browser, served on this machine.
enum ServeCommand: Command {
    static let spec = CommandSpec(
        name: "serve", abstract: "Serve the log's pages to a browser: dashboard, views, diffs, histories, people, events, reports.",
        discussion: """
        Every page picks its moment with --as-of and --known-at controls, so every state of the plan is an address to bookmark, and every page is also JSON (add .json, or send Accept: application/json) in the shapes the commands print. Open pages offer to reload when the log grows.
        With --allow-writes, 'Record a decision' offers a form for every event type (the team's too), checked exactly as 'add' checks a draft and recorded as the person the server runs for (--actor and --role, else $DECISIONLOG_ACTOR/$DECISIONLOG_ROLE, else your settings) — never as a name typed in the form. Forms carry a secret token, so a page on another site cannot post them.
        The server is read-only unless told otherwise, and has no login: it binds 127.0.0.1 by default, answers only requests naming it in their Host header (so a web page elsewhere cannot reach it through DNS), and sends a policy that lets pages load nothing from anywhere else. Serve a trusted network only, with --bind and --host. Stop it with Ctrl-C.
        """,
        options: [port.declaration, bind.declaration, host.declaration, requestTimeout.declaration, open.declaration, quiet.declaration,
                  allowWrites.declaration, AddCommand.actor.declaration, AddCommand.role.declaration, CommandSpec.logOption])

    static let port = Option<Int>("port", "<port>", help: "The port (default 8080; 0 picks a free one).", minimum: 0, expected: "a port number from 0 to 65535")
    static let bind = Option("bind", "<address>", help: "The address to listen on (default 127.0.0.1; 0.0.0.0 for every network, with --host).")
    static let host = Option("host", "<name>", help: "Also answer requests naming this host, e.g. decisions.internal (repeatable).", repeatable: true)
    static let requestTimeout = Option<Int>("request-timeout", "<seconds>", help: "How long a request may take to arrive, and a kept-alive connection may idle (default 10).",
                                            minimum: 1, expected: "a whole number of seconds, 1 or more")
    static let open = Flag("open", help: "Open the dashboard in the default browser.")
    static let quiet = Flag("quiet", help: "Do not print a line for each request.")
    static let allowWrites = Flag("allow-writes", help: "Offer forms that record decisions, as the person --actor and --role name.")

    static func run(_ arguments: SplitArguments, in context: CommandContext) throws {
        let args = try ArgumentParser.parse(arguments, for: spec)
        let port = try args.value(ServeCommand.port) ?? 8080
        guard port <= 65_535 else { throw UsageError("The value '\(port)' is invalid for '--port <port>'; give a port number from 0 to 65535", command: spec) }
        let address = try args.value(bind) ?? "127.0.0.1"
        let extraHosts = try args.values(host)
        let everywhere = address == "0.0.0.0" || address == "::"
        if everywhere && extraHosts.isEmpty {
            throw UsageError("Listening on \(address) needs --host <name>, the name browsers reach this machine by (the server refuses other names)", command: spec)
        }
        let loopback = address == "127.0.0.1" || address == "::1"
        let names = (everywhere ? [] : [address]) + (loopback ? ["localhost", "127.0.0.1", "::1"] : []) + extraHosts
        let store = try context.openLog(args)
        let writer = try args.flag(allowWrites) ? self.writer(args, store: store, context: context) : nil
        let app = WebApp(store: store, checkpoints: context.checkpoints(of: store), writer: writer)
        let printLine: @Sendable (String) -> Void = { line in StandardStreams.writeError(line + "\n") }
        let log = args.flag(quiet) ? nil : printLine
        let handler: HTTPServer.Handler = { request in app.respond(to: request) }
        var limits = HTTPLimits()
        if let seconds = try args.value(requestTimeout) {
            limits.requestMilliseconds = min(seconds, 3600) * 1000
            limits.idleMilliseconds = min(limits.idleMilliseconds, limits.requestMilliseconds)
        }
        let server: HTTPServer
        do throws(SystemError) {
            server = try HTTPServer(address: address, port: port, hostNames: names, limits: limits, headers: WebApp.securityHeaders,
                                    log: log, handler: handler)
        } catch {
            let hint = error.code == 98 ? "; another program uses port \(port): pick another with --port" : ""
            throw CommandFailure("cannot listen on \(address) port \(port): \(error.reason)\(hint)", .failure)
        }
        let shown = address.contains(":") ? "[\(address)]" : (everywhere ? extraHosts[0] : address)
        let url = "http://\(shown):\(server.port)/"
        // On standard error, so it shows at once (standard output may be held for a pager).
        let mode = writer.map { "recording as \($0.decider)" } ?? "read-only"
        context.console.error("Serving \(store.folder.path) at \(url) (\(mode); Ctrl-C stops it)")
        if args.flag(open) { openBrowser(url, context) }
        ProcessFacts.unblockStopSignals()
        do throws(SystemError) { try server.run() } catch {
            throw CommandFailure("the server stopped: \(error)", .failure)
        }
    }

    /// Who the forms record as: the decider `add` would take from the same options, environment and settings.
    private static func writer(_ args: ParsedArguments, store: any EventStore, context: CommandContext) throws -> WebWriter {
        let named = (name: try args.value(AddCommand.actor), role: try args.value(AddCommand.role))
        guard let decider = try context.decider(named, draftNamesOne: false, config: store.configuration) else {
            throw CommandFailure("--allow-writes records every decision as one person: name them with --actor and --role (or $DECISIONLOG_ACTOR and $DECISIONLOG_ROLE)", .invalidInput)
        }
        return WebWriter(decider: decider, recordedBy: context.recordedBy, signing: context.signing())
    }

    /// Opens `url` with `$BROWSER`, else `xdg-open`, without waiting; says so when neither can.
    private static func openBrowser(_ url: String, _ context: CommandContext) {
        let command = context.environment["BROWSER"].flatMap { $0.isEmpty ? nil : $0 } ?? "xdg-open"
        guard (try? Threads.detach({
            if ProcessFacts.run([command, url])?.status != 0 {
                StandardStreams.writeError("Could not open a browser with '\(command)'; open \(url) yourself.\n")
            }
        })) != nil else { return }
    }
}
