import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real HTTP/1.1 server on 127.0.0.1 (an ephemeral port), one thread per connection, for the fetch tests:
/// it serves files with range requests as web servers do, and misbehaves on purpose where a route says so.
final class LoopbackHTTPServer: @unchecked Sendable {
    enum Route {
        /// 200, or 206 for `Range: bytes=N-`, or 416 past the end.
        case file(Data)
        /// The first request gets the headers of the whole answer but only `bytes` of its body, then the
        /// connection closes; later requests are served as `.file`.
        case cutOnce(Data, bytes: Int)
        /// Accepts, reads the request, never answers (until the server stops).
        case silent
        /// 200 announcing `length` bytes, then closes without a body.
        case announces(length: Int64)
        /// 301 to another path of this server (publishers move files, e.g. http to https).
        case moved(to: String)
    }

    struct Request: Equatable { var path: String; var range: String? }

    let port: UInt16
    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)/")! }
    private let listener: Int32
    private let lock = NSLock()
    private var routes: [String: Route]
    private var served: Set<String> = []
    private var log: [Request] = []
    private var stopped = false
    private var clients: Set<Int32> = []

    /// Every request received so far, in order.
    var requests: [Request] { lock.lock(); defer { lock.unlock() }; return log }

    init(routes: [String: Route]) throws {
        self.routes = routes
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else { close(fd); throw POSIXError(.EADDRINUSE) }
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
        }
        port = UInt16(bigEndian: addr.sin_port)
        listener = fd
        // The thread holds the server until `stop()` ends its accept loop.
        let t = Thread { [self] in acceptLoop() }
        t.start()
    }

    /// Stops accepting and ends every open connection (a silent route's client then sees it end). Every test
    /// calls it: the accept thread keeps the server alive until then. Only the thread that owns a socket closes
    /// it, so a number the system hands out again is never shut down by mistake.
    func stop() {
        lock.lock(); defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        shutdown(listener, Int32(SHUT_RDWR))  // wakes accept(); the accept thread closes it
        for c in clients { shutdown(c, Int32(SHUT_RDWR)) }
    }

    private func acceptLoop() {
        while true {
            let c = accept(listener, nil, nil)
            lock.lock()
            if c < 0 || stopped {
                lock.unlock()
                if c >= 0 { close(c) }
                close(listener)
                return
            }
            clients.insert(c)
            lock.unlock()
            Thread { [self] in
                handle(c)
                lock.lock(); clients.remove(c); close(c); lock.unlock()
            }.start()
        }
    }

    private func handle(_ c: Int32) {
        guard let head = readHead(c) else { return }
        let lines = head.components(separatedBy: "\r\n")
        let parts = lines.first?.split(separator: " ") ?? []
        guard parts.count >= 2 else { return }
        let path = String(parts[1].dropFirst())  // "/name" → "name"
        let range = lines.dropFirst().first { $0.lowercased().hasPrefix("range:") }
            .map { String($0.dropFirst("range:".count)).trimmingCharacters(in: .whitespaces) }
        lock.lock()
        log.append(Request(path: path, range: range))
        let route = routes[path]
        let first = !served.contains(path)
        served.insert(path)
        lock.unlock()

        switch route {
        case nil:
            send(c, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        case let .file(data):
            serve(c, data, range: range, limit: nil)
        case let .cutOnce(data, bytes):
            serve(c, data, range: range, limit: first ? bytes : nil)
        case .silent:
            var byte: UInt8 = 0
            _ = recv(c, &byte, 1, 0)  // blocks until the client gives up or the server stops
        case let .announces(length):
            send(c, "HTTP/1.1 200 OK\r\nContent-Length: \(length)\r\nConnection: close\r\n\r\n")
        case let .moved(target):
            send(c, "HTTP/1.1 301 Moved Permanently\r\nLocation: \(baseURL.absoluteString)\(target)\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        }
    }

    private func serve(_ c: Int32, _ data: Data, range: String?, limit: Int?) {
        var start = 0
        if let range, range.hasPrefix("bytes="), range.hasSuffix("-"), let n = Int(range.dropFirst(6).dropLast()) {
            start = n
        }
        if start >= data.count && start > 0 {
            send(c, "HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */\(data.count)\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            return
        }
        var head = start > 0 ? "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes \(start)-\(data.count - 1)/\(data.count)\r\n"
                             : "HTTP/1.1 200 OK\r\n"
        head += "Content-Type: application/octet-stream\r\nContent-Length: \(data.count - start)\r\nConnection: close\r\n\r\n"
        send(c, head)
        let end = limit.map { min(start + $0, data.count) } ?? data.count
        data[start..<end].withUnsafeBytes { sendAll(c, $0) }
    }

    private func readHead(_ c: Int32) -> String? {
        var bytes: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 4096)
        while !(bytes.count >= 4 && bytes.suffix(4) == [13, 10, 13, 10]) {
            let n = recv(c, &buf, 1, 0)  // byte by byte: the head is short and nothing after it is read
            if n <= 0 { return nil }
            bytes.append(buf[0])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func send(_ c: Int32, _ text: String) { Array(text.utf8).withUnsafeBytes { sendAll(c, $0) } }

    private func sendAll(_ c: Int32, _ p: UnsafeRawBufferPointer) {
        var off = 0
        while off < p.count {
            let n = Glibc.send(c, p.baseAddress! + off, p.count - off, Int32(MSG_NOSIGNAL))
            if n <= 0 { return }
            off += n
        }
    }
}
