#pragma once
// What went wrong with the database, as the operations' executor needs to
// know it (no libpq or libpqxx type). The translation of SQLSTATEs into
// faults is in src/db/sql_errors.h.
#include <stdexcept>

namespace partnerapi::db {

// A write that lost a serialization conflict or a deadlock: worth running
// again, whole, in a new transaction.
class Retryable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The connection was lost before the transaction's commit: nothing of it was
// written, so running it again, whole, on a fresh connection is safe.
class ConnectionLost : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The connection was lost during the commit: whether it happened is
// unknown. Never run again blindly.
class CommitUnknown : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace partnerapi::db
