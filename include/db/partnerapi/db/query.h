#pragma once
// Named queries: the name is the prepared statement's name and the log tag.
// Run through a Session (session.h).
#include <optional>
#include <string>

namespace partnerapi::db {

struct Query {
  const char* name;
  const char* sql;
};

// A nullable text parameter: nullptr is sent as SQL NULL.
inline const char* nullable(const std::optional<std::string>& v) { return v ? v->c_str() : nullptr; }

}  // namespace partnerapi::db
