#include "cnumbers.h"

#include <charconv>
#include <cmath>
#include <system_error>

size_t acct_format_f32(char *buffer, float value) {
  auto result = std::to_chars(buffer, buffer + 32, value);
  return static_cast<size_t>(result.ptr - buffer);
}

size_t acct_format_f64(char *buffer, double value) {
  auto result = std::to_chars(buffer, buffer + 32, value);
  return static_cast<size_t>(result.ptr - buffer);
}

int acct_parse_f64(const char *text, size_t length, double *value) {
  auto result = std::from_chars(text, text + length, *value);
  // Out of range counts only when the whole text is the number: "4e999x"
  // is not a number at all.
  if (result.ptr != text + length) return 1;
  if (result.ec == std::errc::result_out_of_range) return 2;
  if (result.ec != std::errc()) return 1;
  if (!std::isfinite(*value)) return 2;
  return 0;
}
