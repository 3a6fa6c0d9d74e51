/// A set of event ids for checking a whole log for repeats: open addressing over the ids' two words, kept
/// side by side in one array (one cache line a probe), with a per-process random mix so that crafted ids
/// cannot make lookups slow; several times faster than `Set`, whose SipHash dominates a verify.
struct EventIDSet {
    /// The slots; the all-zero id marks an empty one (the nil UUID itself is tracked by `hasNil`).
    private var slots: [EventID]
    private var mask: Int
    private var hasNil = false
    private(set) var count = 0
    private static let seed = UInt64.random(in: .min ... .max) | 1
    private static let empty = EventID(high: 0, low: 0)

    /// An empty set with room for `capacity` ids before it grows.
    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: Self.empty, count: size)
        mask = size - 1
    }

    /// Adds `id`; false when it was already there.
    mutating func insert(_ id: EventID) -> Bool {
        if id == Self.empty {
            defer { hasNil = true }
            return !hasNil
        }
        if (count + 1) * 2 > slots.count { grow() }
        let inserted = slots.withUnsafeMutableBufferPointer { slots in
            var slot = Self.slot(id, mask)
            while slots[slot] != Self.empty {
                if slots[slot] == id { return false }
                slot = (slot + 1) & mask
            }
            slots[slot] = id
            return true
        }
        if inserted { count += 1 }
        return inserted
    }

    private static func slot(_ id: EventID, _ mask: Int) -> Int {
        var mixed = (id.high ^ id.low &* seed) &* 0x9E37_79B9_7F4A_7C15
        mixed ^= mixed >> 29
        return Int(truncatingIfNeeded: mixed) & mask
    }

    private mutating func grow() {
        let (old, hadNil) = (slots, hasNil)
        self = EventIDSet(capacity: old.count)
        hasNil = hadNil
        for id in old where id != Self.empty { _ = insert(id) }
    }
}
