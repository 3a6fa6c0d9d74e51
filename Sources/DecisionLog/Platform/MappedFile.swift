import Glibc

/// A file mapped into memory read-only (or a copy of some bytes, read the same way), released when the last
/// reference goes.
///
/// Safe to share between threads: the mapping is never written, and the files mapped (checkpoints) are only
/// ever replaced by a rename, never changed in place, so a mapping keeps seeing the bytes it was made from.
package final class MappedFile: @unchecked Sendable {
    /// The file's bytes.
    package let bytes: UnsafeRawBufferPointer
    /// Whether `bytes` is a mapping (else memory this object allocated).
    private let isMapping: Bool

    /// Maps the whole of `file` (which stays the caller's to close); throws `SystemError` when it cannot be
    /// mapped.
    package init(file: FileDescriptor) throws(SystemError) {
        isMapping = true
        let size = Int(try file.status().size)
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, file.raw, 0), base != MAP_FAILED else {
            throw SystemError(code: errno, operation: "mmap", path: file.path)
        }
        bytes = UnsafeRawBufferPointer(start: base, count: size)
    }

    /// A copy of `source`, read as a mapping is.
    package init(copying source: [UInt8]) {
        isMapping = false
        let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, source.count), alignment: 16)
        source.withUnsafeBytes { memory.copyMemory(from: $0) }
        bytes = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(memory)[..<source.count])
    }

    deinit {
        guard let base = bytes.baseAddress else { return }
        if isMapping { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) } else { base.deallocate() }
    }
}
