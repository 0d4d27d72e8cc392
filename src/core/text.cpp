#include "partnerapi/text.h"

#include <cstdint>
#include <cstring>

namespace partnerapi::text {
namespace {

// Length of the UTF-8 sequence starting with `c`, 0 if `c` cannot start one.
int sequence_length(unsigned char c) noexcept {
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return 2;
  if (c >= 0xE0 && c <= 0xEF) return 3;
  if (c >= 0xF0 && c <= 0xF4) return 4;
  return 0;
}

bool continuation(unsigned char c) noexcept { return (c & 0xC0) == 0x80; }

// Rejects overlong forms, surrogates and code points above U+10FFFF.
bool second_byte_ok(unsigned char lead, unsigned char next) noexcept {
  if (lead == 0xE0) return next >= 0xA0;
  if (lead == 0xED) return next <= 0x9F;
  if (lead == 0xF0) return next >= 0x90;
  if (lead == 0xF4) return next <= 0x8F;
  return true;
}

bool is_blank(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

}  // namespace

bool Utf8Stream::feed(std::string_view piece) noexcept {
  for (std::size_t i = 0; ok_ && i < piece.size(); ++i) {
    if (pending_ == 0) i = skip_ascii(piece, i);  // most of a SOAP body
    if (i == piece.size()) break;
    const auto c = static_cast<unsigned char>(piece[i]);
    if (pending_ == 0) {
      const int n = sequence_length(c);
      ok_ = n > 0;
      lead_ = c;
      pending_ = n > 1 ? n - 1 : 0;
      second_ = true;
      continue;
    }
    ok_ = continuation(c) && (!second_ || second_byte_ok(lead_, c));
    second_ = false;
    --pending_;
  }
  return ok_;
}

std::size_t Utf8Stream::skip_ascii(std::string_view s, std::size_t i) noexcept {
  constexpr std::uint64_t kHighBits = 0x8080808080808080ull;
  for (std::uint64_t word = 0; i + sizeof word <= s.size(); i += sizeof word) {
    std::memcpy(&word, s.data() + i, sizeof word);
    if (word & kHighBits) break;
  }
  while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) ++i;
  return i;
}

bool valid_utf8(std::string_view s) noexcept {
  Utf8Stream check;
  return check.feed(s) && check.complete();
}

std::size_t length(std::string_view s) noexcept {
  std::size_t n = 0;
  for (char c : s)
    if (!continuation(static_cast<unsigned char>(c))) ++n;
  return n;
}

std::string truncate(std::string_view s, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (continuation(static_cast<unsigned char>(s[i]))) continue;
    if (chars == max_chars) return std::string(s.substr(0, i));
    ++chars;
  }
  return std::string(s);
}

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

bool blank(std::string_view s) noexcept { return trim(s).empty(); }

std::size_t xml_char_error(std::string_view s) noexcept {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto ch = static_cast<unsigned char>(s[i]);
    if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') return i;
    if (ch == 0xEF && noncharacter_at(s, i)) return i;
  }
  return std::string_view::npos;
}

bool noncharacter_at(std::string_view s, std::size_t i) noexcept {
  return i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xEF && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
         (static_cast<unsigned char>(s[i + 2]) == 0xBE || static_cast<unsigned char>(s[i + 2]) == 0xBF);
}

std::string shown(std::string_view s) {
  if (!valid_utf8(s)) return "(не UTF-8)";
  std::string out = length(s) > 64 ? truncate(s, 64) + "…" : std::string(s);
  // A fault's text must stay well-formed XML: what XML cannot carry shows as U+FFFD.
  for (std::size_t at = xml_char_error(out); at != std::string::npos; at = xml_char_error(out))
    out.replace(at, static_cast<unsigned char>(out[at]) == 0xEF ? 3 : 1, "\uFFFD");
  return out;
}

}  // namespace partnerapi::text
