#pragma once
// What the operations query through: a request's transaction (TxSession,
// tx_session.h), or, for a read-only request in a fiber, the connections its
// thread shares (SharedReadSession in pool.h). `exec` prepares a named query
// on first use on a connection, then runs it with its parameters as text.
// No libpq or libpqxx type is seen here.
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "partnerapi/db/query.h"
#include "partnerapi/db/rows.h"
#include "partnerapi/row_source.h"

namespace partnerapi::db {

class Session {
 public:
  virtual ~Session() = default;
  // `params` as text; nullptr is NULL.
  virtual Rows run(const Query& q, const std::vector<const char*>& params) = 0;
  // The rows of `q` as a table of `shape` (see append_rows), read as they
  // are taken: on a connection of their own in the server, where a read's
  // session streams (SharedReadSession); read whole here. Its first row is
  // read before it returns: a query that fails, fails here.
  virtual TableStream stream(const TableShape& shape, const Query& q, const std::vector<const char*>& params,
                             const StoredAs* stored_as);
};

// Parameters as text, for one call: holds the text of those that are not.
class Params {
 public:
  explicit Params(std::size_t n) {
    values_.reserve(n);
    owned_.reserve(n);  // no reallocation: values_ points into it
  }
  void add(const std::string& s) { values_.push_back(s.c_str()); }
  void add(const char* s) { values_.push_back(s); }
  void add(bool b) { values_.push_back(b ? "true" : "false"); }
  template <class Int, class = std::enable_if_t<std::is_integral_v<Int>>>
  void add(Int i) {
    values_.push_back(owned_.emplace_back(std::to_string(i)).c_str());
  }
  const std::vector<const char*>& values() const { return values_; }

 private:
  std::vector<const char*> values_;
  std::vector<std::string> owned_;
};

template <class... Args>
Rows exec(Session& db, const Query& q, const Args&... args) {
  Params params(sizeof...(Args));
  (params.add(args), ...);
  return db.run(q, params.values());
}

}  // namespace partnerapi::db
