// append-loop: appends from W threads of this one process, each append its own request (one event), to the
// log in --log (a folder or one naming a database), and prints "appends/s p50_ms p99_ms" — the in-process line
// of Tools/bench/postgres.sh, beside `decisionlog add` run as a process per append.
//
//   swift run -c release append-loop --log DIR --writers 8 --appends 250
import DecisionLog
import Dispatch
import Glibc
import Synchronization

func fail(_ message: String) -> Never {
    fputs("append-loop: \(message)\n", stderr)
    exit(64)
}

var log = "", writers = 1, appends = 100
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    guard let value = arguments.popFirst() else { fail("\(argument) needs a value") }
    switch argument {
    case "--log": log = value
    case "--writers": writers = Int(value) ?? fail("--writers needs a number")
    case "--appends": appends = Int(value) ?? fail("--appends needs a number (each writer's)")
    default: fail("unknown option \(argument)")
    }
}
guard !log.isEmpty else { fail("give --log DIR") }

func milliseconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) * 1000 + Double(now.tv_nsec) / 1_000_000
}

let store: any EventStore
do { store = try EventStores.open(LogFolder(path: log, currentDirectory: "/")) } catch { fail("\(error)") }
let latencies = Mutex<[Double]>([])
let failures = Atomic<Int>(0)
let start = milliseconds()
DispatchQueue.concurrentPerform(iterations: writers) { writer in
    var mine: [Double] = []
    for index in 0..<appends {
        let draft = ValidatedDraft(effectiveAt: .now(), actor: Actor(name: "Loop \(writer)", role: "PM"), subject: Subject("feature/loop-\(writer)-\(index)")!,
                                   payload: .priorityChanged(PriorityChanged(priority: .rank(index % 20 + 1), scope: "bench")))
        let before = milliseconds()
        do { _ = try store.append(AppendRequest(drafts: [draft], recordedBy: "append-loop")) } catch {
            fputs("append-loop: \(error)\n", stderr)
            failures.add(1, ordering: .relaxed)
        }
        mine.append(milliseconds() - before)
    }
    latencies.withLock { $0 += mine }
}
let elapsed = milliseconds() - start
let sorted = latencies.withLock { $0 }.sorted()
func percentile(_ p: Double) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
guard failures.load(ordering: .relaxed) == 0 else { fail("\(failures.load(ordering: .relaxed)) appends failed") }
/// `value` with one decimal.
func tenths(_ value: Double) -> String { "\(Int(value.rounded(.down))).\(Int((value * 10).rounded()) % 10)" }
print("\(Int((Double(sorted.count) / (elapsed / 1000)).rounded())) \(tenths(percentile(0.5))) \(tenths(percentile(0.99)))")
