#pragma once
// A plain, blocking libpq connection for bulk work (COPY FROM STDIN, the
// imports), run by the tools outside the fibers: COPY is not to be had in
// pipeline mode, and a tool's thread has nothing else to serve. Its failures
// are std::runtime_error with the server's message.
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "partnerapi/db/rows.h"

struct pg_conn;

namespace partnerapi::db {

class BulkConnection {
 public:
  explicit BulkConnection(const std::string& conninfo);
  BulkConnection(const BulkConnection&) = delete;
  BulkConnection& operator=(const BulkConnection&) = delete;
  ~BulkConnection();

  // One statement (or several, as the simple protocol takes them): its rows.
  Rows run(const std::string& sql);

  // Runs `copy_sql` (a COPY ... FROM STDIN) and sends what `produce` gives to
  // its `send`, piece by piece; a throw from `produce` ends the COPY with an
  // error and is rethrown (nothing is stored).
  using Send = std::function<void(std::string_view)>;
  void copy_in(const std::string& copy_sql, const std::function<void(const Send&)>& produce);

 private:
  pg_conn* conn_;
};

}  // namespace partnerapi::db
