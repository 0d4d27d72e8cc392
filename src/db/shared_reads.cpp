#include "partnerapi/db/shared_reads.h"

#include <poll.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <chrono>
#include <deque>
#include <unordered_set>

#include <pqxx/except>

#include "partnerapi/cooperative.h"
#include "idle_socket.h"
#include "partnerapi/db/conninfo.h"
#include "partnerapi/db/pool.h"

namespace partnerapi::db {
namespace {

thread_local SharedReads* tl_current = nullptr;
std::atomic<std::int64_t> g_waiting{0};
std::atomic<std::uint64_t> g_answered{0}, g_elsewhere{0};

// One query on its way: what the reading fiber fills in for its owner.
struct Pending {
  const char* name = nullptr;
  std::chrono::steady_clock::time_point sent_at = std::chrono::steady_clock::now();
  bool prepares = false;  // a Parse goes first: the statement is new on this connection
  bool prepare_answered = false;
  PgResult result{nullptr, &PQclear};
  std::string error;
  std::string sqlstate;
  bool broken = false;
  bool done = false;
  void* parked = nullptr;  // the owner's fiber while it is parked
};

void wake(Pending& p) {
  if (void* fiber = p.parked) {
    p.parked = nullptr;  // once: a fiber made ready twice would be resumed twice
    cooperative::current()->wake(fiber);
  }
}

void ignore_notice(void*, const char*) {}

}  // namespace

class SharedReads::Connection {
 public:
  explicit Connection(const std::string& conninfo) : conninfo_(conninfo) {}
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() { close(); }

  // See SharedReads::Room.
  bool has_room(std::chrono::steady_clock::time_point now, std::size_t depth, std::chrono::microseconds stall) const {
    return !closing_ && queue_.size() < depth && (queue_.empty() || now - queue_.front()->sent_at < stall);
  }

  // Opening takes a new backend's start: a few ms, hundreds under load.
  // Another fiber's query does not wait for it: it goes elsewhere.
  bool opening() const { return opening_; }
  // One the server closed while it was idle (a restart) is opened again
  // rather than failing a query first.
  void open_if_closed() {
    if (pg_ && queue_.empty() && idle_socket_went_away(PQsocket(pg_))) close();
    if (!pg_) open();
  }

  PgResult exec(const Query& q, const std::vector<const char*>& params) {
    Pending mine;
    mine.name = q.name;
    mine.prepares = prepared_.insert(q.name).second;
    queue_.push_back(&mine);
    if (!send(mine, q, params)) fail_all(PQerrorMessage(pg_));
    wait(mine);
    if (mine.broken) throw pqxx::broken_connection(mine.error);
    if (!mine.error.empty()) throw pqxx::sql_error(mine.error, q.sql, mine.sqlstate.c_str());
    return std::move(mine.result);
  }

 private:
  void open() {
    // Its waits are poll(): other fibers run meanwhile.
    opening_ = true;
    pg_ = PQconnectdb(with_host_resolved(conninfo_).c_str());
    opening_ = false;
    if (PQstatus(pg_) != CONNECTION_OK || PQsetnonblocking(pg_, 1) != 0 || PQenterPipelineMode(pg_) != 1) {
      const std::string why = PQerrorMessage(pg_);
      close();
      connection_failed(why);
    }
    PQsetNoticeProcessor(pg_, &ignore_notice, nullptr);  // reads raise none worth a log line
  }

  void close() {
    if (pg_) PQfinish(pg_);
    pg_ = nullptr;
    prepared_.clear();
    closing_ = false;
  }

  bool send(const Pending& p, const Query& q, const std::vector<const char*>& params) {
    if (p.prepares && PQsendPrepare(pg_, q.name, q.sql, 0, nullptr) != 1) return false;
    return PQsendQueryPrepared(pg_, q.name, static_cast<int>(params.size()), params.data(), nullptr, nullptr, 0) ==
               1 &&
           PQpipelineSync(pg_) == 1;
  }

  // Until `mine` is answered: the reader if no one else reads, else parked.
  void wait(Pending& mine) {
    while (!mine.done) {
      if (!reading_) {
        read_until(mine);
      } else {
        mine.parked = cooperative::current()->running_fiber();
        cooperative::current()->park();
      }
    }
  }

  void read_until(Pending& mine) {
    reading_ = true;
    for (;;) {
      take_results();
      if (mine.done) break;
      const int unsent = PQflush(pg_);  // what libpq could not send at once
      if (unsent < 0) {
        fail_all(PQerrorMessage(pg_));
        break;
      }
      const short events = unsent ? POLLIN | POLLOUT : POLLIN;
      // Bounded, to look again at `mine`: another fiber may have failed it.
      cooperative::wait_fd(PQsocket(pg_), events, std::chrono::seconds(1));
      if (mine.done) break;
      if (PQconsumeInput(pg_) != 1) {
        fail_all(PQerrorMessage(pg_));
        break;
      }
    }
    reading_ = false;
    if (closing_) close();
    if (!queue_.empty()) wake(*queue_.front());  // the next in line reads now
  }

  // Hands out every result libpq has whole. NULL ends one statement's
  // results; two in a row mean nothing more has come in yet.
  void take_results() {
    bool ended = false;
    while (!queue_.empty() && PQisBusy(pg_) == 0) {
      PGresult* r = PQgetResult(pg_);
      if (r == nullptr) {
        if (ended) return;
        ended = true;
        continue;
      }
      ended = false;
      take(*queue_.front(), r);
    }
  }

  void take(Pending& p, PGresult* r) {
    PgResult result(r, &PQclear);
    const ExecStatusType status = PQresultStatus(r);
    if (status == PGRES_PIPELINE_SYNC) {
      queue_.pop_front();
      p.done = true;
      wake(p);
      return;
    }
    const bool for_prepare = p.prepares && !p.prepare_answered;
    p.prepare_answered = p.prepare_answered || p.prepares;
    if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
      if (!for_prepare && p.error.empty()) p.result = std::move(result);
      return;
    }
    if (for_prepare) prepared_.erase(p.name);  // not prepared: the next query tries again
    if (!p.error.empty()) return;  // the first error is the one to tell
    if (status == PGRES_PIPELINE_ABORTED) {
      p.error = "query not run: an earlier one in the pipeline failed";
      return;
    }
    p.error = PQresultErrorMessage(r);
    const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    p.sqlstate = state ? state : "";
  }

  // The connection is lost: every query on it fails, the next one reopens it.
  // A fiber reading it closes it when it stops (its socket must stay open
  // while it waits for it).
  void fail_all(const std::string& why) {
    for (Pending* p : queue_) {
      p->broken = true;
      p->error = why;
      p->done = true;
      wake(*p);
    }
    queue_.clear();
    if (reading_)
      closing_ = true;
    else
      close();
  }

  std::string conninfo_;
  PGconn* pg_ = nullptr;
  std::unordered_set<std::string> prepared_;
  std::deque<Pending*> queue_;  // in the order sent, so in the order answered
  bool reading_ = false;
  bool opening_ = false;
  bool closing_ = false;  // failed while a fiber reads it
};

SharedReads::SharedReads(std::string conninfo, std::size_t connections, Room room) : room_(room) {
  for (std::size_t i = 0; i < std::max<std::size_t>(connections, 1); ++i)
    connections_.push_back(std::make_unique<Connection>(conninfo));
}

SharedReads::~SharedReads() = default;

void SharedReads::open_all() {
  for (const auto& c : connections_) {
    try {
      c->open_if_closed();
    } catch (const std::exception&) {  // logged; the first query that needs it tries again
      return;
    }
  }
}

SharedReads* SharedReads::current() { return tl_current; }
void SharedReads::set_current(SharedReads* reads) { tl_current = reads; }

std::optional<PgResult> SharedReads::try_exec(const Query& q, const std::vector<const char*>& params) {
  // The first connection with room: the more queries one backend finds at
  // once, the fewer times it wakes.
  for (const auto& c : connections_) {
    if (c->opening()) continue;
    c->open_if_closed();
    if (!c->has_room(std::chrono::steady_clock::now(), room_.depth, room_.stall)) continue;
    g_waiting.fetch_add(1, std::memory_order_relaxed);
    struct Answered {
      ~Answered() {
        g_waiting.fetch_sub(1, std::memory_order_relaxed);
        g_answered.fetch_add(1, std::memory_order_relaxed);
      }
    } answered;
    return c->exec(q, params);
  }
  g_elsewhere.fetch_add(1, std::memory_order_relaxed);
  return std::nullopt;
}

SharedReads::Figures SharedReads::figures() {
  return {static_cast<double>(g_waiting.load(std::memory_order_relaxed)),
          static_cast<double>(g_answered.load(std::memory_order_relaxed)),
          static_cast<double>(g_elsewhere.load(std::memory_order_relaxed))};
}

}  // namespace partnerapi::db
