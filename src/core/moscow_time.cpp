#include "partnerapi/moscow_time.h"

#include <chrono>
#include <cstdio>

namespace partnerapi {
namespace {

constexpr std::int64_t kMoscowOffset = 3 * 3600;

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, int& y, int& m, int& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2));
}

// Reads exactly `n` digits at `pos`.
bool digits(std::string_view s, std::size_t& pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  pos += n;
  return true;
}

bool expect(std::string_view s, std::size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

// Optional fractional seconds: ignored, 1C's precision is the second.
bool skip_fraction(std::string_view s, std::size_t& pos) {
  if (pos >= s.size() || s[pos] != '.') return true;
  std::size_t start = ++pos;
  while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
  return pos > start;
}

// Optional `Z` or `±hh:mm`; the offset in seconds east of UTC, or Moscow's.
bool read_offset(std::string_view s, std::size_t& pos, std::int64_t& offset) {
  offset = kMoscowOffset;
  if (pos == s.size()) return true;
  if (s[pos] == 'Z') { ++pos; offset = 0; return true; }
  if (s[pos] != '+' && s[pos] != '-') return false;
  const int sign = s[pos++] == '-' ? -1 : 1;
  int hh = 0, mm = 0;
  if (!digits(s, pos, 2, hh) || !expect(s, pos, ':') || !digits(s, pos, 2, mm)) return false;
  if (hh > 14 || mm > 59) return false;
  offset = sign * (hh * 3600 + mm * 60);
  return true;
}

bool valid_fields(const MoscowTime& t) {
  return t.month >= 1 && t.month <= 12 && t.day >= 1 && t.day <= days_in_month(t.year, t.month) &&
         t.hour <= 23 && t.minute <= 59 && t.second <= 59 && t.year >= 1;
}

}  // namespace

int days_in_month(int year, int month) noexcept {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

std::optional<MoscowTime> MoscowTime::parse(std::string_view s) {
  MoscowTime t;
  std::size_t pos = 0;
  if (!digits(s, pos, 4, t.year) || !expect(s, pos, '-') || !digits(s, pos, 2, t.month) ||
      !expect(s, pos, '-') || !digits(s, pos, 2, t.day))
    return std::nullopt;
  std::int64_t offset = kMoscowOffset;
  if (pos < s.size()) {
    if (!expect(s, pos, 'T') || !digits(s, pos, 2, t.hour) || !expect(s, pos, ':') ||
        !digits(s, pos, 2, t.minute) || !expect(s, pos, ':') || !digits(s, pos, 2, t.second) ||
        !skip_fraction(s, pos) || !read_offset(s, pos, offset) || pos != s.size())
      return std::nullopt;
  }
  if (!valid_fields(t)) return std::nullopt;
  if (offset == kMoscowOffset) return t;
  return from_unix(t.to_unix() + kMoscowOffset - offset);
}

std::int64_t MoscowTime::to_unix() const {
  const std::int64_t days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  return days * 86400 + hour * 3600 + minute * 60 + second - kMoscowOffset;
}

MoscowTime MoscowTime::from_unix(std::int64_t seconds) {
  const std::int64_t local = seconds + kMoscowOffset;
  std::int64_t days = local / 86400;
  std::int64_t rest = local % 86400;
  if (rest < 0) { rest += 86400; --days; }
  MoscowTime t;
  civil_from_days(days, t.year, t.month, t.day);
  t.hour = static_cast<int>(rest / 3600);
  t.minute = static_cast<int>(rest % 3600 / 60);
  t.second = static_cast<int>(rest % 60);
  return t;
}

MoscowTime MoscowTime::now() {
  using namespace std::chrono;
  return from_unix(duration_cast<seconds>(system_clock::now().time_since_epoch()).count());
}

std::string MoscowTime::iso() const { return str() + "+03:00"; }

std::string MoscowTime::iso(int milliseconds) const {
  char frac[8];
  std::snprintf(frac, sizeof frac, ".%03d", milliseconds % 1000);
  return str() + frac + "+03:00";
}

std::string MoscowTime::str() const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour, minute, second);
  return buf;
}

MoscowTime MoscowTime::months_back(int n) const {
  MoscowTime t = *this;
  int index = year * 12 + (month - 1) - n;
  t.year = index / 12;
  t.month = index % 12 + 1;
  const int last = days_in_month(t.year, t.month);
  if (t.day > last) t.day = last;
  return t;
}

}  // namespace partnerapi
