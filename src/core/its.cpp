#include "partnerapi/its.h"

#include <algorithm>
#include <initializer_list>

#include "partnerapi/text.h"

namespace partnerapi::its {
namespace {

constexpr unsigned long long kMinNumber = 500000ULL;
constexpr unsigned long long kMaxNumber = 999999999999ULL;

// The first UTF-8 character of `s` and its byte length.
std::string_view first_char(std::string_view s) {
  if (s.empty()) return {};
  const auto lead = static_cast<unsigned char>(s[0]);
  const std::size_t n = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  return s.substr(0, std::min(n, s.size()));
}

bool one_of(std::string_view ch, std::initializer_list<std::string_view> options) {
  for (auto o : options)
    if (ch == o) return true;
  return false;
}

// Whether `s` starts with the two characters, each given by its spellings.
bool has_prefix(std::string_view s, std::initializer_list<std::string_view> first,
                std::initializer_list<std::string_view> second) {
  const auto a = first_char(s);
  if (a.empty() || !one_of(a, first)) return false;
  return one_of(first_char(s.substr(a.size())), second);
}

bool valid_number(std::string_view s) {
  if (s.empty()) return false;
  unsigned long long value = 0;
  for (char ch : s) {
    if (ch < '0' || ch > '9') return false;
    value = value * 10 + static_cast<unsigned long long>(ch - '0');
    if (value > kMaxNumber) return false;
  }
  return value >= kMinNumber;
}

}  // namespace

bool valid_reg_num(std::string_view reg_num) {
  const auto s = text::trim(reg_num);
  // ВО in Cyrillic (В U+0412/0432, О U+041E/043E) or the Latin B and O.
  if (has_prefix(s, {"\xD0\x92", "\xD0\xB2", "B", "b"}, {"\xD0\x9E", "\xD0\xBE", "O", "o"})) return true;
  if (has_prefix(s, {"F", "f"}, {"R", "r"})) return true;
  return valid_number(s);
}

Status status(std::string_view reg_num, std::string_view inn, const std::vector<Contract>& rows) {
  if (!valid_reg_num(reg_num)) return {kNone, std::nullopt};
  if (rows.empty()) return {kBasic, std::nullopt};
  const auto wanted = text::trim(inn);
  const Contract* without_inn = nullptr;
  for (const auto& row : rows) {
    if (!wanted.empty() && row.inn == wanted) return {row.level, row};
    if (row.inn.empty() && !without_inn) without_inn = &row;
  }
  if (without_inn) return {without_inn->level, *without_inn};
  return {kOtherInn, std::nullopt};
}

}  // namespace partnerapi::its
