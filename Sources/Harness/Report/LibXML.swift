import Foundation
import CLibXML2

// The only file in Sources that imports CLibXML2. Everything else writes XML through `XMLStreamWriter`,
// builds HTML as `Markup` and serialises it with `LibXML.renderHTML`, and validates with `LibXML.validate`.

/// Thin Swift wrapper over the libxml2 calls the reports need: HTML serialisation, parsing, XSD validation.
public enum LibXML {
    /// libxml2 2.9 wants `xmlInitParser` once before concurrent use; a static let runs it exactly once.
    private static let initialised: Void = { xmlInitParser() }()
    static func ensureInitialised() { _ = initialised }

    /// `s` with every character XML 1.0 forbids (C0 controls but tab/newline/return, U+FFFE, U+FFFF)
    /// replaced by U+FFFD. Crash messages carry ANSI escapes and NULs; without this the XML would be invalid
    /// and a NUL would silently cut the C string short.
    public static func xmlSafe(_ s: String) -> String {
        func allowed(_ v: UInt32) -> Bool {
            v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v != 0xFFFE && v != 0xFFFF)
        }
        if s.unicodeScalars.allSatisfy({ allowed($0.value) }) { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars { out.append(allowed(u.value) ? u : "\u{FFFD}") }
        return String(out)
    }

    /// Serialises `root` (normally `<html>`) as an HTML5 document with `<!DOCTYPE html>`.
    /// Text nodes and attribute values are escaped by libxml2; `<style>` content is written raw (CSS only).
    public static func renderHTML(_ root: Markup) throws -> String {
        _ = initialised
        guard let doc = htmlNewDocNoDtD(nil, nil) else { throw ReportError.libxml(operation: "htmlNewDocNoDtD", detail: "") }
        defer { xmlFreeDoc(doc) }
        xmlCreateIntSubset(doc, "html", nil, nil)
        guard let node = makeNode(root, in: doc) else { throw ReportError.libxml(operation: "xmlNewDocNode", detail: "root") }
        xmlDocSetRootElement(doc, node)
        var out: UnsafeMutablePointer<xmlChar>? = nil
        var length: Int32 = 0
        htmlDocDumpMemoryFormat(doc, &out, &length, 1)
        guard let out else { throw ReportError.libxml(operation: "htmlDocDumpMemoryFormat", detail: "no output") }
        defer { cxml_free(out) }
        return String(decoding: UnsafeBufferPointer(start: out, count: Int(length)), as: UTF8.self)
    }

    private static func makeNode(_ m: Markup, in doc: xmlDocPtr) -> xmlNodePtr? {
        switch m.kind {
        case .text(let s):
            return xmlNewDocText(doc, xmlSafe(s))
        case .element(let name):
            guard let node = xmlNewDocNode(doc, nil, name, nil) else { return nil }
            // xmlNewProp stores the value as raw text (xmlNewDocProp would parse entities in it).
            for a in m.attributes { xmlNewProp(node, a.name, xmlSafe(a.value)) }
            for c in m.children { if let child = makeNode(c, in: doc) { xmlAddChild(node, child) } }
            return node
        }
    }

    /// Parses HTML leniently (as a browser would) and returns the root element; nil for an empty document.
    public static func parseHTML(_ html: String) -> Markup? {
        _ = initialised
        let options = Int32(HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue)
        let bytes = Array(html.utf8)
        let doc = bytes.withUnsafeBufferPointer { b -> htmlDocPtr? in
            guard let base = b.baseAddress else { return nil }   // an empty page
            return base.withMemoryRebound(to: CChar.self, capacity: b.count) {
                htmlReadMemory($0, Int32(b.count), "report.html", "UTF-8", options)
            }
        }
        guard let doc else { return nil }
        defer { xmlFreeDoc(doc) }
        return xmlDocGetRootElement(doc).flatMap(markup(from:))
    }

    /// Parses well-formed XML (no network, no external entities) and returns the root element.
    public static func parseXML(_ xml: String) throws -> Markup {
        _ = initialised
        let (doc, errors) = readXML(xml, name: "document.xml")
        guard let doc else { throw ReportError.libxml(operation: "XML parse", detail: errors.joined(separator: "; ")) }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc), let m = markup(from: root) else {
            throw ReportError.libxml(operation: "XML parse", detail: "no root element")
        }
        return m
    }

    private static func markup(from node: xmlNodePtr) -> Markup? {
        switch node.pointee.type {
        case XML_ELEMENT_NODE:
            var m = Markup(String(cString: node.pointee.name))
            var attr = node.pointee.properties
            while let a = attr {
                let name = String(cString: a.pointee.name)
                var value = ""
                if let v = xmlGetProp(node, a.pointee.name) { value = String(cString: v); cxml_free(v) }
                m.attributes.append(.init(name, value))
                attr = a.pointee.next
            }
            var child = node.pointee.children
            while let c = child {
                if let cm = markup(from: c) { m.children.append(cm) }
                child = c.pointee.next
            }
            return m
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            return .text(node.pointee.content.map { String(cString: $0) } ?? "")
        default:
            return nil
        }
    }

    /// Reads `xml` into a document; on failure returns nil and the parser's error with its line.
    private static func readXML(_ xml: String, name: String) -> (xmlDocPtr?, [String]) {
        guard let ctxt = xmlNewParserCtxt() else { return (nil, ["cannot allocate a parser context"]) }
        defer { xmlFreeParserCtxt(ctxt) }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let bytes = Array(xml.utf8)
        let doc = bytes.withUnsafeBufferPointer { b -> xmlDocPtr? in
            guard let base = b.baseAddress else { return nil }
            return base.withMemoryRebound(to: CChar.self, capacity: b.count) {
                xmlCtxtReadMemory(ctxt, $0, Int32(b.count), name, "UTF-8", options)
            }
        }
        if doc != nil, ctxt.pointee.wellFormed != 0 { return (doc, []) }
        if let doc { xmlFreeDoc(doc) }
        let e = ctxt.pointee.lastError
        let message = e.message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) }
        return (nil, ["line \(e.line): not well-formed XML: \(message ?? "empty document")"])
    }

    /// Validates `xml` against the XML Schema `xsd`; returns one message per problem ("line N: ..."),
    /// empty when the document is valid. Problems in the schema itself come back prefixed with "schema".
    public static func validate(xml: String, xsd: String) -> [String] {
        _ = initialised
        let sink = ErrorSink()
        let ud = Unmanaged.passUnretained(sink).toOpaque()
        // The parser context keeps a pointer to the XSD bytes and reads them only in xmlSchemaParse, so both
        // calls happen while the buffer is guaranteed alive (an optimised build freed it earlier otherwise).
        sink.prefix = "schema "
        let xsdBytes = Array(xsd.utf8)
        let parsed: xmlSchemaPtr?? = xsdBytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return nil }
            let pctxt = base.withMemoryRebound(to: CChar.self, capacity: b.count) { xmlSchemaNewMemParserCtxt($0, Int32(b.count)) }
            guard let pctxt else { return nil }
            defer { xmlSchemaFreeParserCtxt(pctxt) }
            xmlSchemaSetParserStructuredErrors(pctxt, { ud, err in
                guard let ud, let err else { return }
                Unmanaged<ErrorSink>.fromOpaque(ud).takeUnretainedValue().add(err.pointee)
            }, ud)
            return .some(withExtendedLifetime(sink) { xmlSchemaParse(pctxt) })
        }
        guard let parsed else { return ["schema: empty or unreadable XSD"] }
        guard let schema = parsed else {
            return sink.messages.isEmpty ? ["schema: could not be parsed"] : sink.messages
        }
        defer { xmlSchemaFree(schema) }
        guard let vctxt = xmlSchemaNewValidCtxt(schema) else { return ["schema: cannot allocate a validation context"] }
        defer { xmlSchemaFreeValidCtxt(vctxt) }
        sink.prefix = ""
        xmlSchemaSetValidStructuredErrors(vctxt, { ud, err in
            guard let ud, let err else { return }
            Unmanaged<ErrorSink>.fromOpaque(ud).takeUnretainedValue().add(err.pointee)
        }, ud)
        let (doc, parseErrors) = readXML(xml, name: "junit.xml")
        guard let doc else { return parseErrors }
        defer { xmlFreeDoc(doc) }
        let rc = withExtendedLifetime(sink) { xmlSchemaValidateDoc(vctxt, doc) }
        if rc != 0 && sink.messages.isEmpty { return ["document invalid (libxml2 code \(rc))"] }
        return sink.messages
    }

    /// Collects structured libxml2 errors; lives only for one `validate` call.
    private final class ErrorSink {
        var messages: [String] = []
        var prefix = ""
        func add(_ e: xmlError) {
            let text = e.message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? "unknown error"
            messages.append("\(prefix)line \(e.line): \(text)")
        }
    }
}

/// Streams an XML document through libxml2's xmlTextWriter, which escapes text and attribute values.
/// Disallowed control characters are replaced first (`LibXML.xmlSafe`).
public final class XMLStreamWriter {
    private let buffer: xmlBufferPtr
    private var writer: xmlTextWriterPtr?

    /// Starts a UTF-8 document, indented by two spaces when `indent` is true.
    public init(indent: Bool = true) throws {
        LibXML.ensureInitialised()
        guard let buffer = xmlBufferCreate() else { throw ReportError.libxml(operation: "xmlBufferCreate", detail: "") }
        self.buffer = buffer
        guard let w = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw ReportError.libxml(operation: "xmlNewTextWriterMemory", detail: "")
        }
        writer = w
        if indent { xmlTextWriterSetIndent(w, 1); xmlTextWriterSetIndentString(w, "  ") }
        try check(xmlTextWriterStartDocument(w, nil, "UTF-8", nil), "xmlTextWriterStartDocument")
    }

    deinit {
        if let writer { xmlFreeTextWriter(writer) }
        xmlBufferFree(buffer)
    }

    private func check(_ rc: Int32, _ op: String) throws {
        if rc < 0 { throw ReportError.libxml(operation: op, detail: "return code \(rc)") }
    }

    private func live() throws -> xmlTextWriterPtr {
        guard let writer else { throw ReportError.libxml(operation: "xmlTextWriter", detail: "document already finished") }
        return writer
    }

    /// Opens an element; attributes must follow before any content.
    public func start(_ name: String) throws { try check(xmlTextWriterStartElement(try live(), name), "start <\(name)>") }

    /// Writes an attribute on the element just opened.
    public func attribute(_ name: String, _ value: String) throws {
        try check(xmlTextWriterWriteAttribute(try live(), name, LibXML.xmlSafe(value)), "attribute \(name)")
    }

    /// Writes character data (escaped).
    public func text(_ s: String) throws { try check(xmlTextWriterWriteString(try live(), LibXML.xmlSafe(s)), "text") }

    /// Closes the innermost open element.
    public func end() throws { try check(xmlTextWriterEndElement(try live()), "end element") }

    /// Closes every open element, ends the document and returns it; the writer cannot be used afterwards.
    public func finish() throws -> String {
        let w = try live()
        try check(xmlTextWriterEndDocument(w), "xmlTextWriterEndDocument")
        xmlFreeTextWriter(w)   // flushes into the buffer
        writer = nil
        guard let content = xmlBufferContent(buffer) else { return "" }
        return String(cString: content)
    }
}
