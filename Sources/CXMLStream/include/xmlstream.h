#ifndef ACCT_XMLSTREAM_H
#define ACCT_XMLSTREAM_H

/* A small C face over libxml2's SAX2 push parser. libxml2's own headers
 * pull in ICU's, which clash with Foundation's copy in any Swift module
 * that sees both; behind this header Swift sees plain C types only. */

#ifdef __cplusplus
extern "C" {
#endif

typedef struct acct_xml_stream acct_xml_stream;

typedef struct {
    /* An element starts; name is NUL-terminated, valid during the call. */
    void (*start)(void *user, const unsigned char *name, int line);
    void (*end)(void *user, int line);
    /* Text or CDATA, possibly in several pieces for one element. */
    void (*text)(void *user, const unsigned char *bytes, int count);
} acct_xml_callbacks;

/* A parser that calls back with `user`; NULL when libxml2 could not make one. */
acct_xml_stream *acct_xml_open(const acct_xml_callbacks *callbacks, void *user);

/* Parses the next `count` bytes; `last` says the input ended. Returns 0,
 * or -1 once the document is found not well-formed (see acct_xml_error). */
int acct_xml_feed(acct_xml_stream *stream, const char *bytes, int count, int last);

/* Stops the parse from inside a callback. */
void acct_xml_stop(acct_xml_stream *stream);

/* The first error: its message (NULL if none) and line. */
const char *acct_xml_error(const acct_xml_stream *stream, int *line);

void acct_xml_close(acct_xml_stream *stream);

#ifdef __cplusplus
}
#endif

#endif
