import DecisionLog
import Foundation
import Testing
import DecisionLogTestSupport

/// `decisionlog site`: the pages as files, every link relative and resolving inside the folder, the data the
/// CLI prints, and folders it must not touch left alone.
@Suite struct SiteTests {
    /// Every `href`, `src` and `action` in every HTML file under `folder`: (the file, the address).
    static func links(in folder: String) throws -> [(file: String, address: String)] {
        var found: [(String, String)] = []
        let files = try #require(FileManager.default.enumerator(atPath: folder)).compactMap { $0 as? String }.filter { $0.hasSuffix(".html") }
        for file in files {
            let html = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            for match in html.matches(of: #/(?:href|src|action)="([^"]*)"/#) {
                found.append((file, String(match.1).replacingOccurrences(of: "&amp;", with: "&")))
            }
        }
        return found
    }

    @Test func everyLinkIsRelativeAndResolvesInsideTheFolder() throws {
        let workspace = try ServeTests.demo()
        // A person whose name would walk up the folder if it were a path.
        #expect(workspace.run(["add", "owner.assigned", "--subject", "goal/q3-pipeline", "--owner", "../../x/..", "--new-person",
                               "--actor", "Dana Reyes", "--role", "CMO", "--log", workspace.log]).status == 0)
        let folder = workspace.path + "/site"
        let made = workspace.run(["site", "-o", "site", "--log", workspace.log])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("for 2025-Q2, 2025-Q3, 2025-Q4, ") && made.stdout.contains(", now to "))
        let links = try Self.links(in: folder)
        #expect(links.count > 1000)
        var checked = 0
        for (file, address) in links where !address.hasPrefix("#") {
            #expect(!address.isEmpty && !address.hasPrefix("/") && !address.contains("://") && !address.hasPrefix("javascript:"), "\(file): \(address)")
            let relative = try #require(address.split(separator: "#").first.map(String.init)?.removingPercentEncoding)
            let target = URL(fileURLWithPath: folder + "/" + file).deletingLastPathComponent().appendingPathComponent(relative).standardized.path
            #expect(target.hasPrefix(folder + "/") && FileManager.default.fileExists(atPath: target), "\(file) links to \(address), which is not in the site")
            checked += 1
        }
        #expect(checked > 1000)
        // Nothing was written outside the folder, and the odd name has its page.
        #expect(!FileManager.default.fileExists(atPath: workspace.path + "/x"))
        #expect(links.contains { $0.address.contains("people/..%252F..%252Fx%252F..") })
        // The data is the CLI's.
        let json = try String(contentsOfFile: folder + "/views/launches@as-of=2025-Q2.json", encoding: .utf8)
        #expect(json == workspace.run(["show", "launches", "--as-of", "2025-Q2", "--format", "json", "--log", workspace.log]).stdout)
        let css = try String(contentsOfFile: folder + "/assets/style.css", encoding: .utf8)
        #expect(!css.contains("url(") && !css.contains("@import"))
    }

    @Test func replacesOnlyASiteAndRefusesBadPointsChangingNothing() throws {
        let workspace = try ServeTests.demo()
        #expect(workspace.run(["site", "-o", "site", "--points", "2025-Q2", "--log", workspace.log]).status == 0)
        let again = workspace.run(["site", "-o", "site", "--points", "now,2025-Q3", "--log", workspace.log])
        #expect(again.status == 0 && again.stdout.contains("for now, 2025-Q3"))
        #expect(FileManager.default.fileExists(atPath: workspace.path + "/site/index@as-of=2025-Q3.html"))
        #expect(!FileManager.default.fileExists(atPath: workspace.path + "/site/index@as-of=2025-Q2.html"))
        try FileManager.default.createDirectory(atPath: workspace.path + "/mine", withIntermediateDirectories: true)
        try workspace.write("mine/notes.txt", "mine")
        workspace.expectRefused(["site", "-o", "mine", "--log", workspace.log], status: 65, message: "holds files that no site wrote")
        #expect(try String(contentsOfFile: workspace.path + "/mine/notes.txt", encoding: .utf8) == "mine")
        workspace.expectRefused(["site", "-o", "other", "--points", "2025-13", "--log", workspace.log], status: 65, message: "the point '2025-13' cannot be read")
        #expect(!FileManager.default.fileExists(atPath: workspace.path + "/other"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: workspace.path).filter { $0.contains(".tmp-") || $0.contains(".old-") }
        #expect(leftovers.isEmpty)
    }
}
