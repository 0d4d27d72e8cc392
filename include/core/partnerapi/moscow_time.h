#pragma once
// Time as the specification speaks of it: Moscow time (UTC+3, no DST since
// 2014) and 1C's dateTime text `YYYY-MM-DDThh:mm:ss` with no offset.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace partnerapi {

// A civil date and time in Moscow.
struct MoscowTime {
  int year = 1, month = 1, day = 1, hour = 0, minute = 0, second = 0;

  // 2012-09-14T00:00:00.000+06:00, 2012-09-14T00:00:00.000,
  // 2012-09-14T00:00:00 or 2012-09-14; no offset means Moscow time.
  // nullopt for anything else, or an impossible date (month 13, 30 February).
  static std::optional<MoscowTime> parse(std::string_view text);
  static MoscowTime from_unix(std::int64_t seconds);
  static MoscowTime now();

  std::int64_t to_unix() const;
  // 1C's form, `YYYY-MM-DDThh:mm:ss`.
  std::string str() const;
  // With Moscow's offset, `YYYY-MM-DDThh:mm:ss+03:00` (ISO 8601): for
  // PostgreSQL's timestamptz; with `milliseconds` (0-999) after the seconds,
  // `YYYY-MM-DDThh:mm:ss.mmm+03:00`, for logs read outside Moscow.
  std::string iso() const;
  std::string iso(int milliseconds) const;
  // The same day at 00:00:00.
  MoscowTime date() const { return MoscowTime{year, month, day, 0, 0, 0}; }
  // `n` calendar months back, the day clamped to the month's length.
  MoscowTime months_back(int n) const;
  // 0001-01-01T00:00:00: 1C's empty date, "open-ended".
  bool empty_date() const { return year == 1 && month == 1 && day == 1 && hour == 0 && minute == 0 && second == 0; }
  bool operator==(const MoscowTime& o) const { return to_unix() == o.to_unix(); }
};

inline constexpr const char* kEmptyDate = "0001-01-01T00:00:00";
int days_in_month(int year, int month) noexcept;

}  // namespace partnerapi
