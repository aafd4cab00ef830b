#ifndef CREGEX_H
#define CREGEX_H
// matches() of the -x language on RE2 (Debian's libre2-dev): RE2 runs in
// time linear in the text, where glibc's regexec backtracks (x.*y over a
// 160 KB value took 48 s).
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct acct_regex acct_regex;

// Compiles a POSIX extended regular expression (RE2's POSIX syntax) over
// bytes, as in the C locale: ^ and $ anchor at the ends of the text and .
// matches a newline, as regcomp without REG_NEWLINE. NULL when it does not
// compile, with RE2's message in `error` (always terminated).
acct_regex *acct_regex_compile(const char *pattern, size_t length, int ignore_case, char *error, size_t error_size);

// 1 when the expression matches somewhere in the text, else 0.
int acct_regex_matches(const acct_regex *regex, const char *text, size_t length);

void acct_regex_free(acct_regex *regex);

#ifdef __cplusplus
}
#endif
#endif
