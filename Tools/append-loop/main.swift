// append-loop: appends from W threads of this one process, each append its own request (one event), to the
// log in --log (a folder or one naming a database), and prints "appends/s p50_ms p99_ms" — the in-process line
// of Tools/bench/postgres.sh, beside `decisionlog add` run as a process per append.
//
//   swift run -c release append-loop --log DIR --writers 8 --appends 250
import DecisionLog
import Dispatch
import Foundation
import Glibc
import Synchronization

/// Writes `text` and a newline to standard error.
@Sendable func complain(_ text: String) {
    let line = Array("append-loop: \(text)\n".utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

func fail(_ message: String) -> Never {
    complain(message)
    exit(64)
}

/// The options: the log, how many writer threads, how many appends each.
func options() -> (log: String, writers: Int, appends: Int) {
    var log = "", writers = 1, appends = 100
    var arguments = CommandLine.arguments.dropFirst()
    while let argument = arguments.popFirst() {
        guard let value = arguments.popFirst() else { fail("\(argument) needs a value") }
        switch argument {
        case "--log": log = value
        case "--writers": guard let number = Int(value) else { fail("--writers needs a number") }; writers = number
        case "--appends": guard let number = Int(value) else { fail("--appends needs a number (each writer's)") }; appends = number
        default: fail("unknown option \(argument)")
        }
    }
    guard !log.isEmpty else { fail("give --log DIR") }
    return (log, writers, appends)
}

@Sendable func milliseconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) * 1000 + Double(now.tv_nsec) / 1_000_000
}

let (log, writers, appends) = options()
let store: any EventStore
var folderBuffer = [CChar](repeating: 0, count: 4096)
let here = getcwd(&folderBuffer, folderBuffer.count) != nil ? String(decoding: folderBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "/"
do { store = try EventStores.open(LogFolder(path: log, currentDirectory: here)) } catch { fail("\(error)") }
let latencies = Mutex<[Double]>([])
let failures = Atomic<Int>(0)

/// One writer's appends, each timed.
@Sendable func run(_ writer: Int) {
    var mine: [Double] = []
    for index in 0..<appends {
        let draft = ValidatedDraft(effectiveAt: .now(), actor: Actor(name: "Dana Reyes", role: "CMO"), subject: Subject("feature/loop-\(writer)-\(index)")!,
                                   payload: .priorityChanged(PriorityChanged(priority: .rank(index % 20 + 1), scope: "bench")))
        let before = milliseconds()
        do { _ = try store.append(AppendRequest(drafts: [draft], recordedBy: "append-loop")) } catch {
            complain("\(error)")
            failures.add(1, ordering: .relaxed)
        }
        mine.append(milliseconds() - before)
    }
    latencies.withLock { $0 += mine }
}

/// `value` with one decimal.
func tenths(_ value: Double) -> String {
    let count = Int((value * 10).rounded())
    return "\(count / 10).\(count % 10)"
}

let start = milliseconds()
// A thread each (not a pool as wide as the cores): every writer waits on the database at once.
let group = DispatchGroup()
for writer in 0..<writers {
    group.enter()
    Thread { run(writer); group.leave() }.start()
}
group.wait()
let elapsed = milliseconds() - start
let sorted = latencies.withLock { $0 }.sorted()
func percentile(_ p: Double) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
guard failures.load(ordering: .relaxed) == 0 else { fail("\(failures.load(ordering: .relaxed)) appends failed") }
print("\(Int((Double(sorted.count) / (elapsed / 1000)).rounded())) \(tenths(percentile(0.5))) \(tenths(percentile(0.99)))")
