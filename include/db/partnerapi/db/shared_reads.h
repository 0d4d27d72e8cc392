#pragma once
// Read-only queries of many requests sharing a few connections, pipelined.
//
// With a connection per request, every query wakes a PostgreSQL backend of
// its own and the backend sleeps again after answering: that wake-up, not
// the query, was most of the database's cost of a one-row read. Here the
// fibers of one loop thread send their queries down a few connections in
// libpq's pipeline mode (each query its own sync point, so one failing does
// not abort the others), and a backend that wakes up finds several queries
// waiting. One fiber at a time reads a connection's results and hands each
// to the fiber that asked; the others are parked meanwhile.
//
// Only for autocommit reads in fibers: a transaction keeps its own pooled
// connection (Pool), and a plain thread has no one to share with.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "partnerapi/db/query.h"
#include "partnerapi/db/rows.h"

namespace partnerapi::db {

class SharedReads {
 public:
  // When a connection takes one more query: it has fewer than `depth`
  // waiting, and the oldest has not waited `stall` (it is behind a large
  // result, or its backend is kept off the CPU: a query sent after it would
  // wait as long).
  struct Room {
    std::size_t depth = 8;
    std::chrono::microseconds stall{2000};
  };

  // `connections` connections to `conninfo`, opened on first use, each given
  // up connecting after `connect_timeout`.
  SharedReads(std::string conninfo, std::size_t connections, Room room,
              std::chrono::milliseconds connect_timeout = std::chrono::seconds(5));
  SharedReads(const SharedReads&) = delete;
  SharedReads& operator=(const SharedReads&) = delete;
  ~SharedReads();

  // Opens them all now, so that a query under load does not wait for a
  // backend to start; one that cannot be opened is tried again when needed.
  void open_all();

  // This thread's, set by the loop thread that owns it; nullptr elsewhere.
  static SharedReads* current();
  static void set_current(SharedReads* reads);

  // Runs `q` with text parameters (nullptr: NULL) on the first connection
  // with room; nullopt, without running it, when none has (the caller runs
  // it elsewhere). Throws what the connection throws for a refused statement
  // (sql_errors.h translates it), ConnectionLost when the connection was lost
  // (the next query opens it again), ApiError(UNAVAILABLE) when it cannot be opened.
  std::optional<Rows> try_exec(const Query& q, const std::vector<const char*>& params);

  // Of every thread's shared connections, for /metrics: queries sent and not
  // yet answered, queries answered, and queries that found no room (run on
  // the pool instead).
  struct Figures {
    double waiting, answered, elsewhere;
  };
  static Figures figures();


 private:
  class Slot;
  std::vector<std::unique_ptr<Slot>> slots_;
  Room room_;
};

}  // namespace partnerapi::db
