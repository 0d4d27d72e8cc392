#pragma once
// The operation table: every operation of the specification by name, whether
// it reads or writes, and its handler. A handler gets the request and a
// context (the current partner, the database session) and returns a
// result; it throws ApiError for anything the caller must be told.
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "partnerapi/db/session.h"
#include "partnerapi/request.h"
#include "partnerapi/table.h"
#include "partnerapi/uid.h"

namespace partnerapi::db {
class Pool;
}

namespace partnerapi::ops {

struct Context {
  Uid partner;      // the partner whose login made the call
  db::Session& db;  // a write's transaction, committed after the handler; a read's queries
};

struct Binary {
  std::string bytes;
};
using Result = std::variant<Table, bool, Binary>;

enum class Access { Read, Write };

using Handler = Result (*)(Context&, const Request&);

struct Operation {
  std::string_view name;
  Access access;
  Handler handler;  // nullptr: declared in the contract, not built yet
};

const std::vector<Operation>& operations();
const Operation* find_operation(std::string_view name);

// Runs `req` for `partner`: a write in one transaction committed last (a fault
// rolls everything back), a read without one; a read whose connection broke
// is retried once on a fresh connection.
Result execute(db::Pool& pool, const Uid& partner, const Request& req);

}  // namespace partnerapi::ops
