#pragma once
// What the server asks of the operations layer: run a request for the partner
// whose login made the call. Each operation is declared once (declaration.h);
// a body gets a context (the current partner, the database session) and the
// request's checked operands, and throws ApiError for anything the caller
// must be told.
#include <string>
#include <variant>

#include "partnerapi/db/session.h"
#include "partnerapi/request.h"
#include "partnerapi/row_source.h"
#include "partnerapi/table.h"
#include "partnerapi/uid.h"

namespace partnerapi::db {
class Pool;
}

namespace partnerapi::ops {

struct Context {
  Uid partner;      // the partner whose login made the call
  db::Session& db;  // a write's transaction, committed after the body; a read's queries
};

struct Binary {
  std::string bytes;
};
// A read's table comes as a TableStream: its rows are read from the database
// as the answer is written. A write's is a Table, read before its commit.
using Result = std::variant<Table, bool, Binary, TableStream>;

enum class Access { Read, Write };

// Runs `req` for `partner` on `db`: its operands parsed, checked and resolved
// as declared, then its body or query; a streamed table is read whole. The
// database tests come through here, and execute() through the same steps.
Result run(db::Session& db, const Uid& partner, const Request& req);

// Runs `req` for `partner` as the server does: a write in one transaction
// committed last (a fault rolls everything back), a read without one. A
// connection that broke before a commit, or a write that lost a serialization
// conflict or a deadlock, is tried once more, whole. Database faults reach
// the caller as ApiError: constraint violations as Client faults, a lost
// database as UNAVAILABLE, anything else as INTERNAL.
Result execute(db::Pool& pool, const Uid& partner, const Request& req);

// Client faults raised so far that their operation's declaration does not
// list (each is logged as an error): the tests expect none.
std::size_t undeclared_refusals();

}  // namespace partnerapi::ops
