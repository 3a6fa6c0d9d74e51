import Glibc

/// Byte searches and comparisons with the C library's vectorised `memchr` and `memcmp`.
package enum ByteSearch {
    /// Whether the `count` bytes at `a` and at `b` are the same.
    @inline(__always)
    package static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, count: Int) -> Bool { count == 0 || memcmp(a, b, count) == 0 }

    /// Whether `a` sorts before `b`, byte by byte (a prefix first).
    @inline(__always)
    package static func precedes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        let common = min(a.count, b.count)
        let order = common == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, common)
        return order != 0 ? order < 0 : a.count < b.count
    }

    /// Whether `bytes` hold an ASCII control character (below 0x20, or 0x7F) other than tab and newline: in
    /// UTF-8 each is one byte no other character uses. A loop without branches, so it runs on vectors.
    package static func hasControlBesidesTabAndNewline(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var found: UInt8 = 0
        for byte in bytes { found |= (byte < 0x20 && byte != 0x0A && byte != 0x09) || byte == 0x7F ? 1 : 0 }
        return found != 0
    }

    /// The offset of the first `byte` in `buffer` at or after `start`, or nil.
    @inline(__always)
    package static func firstIndex(of byte: UInt8, in buffer: UnsafeRawBufferPointer, from start: Int = 0) -> Int? {
        guard start < buffer.count, let base = buffer.baseAddress else { return nil }
        guard let found = memchr(base + start, Int32(byte), buffer.count - start) else { return nil }
        return UnsafeRawPointer(found) - base
    }

    /// Whether `needle` occurs anywhere in `buffer`.
    package static func contains(_ needle: [UInt8], in buffer: UnsafeRawBufferPointer) -> Bool {
        guard let base = buffer.baseAddress, !needle.isEmpty else { return needle.isEmpty }
        // Look for the needle's rarest byte in JSON text (quotes and lowercase letters are everywhere; a slash,
        // a capital or a digit much less so), then compare the whole needle around it.
        func rarity(_ byte: UInt8) -> Int {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: " "): 0
            case UInt8(ascii: "a")...UInt8(ascii: "z"): 1
            case UInt8(ascii: "/"), UInt8(ascii: "A")...UInt8(ascii: "Z"), 0x80...0xFF: 3
            default: 2
            }
        }
        let anchor = needle.indices.max { rarity(needle[$0]) < rarity(needle[$1]) }!
        return needle.withUnsafeBytes { wanted in
            var start = anchor
            while start + needle.count - anchor <= buffer.count, let found = firstIndex(of: needle[anchor], in: buffer, from: start) {
                let begin = found - anchor
                if begin + needle.count <= buffer.count && memcmp(base + begin, wanted.baseAddress!, needle.count) == 0 { return true }
                start = found + 1
            }
            return false
        }
    }

    /// Whether some string value that follows `key` (bytes ending in an opening quote, such as `"id":"`) in
    /// `buffer` is one of `values` (the value is read up to the next quote; escaped values are not matched).
    package static func anyValue(after key: [UInt8], in buffer: UnsafeRawBufferPointer, in values: Set<String>) -> Bool {
        guard !values.isEmpty else { return false }
        return anyValue(after: key, in: buffer) { values.contains(String(decoding: $0, as: UTF8.self)) }
    }

    /// Whether some string value that follows an occurrence of `key` (which ends with the value's opening quote)
    /// passes `test`, given the value's bytes up to the next quote.
    package static func anyValue(after key: [UInt8], in buffer: UnsafeRawBufferPointer, where test: (UnsafeRawBufferPointer) -> Bool) -> Bool {
        guard let base = buffer.baseAddress else { return false }
        var start = 0
        while start < buffer.count {
            let slice = UnsafeRawBufferPointer(rebasing: buffer[start...])
            guard let found = firstRange(of: key, in: slice) else { return false }
            let valueStart = start + found + key.count
            guard let end = firstIndex(of: UInt8(ascii: "\""), in: buffer, from: valueStart) else { return false }
            if test(UnsafeRawBufferPointer(start: base + valueStart, count: end - valueStart)) { return true }
            start = end + 1
        }
        return false
    }

    /// Where `needle` first occurs in `buffer`, or nil.
    static func firstRange(of needle: [UInt8], in buffer: UnsafeRawBufferPointer) -> Int? {
        guard let base = buffer.baseAddress, let first = needle.first else { return nil }
        return needle.withUnsafeBytes { wanted in
            var start = 0
            while start + needle.count <= buffer.count, let found = firstIndex(of: first, in: buffer, from: start) {
                if found + needle.count <= buffer.count && memcmp(base + found, wanted.baseAddress!, needle.count) == 0 { return found }
                start = found + 1
            }
            return nil
        }
    }

    /// Whether `needle` occurs anywhere in `buffer`.
    package static func contains(_ needle: StaticString, in buffer: UnsafeRawBufferPointer) -> Bool {
        let length = needle.utf8CodeUnitCount
        guard let base = buffer.baseAddress, length > 0 else { return false }
        var start = 0
        while start + length <= buffer.count, let found = firstIndex(of: needle.utf8Start.pointee, in: buffer, from: start) {
            if found + length <= buffer.count && memcmp(base + found, needle.utf8Start, length) == 0 { return true }
            start = found + 1
        }
        return false
    }
}
