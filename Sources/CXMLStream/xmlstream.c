#include "xmlstream.h"

#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <stdlib.h>
#include <string.h>

struct acct_xml_stream {
    xmlParserCtxtPtr parser;
    acct_xml_callbacks callbacks;
    void *user;
    char message[256];
    int failed;
    int line;
};

static void on_start(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri,
                     int nb_namespaces, const xmlChar **namespaces, int nb_attributes,
                     int nb_defaulted, const xmlChar **attributes) {
    acct_xml_stream *stream = ctx;
    (void)prefix; (void)uri; (void)nb_namespaces; (void)namespaces;
    (void)nb_attributes; (void)nb_defaulted; (void)attributes;
    stream->callbacks.start(stream->user, name, xmlSAX2GetLineNumber(stream->parser));
}

static void on_end(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri) {
    acct_xml_stream *stream = ctx;
    (void)name; (void)prefix; (void)uri;
    stream->callbacks.end(stream->user, xmlSAX2GetLineNumber(stream->parser));
}

static void on_text(void *ctx, const xmlChar *bytes, int count) {
    acct_xml_stream *stream = ctx;
    stream->callbacks.text(stream->user, bytes, count);
}

/* Keeps the first error (warnings are not errors), without its newline. */
static void on_error(void *ctx, xmlErrorPtr error) {
    acct_xml_stream *stream = ctx;
    if (error == NULL || error->level < XML_ERR_ERROR || stream->failed) return;
    stream->failed = 1;
    stream->line = error->line;
    /* libxml2 calls text without a single tag an "empty document". */
    const char *text = error->code == XML_ERR_DOCUMENT_EMPTY ? "no element: not an XML document"
                     : error->message ? error->message : "not well-formed";
    size_t n = strlen(text);
    while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == ' ')) n--;
    if (n >= sizeof stream->message) n = sizeof stream->message - 1;
    memcpy(stream->message, text, n);
    stream->message[n] = 0;
}

acct_xml_stream *acct_xml_open(const acct_xml_callbacks *callbacks, void *user) {
    acct_xml_stream *stream = calloc(1, sizeof *stream);
    if (stream == NULL) return NULL;
    stream->callbacks = *callbacks;
    stream->user = user;
    /* Only element and text events: entity declarations are not kept, so
     * nothing expands (no "billion laughs") and nothing is fetched. */
    xmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = on_start;
    sax.endElementNs = on_end;
    sax.characters = on_text;
    sax.cdataBlock = on_text;
    sax.serror = on_error;
    stream->parser = xmlCreatePushParserCtxt(&sax, stream, NULL, 0, NULL);
    if (stream->parser == NULL) {
        free(stream);
        return NULL;
    }
    xmlCtxtUseOptions(stream->parser, XML_PARSE_NONET);
    return stream;
}

int acct_xml_feed(acct_xml_stream *stream, const char *bytes, int count, int last) {
    if (!stream->failed) xmlParseChunk(stream->parser, bytes, count, last);
    return stream->failed ? -1 : 0;
}

void acct_xml_stop(acct_xml_stream *stream) {
    xmlStopParser(stream->parser);
}

const char *acct_xml_error(const acct_xml_stream *stream, int *line) {
    if (!stream->failed) return NULL;
    *line = stream->line;
    return stream->message;
}

void acct_xml_close(acct_xml_stream *stream) {
    if (stream == NULL) return;
    /* An internal DTD subset (<!DOCTYPE x [<!ENTITY ...>]>) makes libxml2
     * build a document to hold its declarations, which the context does not
     * free (found by make fuzz as a leak). */
    if (stream->parser->myDoc != NULL) xmlFreeDoc(stream->parser->myDoc);
    xmlFreeParserCtxt(stream->parser);
    free(stream);
}
