#ifndef CNUMBERS_H
#define CNUMBERS_H
// Shortest round-trip number text, from the C++ standard library's
// std::to_chars / std::from_chars (locale independent, no allocation).
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

// Writes the shortest text that reads back to the same value; returns its
// length. The buffer must hold 32 bytes. Non-finite values are not handled
// (callers never pass them).
size_t acct_format_f32(char *buffer, float value);
size_t acct_format_f64(char *buffer, double value);

// Parses a JSON number's text; returns 0 on success, 1 when the text is not
// a number, 2 when it is out of double range.
int acct_parse_f64(const char *text, size_t length, double *value);

#ifdef __cplusplus
}
#endif
#endif
