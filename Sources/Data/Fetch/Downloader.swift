import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Downloads one URL into a `.part` file, resuming it with an HTTP range request when it already holds a
/// prefix. FoundationNetworking's URLSession (libcurl underneath, in the toolchain: no build cost) streams the
/// body to the file as it arrives, so memory stays flat for STL-10's 2.6 GB archive.
final class Downloader: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    let url: URL
    let part: URL
    /// Seconds without a byte from the server before giving up (a host that accepts and never answers).
    let timeout: TimeInterval
    /// Called once the response says how many bytes remain, before the first byte is written; throws to stop.
    let beforeWriting: (_ remaining: Int64?) throws -> Void
    let progress: FetchProgress.File

    private var handle: FileHandle?
    private var offset: Int64 = 0
    private var received: Int64 = 0
    private var expected: Int64?
    private var failure: Error?
    private var partIsWhole = false
    private let done = DispatchSemaphore(value: 0)

    init(url: URL, part: URL, timeout: TimeInterval, progress: FetchProgress.File,
         beforeWriting: @escaping (Int64?) throws -> Void) {
        self.url = url; self.part = part; self.timeout = timeout; self.progress = progress; self.beforeWriting = beforeWriting
    }

    /// Downloads (or finishes) the file; returns its size. Throws `FetchError` (or the `beforeWriting` error).
    func run() throws -> Int64 {
        let config = URLSessionConfiguration.ephemeral
        config.timeoutIntervalForRequest = timeout
        config.timeoutIntervalForResource = 7 * 24 * 3600  // a slow link may take hours for STL-10; idle time is what counts
        config.urlCache = nil
        let session = URLSession(configuration: config, delegate: self, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        offset = (try? FileManager.default.attributesOfItem(atPath: part.path)[.size] as? NSNumber)?.int64Value ?? 0
        if offset > 0 { request.setValue("bytes=\(offset)-", forHTTPHeaderField: "Range") }
        // A range is of the stored bytes: no transfer encoding may change them.
        request.setValue("identity", forHTTPHeaderField: "Accept-Encoding")
        session.dataTask(with: request).resume()
        done.wait()
        try? handle?.synchronize()
        try? handle?.close()
        if let failure { throw failure }
        if partIsWhole { return offset }
        let total = offset + received
        if let expected, total < expected {
            throw FetchError.cutOff(url: url.absoluteString, part: part.path, received: total, expected: expected)
        }
        return total
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void) {
        do {
            try start(response as? HTTPURLResponse)
            completionHandler(.allow)
        } catch {
            failure = error
            completionHandler(.cancel)
        }
    }

    private func start(_ response: HTTPURLResponse?) throws {
        guard let response else { throw FetchError.unreachable(url: url.absoluteString, reason: "not an HTTP response") }
        switch response.statusCode {
        case 206:
            // Content-Range: bytes <first>-<last>/<total>; resume only where the part ends.
            let range = response.value(forHTTPHeaderField: "Content-Range") ?? ""
            let first = range.split(separator: " ").last?.split(separator: "-").first.flatMap { Int64($0) }
            guard first == offset else { throw FetchError.http(url: url.absoluteString, status: 206) }
        case 200:
            offset = 0  // the server ignored the range: start over
        case 416 where offset > 0:
            // Nothing after the part's end: it is whole (its checksum decides).
            partIsWhole = true
            throw FetchError.http(url: url.absoluteString, status: 416)  // cancels the task; run() ignores it
        default:
            throw FetchError.http(url: url.absoluteString, status: response.statusCode)
        }
        let length = response.expectedContentLength
        expected = length >= 0 ? offset + length : nil
        try beforeWriting(length >= 0 ? length : nil)
        if !FileManager.default.fileExists(atPath: part.path) {
            guard FileManager.default.createFile(atPath: part.path, contents: nil) else {
                throw FetchError.notWritable(path: part.path, reason: "cannot create the file")
            }
        }
        guard let h = FileHandle(forWritingAtPath: part.path) else {
            throw FetchError.notWritable(path: part.path, reason: "cannot open for writing")
        }
        try h.truncate(atOffset: UInt64(offset))
        try h.seekToEnd()
        handle = h
        progress.start(resumedAt: offset, total: expected)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard failure == nil, let handle else { return }
        do {
            try handle.write(contentsOf: data)
            received += Int64(data.count)
            progress.update(offset + received)
        } catch {
            failure = FetchError.notWritable(path: part.path, reason: error.localizedDescription)
            dataTask.cancel()
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        if partIsWhole { failure = nil; done.signal(); return }
        if failure == nil, let error {
            let reason = (error as? URLError).map(Self.reason) ?? error.localizedDescription
            failure = received > 0
                ? FetchError.cutOff(url: url.absoluteString, part: part.path, received: offset + received, expected: expected)
                : FetchError.unreachable(url: url.absoluteString, reason: reason)
        }
        done.signal()
    }

    private static func reason(_ e: URLError) -> String {
        switch e.code {
        case .timedOut: return "no answer (timed out)"
        case .cannotConnectToHost: return "connection refused"
        case .cannotFindHost, .dnsLookupFailed: return "unknown host"
        case .notConnectedToInternet: return "no network"
        case .networkConnectionLost: return "connection lost"
        default: return e.localizedDescription
        }
    }
}
