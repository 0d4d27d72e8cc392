#pragma once
// Streamed answers: a query's rows read through a cursor, a batch at a time
// as the answer is written, on a pooled connection held for the stream.
#include <vector>

#include "partnerapi/db/pool.h"
#include "partnerapi/db/rows.h"
#include "partnerapi/db/query.h"
#include "partnerapi/row_source.h"

namespace partnerapi::db {

// The rows of `q` as a stream of tables of `shape`. Its first batch is read
// before it returns: a query that fails, fails here (a lost connection as
// ConnectionLost, so the read can be run once more); later the answer has
// begun and a failure is UNAVAILABLE. UNAVAILABLE too when no connection
// comes in time.
TableStream stream_rows(Pool& pool, const TableShape& shape, const Query& q, const std::vector<const char*>& params,
                        const StoredAs* stored_as);

}  // namespace partnerapi::db
