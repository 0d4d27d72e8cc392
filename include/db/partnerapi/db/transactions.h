#pragma once
// How the operations' executor runs a request's work on the database,
// without seeing libpq or libpqxx: a write in one transaction committed when
// the work returns, a read without one (on its thread's shared connections
// when it has them). Connection trouble comes out as ConnectionLost (before
// the commit) or CommitUnknown (errors.h); faults as ApiError.
#include <functional>

#include "partnerapi/db/session.h"

namespace partnerapi::db {

class Pool;

void run_in_transaction(Pool& pool, const std::function<void(Session&)>& work);
void run_without_transaction(Pool& pool, const std::function<void(Session&)>& work);

}  // namespace partnerapi::db
