#include "sql_errors.h"

#include <string>

#include "partnerapi/api_error.h"

namespace partnerapi::db {
namespace {

bool starts(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

}  // namespace

void rethrow(const SqlError& e, const Query& q) {
  const std::string& state = e.sqlstate();
  if (state == "23505") throw ApiError(code::kDuplicate);
  if (state == "23503") throw ApiError(code::kReference);
  if (state == "23514" || state == "23502" || state == "23P01") throw ApiError(code::kConstraint);
  if (state == "22001" || state == "22003" || state == "22007" || state == "22008")
    throw ApiError(code::kBadValue, "Значение операнда вне допустимого диапазона");
  if (state == "40001" || state == "40P01") throw Retryable(std::string(q.name) + ": SQLSTATE " + state);
  // Connection errors, and a backend stopped by a shutdown, a failover or an administrator.
  if (starts(state, "08") || state == "57P01" || state == "57P02" || state == "57P03")
    throw ConnectionLost(std::string(q.name) + ": SQLSTATE " + state + ": " + e.what());
  throw std::runtime_error("query " + std::string(q.name) + " failed, SQLSTATE " + state + ": " + e.what());
}

}  // namespace partnerapi::db
