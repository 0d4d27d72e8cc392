#pragma once
// UTF-8 text helpers: the specification counts characters, not bytes.
#include <cstddef>
#include <string>
#include <string_view>

namespace partnerapi::text {

bool valid_utf8(std::string_view s) noexcept;

// Checks UTF-8 that arrives in pieces (a request body read from a socket); a
// character may be split between two pieces.
class Utf8Stream {
 public:
  // False from the first invalid byte on.
  bool feed(std::string_view piece) noexcept;
  // Valid so far and not in the middle of a character.
  bool complete() const noexcept { return ok_ && pending_ == 0; }
  bool failed() const noexcept { return !ok_; }
  void reset() noexcept { *this = Utf8Stream(); }

 private:
  // The index of the first byte from `i` on that is not ASCII (or the end).
  static std::size_t skip_ascii(std::string_view s, std::size_t i) noexcept;
  unsigned char lead_ = 0;
  int pending_ = 0;  // continuation bytes still expected
  bool second_ = false;
  bool ok_ = true;
};
// Number of Unicode characters in valid UTF-8 text.
std::size_t length(std::string_view s) noexcept;
// The first `max_chars` characters of valid UTF-8 text.
std::string truncate(std::string_view s, std::size_t max_chars);
// Spaces (and other ASCII blanks) removed from both ends.
std::string_view trim(std::string_view s) noexcept;
bool blank(std::string_view s) noexcept;
// Where valid UTF-8 text holds a character XML 1.0 does not allow (a C0
// control other than tab, LF and CR; U+FFFE; U+FFFF), or npos. Surrogates
// and U+0000 never pass the UTF-8 check or gSOAP.
std::size_t xml_char_error(std::string_view s) noexcept;
// Whether U+FFFE or U+FFFF begins at byte `i`.
bool noncharacter_at(std::string_view s, std::size_t i) noexcept;

// A value as quoted in a fault: at most 64 characters, never invalid UTF-8,
// what XML cannot carry replaced by U+FFFD.
std::string shown(std::string_view s);

}  // namespace partnerapi::text
