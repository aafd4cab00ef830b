#include "cregex.h"

#include <re2/re2.h>
#include <cstring>

struct acct_regex {
    re2::RE2 re;
    explicit acct_regex(const re2::StringPiece &pattern, const re2::RE2::Options &options) : re(pattern, options) {}
};

acct_regex *acct_regex_compile(const char *pattern, size_t length, int ignore_case, char *error, size_t error_size) {
    re2::RE2::Options options;
    options.set_posix_syntax(true);
    options.set_longest_match(false);
    options.set_encoding(re2::RE2::Options::EncodingLatin1);
    options.set_case_sensitive(!ignore_case);
    options.set_one_line(true);
    options.set_dot_nl(true);
    options.set_never_capture(true);
    options.set_log_errors(false);
    auto *regex = new acct_regex(re2::StringPiece(pattern, length), options);
    if (!regex->re.ok()) {
        if (error_size > 0) {
            std::strncpy(error, regex->re.error().c_str(), error_size - 1);
            error[error_size - 1] = 0;
        }
        delete regex;
        return nullptr;
    }
    return regex;
}

int acct_regex_matches(const acct_regex *regex, const char *text, size_t length) {
    return re2::RE2::PartialMatch(re2::StringPiece(text, length), regex->re) ? 1 : 0;
}

void acct_regex_free(acct_regex *regex) {
    delete regex;
}
