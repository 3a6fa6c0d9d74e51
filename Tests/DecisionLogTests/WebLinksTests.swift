@testable import DecisionLog
import Testing

/// A page's address names that page and no other, as HTML and as data, whatever its names end with.
struct WebLinksTests {
    static func requested(_ target: String) -> WebPage.Requested? {
        guard case .request(let request, _) = HTTPRequestParser().parse(Array("GET \(target) HTTP/1.1\r\nHost: x\r\n\r\n".utf8)) else { return nil }
        return WebPage.requested(request)
    }

    static func page(_ target: String) -> (page: WebPage, json: Bool)? {
        guard case .page(let page, let json)? = requested(target) else { return nil }
        return (page, json)
    }

    @Test(arguments: [
        WebPage.subject("launch/atlas.json", known: nil), .subject("launch/notes.md", known: "#3"), .subject("launch/atlas", known: nil),
        .person("J. Smith.md", WebMoment(asOf: "2025-Q2", known: nil)), .view("plans.json", WebMoment(asOf: nil, known: nil), subject: nil),
    ])
    func anAddressNamesItsPageAsHTMLAndAsData(page: WebPage) throws {
        let html = try #require(Self.page(WebLinks.href(page)))
        #expect(html.page == page && !html.json, "\(WebLinks.href(page))")
        let data = try #require(Self.page(WebLinks.href(page, json: true)))
        #expect(data.page == page && data.json, "\(WebLinks.href(page, json: true))")
    }

    @Test func oneSuffixIsTakenAndOnlyAsSent() throws {
        // What the fuzzer sent: the Markdown form of a subject whose name ends in ".json".
        let both = try #require(Self.page("/subjects/launch/atlas.json.md"))
        #expect(both.page == .subject("launch/atlas.json", known: nil) && both.json)
        #expect(WebLinks.href(both.page) == "/subjects/launch/atlas%2Ejson")
        // An encoded dot is part of the name, not a suffix.
        let encoded = try #require(Self.page("/subjects/launch/atlas%2Ejson"))
        #expect(encoded.page == .subject("launch/atlas.json", known: nil) && !encoded.json)
        let plain = try #require(Self.page("/subjects/launch/atlas.json"))
        #expect(plain.page == .subject("launch/atlas", known: nil) && plain.json)
    }
}
