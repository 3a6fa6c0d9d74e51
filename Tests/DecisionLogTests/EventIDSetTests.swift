@testable import DecisionLog
import Testing
import DecisionLogTestSupport

/// The set `verify` finds repeated ids with agrees with `Set`, across growth and for the nil UUID, and ids
/// crafted to collide do not.
struct EventIDSetTests {
    @Test func findsEveryRepeatAsSetDoes() {
        var random = SeededGenerator(seed: 5)
        // Few distinct ids among many draws, so repeats are common; small words, so slots collide.
        let ids = (0..<20_000).map { _ in EventID(high: UInt64.random(in: 0..<40, using: &random), low: UInt64.random(in: 0..<200, using: &random)) }
        var ours = EventIDSet(capacity: 4), theirs: Set<EventID> = []
        for id in ids {
            let (new, known) = (ours.insert(id), theirs.insert(id).inserted)
            #expect(new == known)
        }
        #expect(ours.count == theirs.count - (theirs.contains(EventID(high: 0, low: 0)) ? 1 : 0))
    }

    @Test func theNilIDCountsOnce() {
        var set = EventIDSet()
        let none = EventID(high: 0, low: 0)
        let first = set.insert(none), again = set.insert(none)
        #expect(first && !again)
        let fresh = (1...5_000).map { set.insert(EventID(high: 7, low: UInt64($0))) }
        #expect(fresh.allSatisfy { $0 })
        let afterGrowth = set.insert(none), repeated = set.insert(EventID(high: 7, low: 4_999))
        #expect(!afterGrowth && !repeated)
    }

    /// Ids that differ only in the high bits of their first word — which a hash of the low bits alone puts
    /// in one slot, making each insert walk every earlier one — spread over the table like random ids.
    @Test(arguments: [0, 16, 48])
    func craftedIDsSpreadOverTheTable(shift: Int) {
        let mask = 16_383
        let crafted = (0..<8_192).map { EventID(high: UInt64($0) << UInt64(shift), low: 0x8000_0000_0000_0000) }
        let slots = Set(crafted.map { EventIDSet.slot($0, mask) })
        // 8,192 random picks of 16,384 slots land in about 6,450 distinct ones.
        #expect(slots.count > 6_000, "\(slots.count) distinct slots")
        var set = EventIDSet()
        #expect(crafted.allSatisfy { set.insert($0) })
    }
}
