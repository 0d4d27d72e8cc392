#pragma once
// The one PostgreSQL connection type, for everything a request does: shared
// reads, transactions and cursor streams (and the tools' transactions, on a
// plain thread). It drives libpq's non-blocking API only — PQconnectStart /
// PQconnectPoll, PQsendQueryPrepared / PQsendQueryParams in pipeline mode,
// PQflush, PQconsumeInput — and every wait for its socket is an explicit
// wait of the running fiber (cooperative.h), so the thread serves others
// meanwhile. For the database layer's own files: nothing above it sees libpq,
// and no header includes it.
//
// Several fibers of one thread may send down one connection at once (shared
// reads): each statement is its own pipeline segment (a Sync of its own), so
// one failing does not abort the others; results come in the order sent, and
// one fiber at a time reads them, handing each to the fiber that asked.
#include <chrono>
#include <deque>
#include <memory>
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <vector>

#include "partnerapi/cooperative.h"
#include "partnerapi/db/query.h"

struct pg_conn;    // libpq's PGconn
struct pg_result;  // libpq's PGresult

namespace partnerapi::db {

// A libpq result, freed with it. libpq's header stays in the .cpp files.
struct FreeResult {
  void operator()(pg_result* r) const;
};
using PgResult = std::unique_ptr<pg_result, FreeResult>;

// A statement PostgreSQL refused, with its SQLSTATE (sql_errors.h maps it).
class SqlError : public std::runtime_error {
 public:
  SqlError(const std::string& message, std::string sqlstate)
      : std::runtime_error(message), sqlstate_(std::move(sqlstate)) {}
  const std::string& sqlstate() const noexcept { return sqlstate_; }

 private:
  std::string sqlstate_;
};

class Connection {
 public:
  // Connects to `conninfo` (its host name resolved aside first), waiting for
  // the socket as libpq asks, up to `timeout` in all. Throws ConnectionLost
  // naming why it failed.
  static std::unique_ptr<Connection> open(const std::string& conninfo, std::chrono::milliseconds timeout);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // One statement on its way: made on the caller's stack, given to send(),
  // and waited for (always: it is queued until then).
  class Call {
   public:
    Call() = default;
    Call(const Call&) = delete;
    Call& operator=(const Call&) = delete;

   private:
    friend class Connection;
    const char* name = nullptr;  // a prepared statement's, for a failed Parse
    cooperative::Clock::time_point sent_at{};
    bool prepares = false;       // a Parse goes first: the statement is new on this connection
    bool prepare_answered = false;
    PgResult result;
    std::string error, sqlstate;
    bool lost = false;  // the connection was lost before its result came
    bool done = false;
    cooperative::Waiter* parked = nullptr;  // its fiber, while another reads for it
  };

  // Sends `q` with text parameters (nullptr: NULL), prepared on this
  // connection the first time it is sent here.
  void send(Call& call, const Query& q, const std::vector<const char*>& params);
  // Sends one statement unprepared (transaction control, a cursor's DECLARE).
  void send_sql(Call& call, const char* sql, const std::vector<const char*>& params = {});
  // The call's result, once it came: throws SqlError for a statement
  // PostgreSQL refused, ConnectionLost for a connection lost before it came.
  PgResult wait(Call& call);
  PgResult exec(const Query& q, const std::vector<const char*>& params);
  PgResult exec_sql(const char* sql, const std::vector<const char*>& params = {});

  // Whether one more statement may go down now: fewer than `depth` are on
  // their way, and the oldest has not waited `stall` (it is behind a large
  // result, or its backend is kept off the CPU: one sent after it would wait as long).
  bool has_room(cooperative::Clock::time_point now, std::size_t depth, std::chrono::microseconds stall) const;
  // Statements on their way, or a fiber still inside its read: one lost is
  // not destroyed until its reader has seen the loss and left (it still
  // holds the connection when woken to find it failed).
  bool busy() const { return !queue_.empty() || reading_; }
  // Lost (never to be used again), or closed by the server while idle (a
  // restart, an administrator): its socket is readable with nothing asked
  // (looked at when it has been idle a while).
  bool lost() const { return lost_; }
  bool went_away_while_idle();
  // Another connection to the same server was lost (a restart?): this one
  // is looked at before its next use, however recently it answered.
  void suspect() { suspect_ = true; }
  // Ends it at once, without a round trip: the server rolls back what it
  // had begun (a stream its client abandoned). Lost from then on.
  void drop();

 private:
  explicit Connection(pg_conn* pg) : pg_(pg) {}
  void queue_and_flush(Call& call, bool sent);
  void read_until(Call& mine);
  void take_results();
  void take(Call& call, PgResult result);
  void fail_all(const std::string& why);
  void wake(Call& call);

  pg_conn* pg_;
  std::unordered_set<std::string> prepared_;
  std::deque<Call*> queue_;  // in the order sent, so in the order answered
  bool reading_ = false;
  cooperative::Waiter* reader_ = nullptr;  // the reading fiber's wait, while it waits for the socket
  bool lost_ = false;
  cooperative::Clock::time_point answered_at_{};  // when the server last answered here
  bool suspect_ = false;
};

}  // namespace partnerapi::db
