#pragma once
// What PostgreSQL refused, in the service's terms: the one place SQLSTATE
// becomes a fault. Every session passes its errors through it.
#include <string>

#include "connection.h"
#include "partnerapi/db/errors.h"
#include "partnerapi/db/query.h"

namespace partnerapi::db {

// Rethrows `e`, raised by query `q`:
// - unique, foreign-key, check and not-null violations, and values out of a
//   column's range: ApiError, a Client fault with a code of its own;
// - a serialization failure or a deadlock: Retryable;
// - a backend that is shutting down or gone: ConnectionLost;
// - anything else: std::runtime_error naming the query and the SQLSTATE,
//   for the log; the caller gets the generic server fault.
[[noreturn]] void rethrow(const SqlError& e, const Query& q);

// Runs `query()`, which runs `q`, with its errors rethrown as above.
template <class Run>
auto translated(const Query& q, Run&& query) {
  try {
    return query();
  } catch (const SqlError& e) {
    rethrow(e, q);
  }
}

}  // namespace partnerapi::db
