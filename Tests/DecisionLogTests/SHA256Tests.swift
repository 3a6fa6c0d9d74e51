import DecisionLog
import DecisionLogKernels
import Testing

/// SHA-256 against the FIPS 180 examples and NIST CAVS byte-oriented short messages.
struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
        ("message digest", "f7846f55cf23e14eebeab5b4e1550cad5b509e3348fbc4efa3a1413d393cb650"),
    ])
    func matchesTheStandardsExamples(message: String, digest: String) {
        #expect(SHA256.hash(Array(message.utf8)).hex == digest)
    }

    @Test(arguments: [
        ("d3", "28969cdfa74a12c82f3bad960b0b000aca2ac329deea5c2328ebc6f2ba9802c1"),
        ("11af", "5ca7133fa735326081558ac312c620eeca9970d1e70a4b95533d956f072d1f98"),
        ("b4190e", "dff2e73091f6c05e528896c4c831b9448653dc2ff043528f6769437bc7b975c2"),
        ("74ba2521", "b16aa56be3880d18cd41e68384cf1ec8c17680c45a02b1575dc1518923ae8b0e"),
        ("5738c929c4f4ccb6", "963bb88f27f512777aab6c8b1a02c70ec0ad651d428f870036e1917120fb48bf"),
    ])
    func matchesNISTShortMessages(hexMessage: String, digest: String) {
        let bytes = stride(from: 0, to: hexMessage.count, by: 2).map { i -> UInt8 in
            let start = hexMessage.index(hexMessage.startIndex, offsetBy: i)
            return UInt8(hexMessage[start..<hexMessage.index(start, offsetBy: 2)], radix: 16)!
        }
        #expect(SHA256.hash(bytes).hex == digest)
    }

    @Test func hashesAMillionAs() {
        #expect(SHA256.hash([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)).hex
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test(arguments: [1, 3, 55, 56, 63, 64, 65, 127, 1000])
    func givesTheSameDigestWhateverTheChunking(chunk: Int) {
        let message = (0..<2_345).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        var hasher = SHA256()
        for start in stride(from: 0, to: message.count, by: chunk) {
            hasher.update(message[start..<min(start + chunk, message.count)])
        }
        #expect(hasher.finalize() == SHA256.hash(message))
    }

    @Test func digestHexRoundTrips() {
        let digest = SHA256.hash(Array("abc".utf8))
        #expect(Digest(hex: digest.hex) == digest)
        #expect(Digest(hex: String(digest.hex.dropLast())) == nil)
        #expect(Digest(hex: String(digest.hex.dropLast()) + "g") == nil)
    }
}

/// The CPU's SHA instructions and the portable code give the same state for the same blocks.
struct SHA256KernelTests {
    @Test func bothCompressionPathsAgree() {
        var generator = SystemRandomNumberGenerator()
        for blocks in [1, 2, 7, 64] {
            let data = (0..<(64 * blocks)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            var fast: [UInt32] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
            var portable = fast
            dl_sha256_compress(&fast, data, blocks)
            dl_sha256_compress_portable(&portable, data, blocks)
            #expect(fast == portable)
        }
        // Says which path the machine took, so a run shows both were compared and not one with itself.
        print("SHA-256 uses the CPU's SHA instructions: \(SHA256.isAccelerated)")
    }
}
