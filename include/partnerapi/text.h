#pragma once
// UTF-8 text helpers: the specification counts characters, not bytes.
#include <cstddef>
#include <string>
#include <string_view>

namespace partnerapi::text {

bool valid_utf8(std::string_view s) noexcept;
// Number of Unicode characters in valid UTF-8 text.
std::size_t length(std::string_view s) noexcept;
// The first `max_chars` characters of valid UTF-8 text.
std::string truncate(std::string_view s, std::size_t max_chars);
// Spaces (and other ASCII blanks) removed from both ends.
std::string_view trim(std::string_view s) noexcept;
bool blank(std::string_view s) noexcept;
// A value as quoted in a fault: at most 64 characters, never invalid UTF-8.
std::string shown(std::string_view s);

}  // namespace partnerapi::text
