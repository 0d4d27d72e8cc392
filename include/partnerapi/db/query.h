#pragma once
// Named queries: the name is the prepared statement's name and the log tag.
// `exec` prepares a query on first use on each connection, then runs it.
#include <optional>
#include <string>

#include <pqxx/pqxx>

namespace partnerapi::db {

struct Query {
  const char* name;
  const char* sql;
};

void ensure_prepared(pqxx::connection_base& conn, const Query& q);

template <class... Args>
pqxx::result exec(pqxx::transaction_base& tx, const Query& q, Args&&... args) {
  ensure_prepared(tx.conn(), q);
  return tx.exec_prepared(q.name, std::forward<Args>(args)...);
}

// A nullable text parameter: nullptr is sent as SQL NULL.
inline const char* nullable(const std::optional<std::string>& v) { return v ? v->c_str() : nullptr; }

}  // namespace partnerapi::db
