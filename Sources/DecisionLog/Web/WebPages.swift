/// Makes the pages of one log at one state of it: each page as HTML in the frame, and as JSON in the shapes
/// the command line prints. Reads through `LogQuestions`, so every page answers as the CLI does.
struct WebPages {
    /// The questions of the log, fixed at one `now`.
    let questions: LogQuestions
    /// The log's head when the pages are made, `seq:hash`.
    let head: String
    /// The fiscal quarters from the year before the log's first event (at most 25 years back) to now, newest
    /// first, as `2025-Q3`: what the quarter lists offer.
    let quarters: [String]
    /// Whether the server records decisions from forms (the navigation then offers them).
    let writes: Bool
    /// How pages link to each other: the server's addresses, or a static site's files.
    let linker: WebLinker

    /// Pages answering `questions`, made from the log at `head`, linking through `linker`; `quarters` when
    /// the caller has read them already (`WebPages.quarters(of:)`).
    init(questions: LogQuestions, head: String, writes: Bool = false, linker: WebLinker = .server, quarters: [String]? = nil) {
        self.questions = questions
        self.head = head
        self.writes = writes
        self.linker = linker
        self.quarters = quarters ?? WebPages.quarters(of: questions)
    }

    var store: any EventStore { questions.store }
    var configuration: LogConfig { store.configuration }
    var frame: WebFrame { WebFrame(head: head, zoneName: configuration.timeZone.name, writes: writes, linker: linker) }
    var rendering: QueryRendering { QueryRendering(timeZone: configuration.timeZone, width: nil) }
    var events: EventRendering { EventRendering(timeZone: configuration.timeZone) }

    /// A page made: its HTML, or its JSON (or Markdown, for the report) when that was asked for.
    enum Made {
        case html(String)
        case json(String)
        case markdown(String)
    }

    /// Makes `page`, as JSON when `json`; throws `WebFailure` for what the reader must change.
    func make(_ page: WebPage, json: Bool) throws(WebFailure) -> Made {
        do {
            switch page {
            case .dashboard(let moment): return try dashboard(moment, json: json)
            case .view(let name, let moment, let subject): return try view(name, moment, subject: subject, json: json)
            case .diff(let from, let to, let known, let subject): return try diff(from: from, to: to, known: known, subject: subject, json: json)
            case .subject(let subject, let known): return try subjectPage(subject, known: known, json: json)
            case .person(let name, let moment): return try person(name, moment, json: json)
            case .event(let seq): return try eventPage(seq, json: json)
            case .report(let from, let to, let known): return try report(from: from, to: to, known: known, markdown: json)
            case .search(let text): return try search(text, json: json)
            }
        } catch let failure as WebFailure {
            throw failure
        } catch let error as QuestionError {
            throw WebFailure(.badRequest, error.problem.sentenceStart + "; pick a seq the log holds.")
        } catch let error as LogError {
            throw WebFailure(.internalServerError, "The log cannot be read: \(error.message)" + (error.hint.map { "; \($0)" } ?? "") + ".")
        } catch {
            throw WebFailure(.internalServerError, "The page could not be made: \(error).")
        }
    }

    /// Reads a point typed for `what` (as-of, known-at, from, to); nil stays nil.
    func point(_ text: String?, _ what: String) throws(WebFailure) -> TimePoint? {
        guard let text else { return nil }
        do throws(TimeFormatError) { return try questions.point(text) } catch {
            throw WebFailure(.badRequest, "The \(what) point '\(text)' cannot be read: \(error.problem).")
        }
    }

    /// Every event known at `known`, in seq order, handed to `visit` until it returns false.
    func forEachEvent(known: TimePoint?, _ visit: (Event) -> Bool) throws {
        let cut = Cut.Known(known)
        _ = try store.forEachEvent { event, _ in
            guard cut.includes(event) else { return false }
            return visit(event)
        }
    }

    /// The quarters `quarters` lists, read from the log's first event (the only read).
    static func quarters(of questions: LogQuestions) -> [String] {
        let configuration = questions.store.configuration
        var firstYear: Int? = nil
        _ = try? questions.store.forEachEvent { event, _ in
            firstYear = configuration.timeZone.date(at: event.effectiveAt).parts.year - 1
            return false
        }
        let zone = configuration.timeZone, start = configuration.fiscalYearStartMonth
        let thisYear = zone.date(at: questions.now).parts.year
        var names: [String] = []
        // A first event dated in the future or centuries back (the log's text is untrusted) must neither trap
        // nor list thousands of quarters: at most 25 years, ending now.
        let earliest = max(min(firstYear ?? thisYear, thisYear), thisYear - 25)
        for year in earliest...thisYear {
            for quarter in 1...4 {
                guard let timeframe = try? Timeframe(parsing: "\(year)-Q\(quarter)") else { continue }
                if timeframe.interval(fiscalYearStart: start, zone: zone).lowerBound <= questions.now { names.append(timeframe.description) }
            }
        }
        return names.reversed()
    }
}
