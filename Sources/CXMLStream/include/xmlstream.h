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
 * or -1 once the reading has stopped at a fault (see acct_xml_error): the
 * document is not well-formed, or passes a limit of the reader. No event
 * comes after the fault. */
int acct_xml_feed(acct_xml_stream *stream, const char *bytes, int count, int last);

/* Stops the parse from inside a callback. */
void acct_xml_stop(acct_xml_stream *stream);

/* The fault: its message (NULL if none), one line, and its line; `own`
 * is set when the message is the reader's own (a limit passed, an
 * encoding clash), not libxml2's word that the document is not
 * well-formed. */
const char *acct_xml_error(const acct_xml_stream *stream, int *line, int *own);

void acct_xml_close(acct_xml_stream *stream);

#ifdef __cplusplus
}
#endif

#endif
