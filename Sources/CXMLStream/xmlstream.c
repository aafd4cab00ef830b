/* memrchr(3) */
#define _GNU_SOURCE
#include "xmlstream.h"

#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <libxml/parserInternals.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where the attribute count stands in the bytes fed so far (see scan). */
enum scan_state { SCAN_TEXT, SCAN_LT, SCAN_TAG, SCAN_DOUBLE, SCAN_SINGLE, SCAN_BANG, SCAN_CDATA, SCAN_COMMENT, SCAN_OTHER };

struct acct_xml_stream {
    xmlParserCtxtPtr parser;
    acct_xml_callbacks callbacks;
    void *user;
    char message[256];
    int failed;
    /* The message is the reader's own (a limit, an encoding clash), not
     * libxml2's word that the document is not well-formed. */
    int own;
    int line;
    /* The first bytes fed, up to 3, for the UTF-8 byte order mark. */
    unsigned char head[3];
    int head_count;
    int started;
    enum scan_state scan;
    int attributes;
    /* The last two bytes of the piece fed before, for an end of a CDATA
     * section or comment (`]]>`, `-->`) split between two pieces. */
    unsigned char tail[2];
    /* The `=` after the last `<` fed: more than any start tag begun there
     * can have as attributes (`<` cannot stand inside a tag). */
    long open_equals;
};

/* Keeps the first failure (with libxml2's line unless one is given),
 * made one line: libxml2 puts newlines inside some messages ("...indicate
 * encoding !\nBytes: 0xE9..."), and a control character has no place in a
 * message on a terminal. From then on no event reaches the caller, and
 * libxml2 makes none (as it does itself after a fatal error), so what is
 * written ends at the fault whatever the size of the pieces fed: an error
 * libxml2 would recover from (an undefined namespace prefix, an entity an
 * external DTD might declare) stops the reading as a fatal one does. */
static void fail(acct_xml_stream *stream, const char *text, int line, int own) {
    if (stream->failed) return;
    stream->failed = 1;
    stream->own = own;
    stream->line = line;
    stream->parser->disableSAX = 1;
    size_t n = 0;
    int space = 1;
    for (const unsigned char *p = (const unsigned char *)text; *p && n < sizeof stream->message - 1; p++) {
        int blank = *p < 0x20 || *p == 0x7F || *p == ' ';
        if (blank && space) continue;
        stream->message[n++] = blank ? ' ' : (char)*p;
        space = blank;
    }
    while (n > 0 && stream->message[n - 1] == ' ') n--;
    stream->message[n] = 0;
}

static int line_now(acct_xml_stream *stream) {
    return xmlSAX2GetLineNumber(stream->parser);
}

/* XML 1.0 (4.3.3) makes a document whose encoding declaration names
 * another encoding than its byte order mark an error; libxml2 switches to
 * the declared one without a word, and UTF-8 read as ISO-8859-1 comes out
 * as mojibake. The declaration is read before the root element starts. */
static int encoding_clashes(acct_xml_stream *stream) {
    int bom = stream->head_count == 3 && stream->head[0] == 0xEF && stream->head[1] == 0xBB && stream->head[2] == 0xBF;
    xmlParserInputPtr input = stream->parser->input;
    if (!bom || input == NULL || input->buf == NULL || input->buf->encoder == NULL) return 0;
    const char *declared = input->encoding ? (const char *)input->encoding
                         : stream->parser->encoding ? (const char *)stream->parser->encoding
                         : input->buf->encoder->name;
    char text[200];
    snprintf(text, sizeof text, "the document starts with a UTF-8 byte order mark but declares encoding '%.80s'",
             declared ? declared : "?");
    fail(stream, text, line_now(stream), 1);
    return 1;
}

static void on_start(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri,
                     int nb_namespaces, const xmlChar **namespaces, int nb_attributes,
                     int nb_defaulted, const xmlChar **attributes) {
    acct_xml_stream *stream = ctx;
    (void)prefix; (void)uri; (void)nb_namespaces; (void)namespaces;
    (void)nb_attributes; (void)nb_defaulted; (void)attributes;
    if (stream->failed) return;
    if (!stream->started) {
        stream->started = 1;
        if (encoding_clashes(stream)) return;
    }
    stream->callbacks.start(stream->user, name, line_now(stream));
}

static void on_end(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri) {
    acct_xml_stream *stream = ctx;
    (void)name; (void)prefix; (void)uri;
    if (stream->failed) return;
    stream->callbacks.end(stream->user, line_now(stream));
}

static void on_text(void *ctx, const xmlChar *bytes, int count) {
    acct_xml_stream *stream = ctx;
    if (stream->failed) return;
    stream->callbacks.text(stream->user, bytes, count);
}

/* The first error stops the reading (warnings are not errors). */
static void on_error(void *ctx, xmlErrorPtr error) {
    acct_xml_stream *stream = ctx;
    if (error == NULL || error->level < XML_ERR_ERROR || stream->failed) return;
    /* libxml2 calls text without a single tag an "empty document". */
    if (error->code == XML_ERR_DOCUMENT_EMPTY) {
        fail(stream, "no element: not an XML document", error->line, 0);
    } else if (error->code == XML_ERR_INTERNAL_ERROR && error->message != NULL
               && strstr(error->message, "Huge input lookup") != NULL) {
        /* Its push parser holds at most this much of one tag, comment or
         * other piece of markup before it gives up. */
        char text[160];
        snprintf(text, sizeof text, "a tag or other piece of markup longer than %d bytes, libxml2's limit",
                 XML_MAX_LOOKUP_LIMIT);
        fail(stream, text, error->line, 1);
    } else {
        fail(stream, error->message ? error->message : "not well-formed", error->line, 0);
    }
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

/* libxml2 2.9 checks each attribute of a start tag against all those
 * before it: 200,000 attributes take half a minute. A document that
 * oneacct writes has none, so more than this many in one tag is refused,
 * counted before libxml2 sees the tag. */
#define MAX_ATTRIBUTES 256

/* The first `want` in bytes[i..<count], or -1. */
static inline int find(const unsigned char *bytes, int i, int count, unsigned char want) {
    const unsigned char *found = memchr(bytes + i, want, (size_t)(count - i));
    return found == NULL ? -1 : (int)(found - bytes);
}

/* The bytes that change the state inside a start tag. */
static const unsigned char tag_byte[256] = { ['>'] = 1, ['"'] = 1, ['\''] = 1, ['='] = 1 };

/* The byte at `at` of the piece being scanned, or of the one before for
 * -1 and -2. */
static unsigned char byte_at(const acct_xml_stream *stream, const unsigned char *bytes, int at) {
    return at >= 0 ? bytes[at] : stream->tail[2 + at];
}

/* How many of `count` bytes may be fed before a start tag passes
 * MAX_ATTRIBUTES (count when none does). The scan follows markup only far
 * enough to count `=` outside quoted values inside start tags: end tags,
 * declarations and processing instructions are passed over to their first
 * `>`, CDATA sections (where OpenNebula puts its values, scripts included)
 * to their `]]>` and comments to their `-->`. At worst, in a document
 * libxml2 will refuse anyway, it reads some text as a tag; `<` cannot stand
 * in text or in a value, so it always finds the tags again. */
static int scan(acct_xml_stream *stream, const unsigned char *bytes, int count) {
    int i = 0;
    while (i < count) {
        int at;
        switch (stream->scan) {
        case SCAN_TEXT:
            if ((at = find(bytes, i, count, '<')) < 0) return count;
            i = at + 1;
            stream->scan = SCAN_LT;
            break;
        case SCAN_LT:
            if (bytes[i] == '!') {
                stream->scan = SCAN_BANG;
            } else if (bytes[i] == '/' || bytes[i] == '?') {
                stream->scan = SCAN_OTHER;
            } else {
                stream->scan = SCAN_TAG;
                stream->attributes = 0;
            }
            i++;
            break;
        case SCAN_BANG:
            stream->scan = bytes[i] == '[' ? SCAN_CDATA : bytes[i] == '-' ? SCAN_COMMENT : SCAN_OTHER;
            i++;
            break;
        case SCAN_CDATA:
        case SCAN_COMMENT:
            if ((at = find(bytes, i, count, '>')) < 0) return count;
            i = at + 1;
            {
                unsigned char closing = stream->scan == SCAN_CDATA ? ']' : '-';
                if (byte_at(stream, bytes, at - 1) == closing && byte_at(stream, bytes, at - 2) == closing)
                    stream->scan = SCAN_TEXT;
            }
            break;
        case SCAN_OTHER:
            if ((at = find(bytes, i, count, '>')) < 0) return count;
            i = at + 1;
            stream->scan = SCAN_TEXT;
            break;
        case SCAN_DOUBLE:
        case SCAN_SINGLE:
            if ((at = find(bytes, i, count, stream->scan == SCAN_DOUBLE ? '"' : '\'')) < 0) return count;
            i = at + 1;
            stream->scan = SCAN_TAG;
            break;
        case SCAN_TAG:
            /* Names and values are most of a tag: passed over in a tight
             * loop, which the import's speed shows. */
            while (!tag_byte[bytes[i]]) {
                if (++i == count) return count;
            }
            switch (bytes[i]) {
            case '>': stream->scan = SCAN_TEXT; break;
            case '"': stream->scan = SCAN_DOUBLE; break;
            case '\'': stream->scan = SCAN_SINGLE; break;
            case '=':
                if (++stream->attributes > MAX_ATTRIBUTES) return i;
                break;
            default: break;
            }
            i++;
            break;
        }
    }
    return count;
}

/* Keeps the last two bytes of `count` fed, for `byte_at`. */
static void keep_tail(acct_xml_stream *stream, const unsigned char *bytes, int count) {
    if (count >= 2) {
        stream->tail[0] = bytes[count - 2];
        stream->tail[1] = bytes[count - 1];
    } else if (count == 1) {
        stream->tail[0] = stream->tail[1];
        stream->tail[1] = bytes[0];
    }
}

/* How many of `count` bytes may be fed before a start tag passes
 * MAX_ATTRIBUTES. A piece where that cannot happen, with no more `=` than
 * that since the last `<` before it and in it (OpenNebula's documents have
 * none), costs one count of its `=`. Only another piece is scanned with
 * `scan`, which starts in the state libxml2 has reached: in a CDATA
 * section or not, and with the bytes libxml2 holds back (an unfinished
 * tag or comment) read again first. */
static int allowed_bytes(acct_xml_stream *stream, const unsigned char *bytes, int count) {
    long equals = 0;
    for (int i = 0; i < count; i++) equals += bytes[i] == '=';
    int allowed = count;
    if (stream->open_equals + equals > MAX_ATTRIBUTES) {
        xmlParserCtxtPtr parser = stream->parser;
        stream->scan = parser->instate == XML_PARSER_CDATA_SECTION ? SCAN_CDATA : SCAN_TEXT;
        stream->tail[0] = stream->tail[1] = 0;
        xmlParserInputPtr input = parser->input;
        if (input != NULL && input->cur != NULL && input->end > input->cur) {
            int held = (int)(input->end - input->cur);
            (void)scan(stream, input->cur, held);
            keep_tail(stream, input->cur, held);
        }
        allowed = scan(stream, bytes, count);
    }
    const unsigned char *open = memrchr(bytes, '<', (size_t)count);
    if (open == NULL) {
        stream->open_equals += equals;
    } else {
        stream->open_equals = 0;
        for (const unsigned char *p = open + 1; p < bytes + count; p++) stream->open_equals += *p == '=';
    }
    return allowed;
}

int acct_xml_feed(acct_xml_stream *stream, const char *bytes, int count, int last) {
    if (stream->failed) return -1;
    for (int i = 0; i < count && stream->head_count < 3; i++) stream->head[stream->head_count++] = (unsigned char)bytes[i];
    int allowed = allowed_bytes(stream, (const unsigned char *)bytes, count);
    if (allowed < count) {
        /* Everything before the tag is read, then the reading stops there. */
        if (allowed > 0) xmlParseChunk(stream->parser, bytes, allowed, 0);
        char text[96];
        snprintf(text, sizeof text, "an element with more than %d attributes", MAX_ATTRIBUTES);
        fail(stream, text, line_now(stream), 1);
        return -1;
    }
    xmlParseChunk(stream->parser, bytes, count, last);
    return stream->failed ? -1 : 0;
}

void acct_xml_stop(acct_xml_stream *stream) {
    xmlStopParser(stream->parser);
}

const char *acct_xml_error(const acct_xml_stream *stream, int *line, int *own) {
    if (!stream->failed) return NULL;
    *line = stream->line;
    *own = stream->own;
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
