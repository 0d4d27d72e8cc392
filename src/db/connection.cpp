#include "connection.h"

#include <libpq-fe.h>
#include <poll.h>
#include <sys/socket.h>

#include "idle_socket.h"
#include "partnerapi/db/conninfo.h"
#include "partnerapi/db/errors.h"

namespace partnerapi::db {
namespace {

using cooperative::Clock;

void ignore_notice(void*, const char*) {}  // nothing our statements raise is worth a log line

// libpq's message without its trailing newline.
std::string message_of(const PGconn* pg) {
  std::string m = pg ? PQerrorMessage(pg) : "libpq: out of memory";
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  return m;
}

}  // namespace

void FreeResult::operator()(pg_result* r) const { PQclear(r); }

std::unique_ptr<Connection> Connection::open(const std::string& conninfo, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  std::unique_ptr<Connection> c(new Connection(PQconnectStart(with_host_resolved(conninfo).c_str())));
  PGconn* pg = c->pg_;
  auto status = pg && PQstatus(pg) != CONNECTION_BAD ? PGRES_POLLING_WRITING : PGRES_POLLING_FAILED;
  while (status != PGRES_POLLING_OK) {
    if (status == PGRES_POLLING_FAILED) throw ConnectionLost(message_of(pg));
    const short wanted = status == PGRES_POLLING_READING ? POLLIN : POLLOUT;
    if (cooperative::wait_fd(PQsocket(pg), wanted, deadline) == 0)
      throw ConnectionLost("no connection within " + std::to_string(timeout.count()) + " ms");
    status = PQconnectPoll(pg);
  }
  if (PQsetnonblocking(pg, 1) != 0 || PQenterPipelineMode(pg) != 1) throw ConnectionLost(message_of(pg));
  PQsetNoticeProcessor(pg, &ignore_notice, nullptr);
  return c;
}

Connection::~Connection() {
  if (pg_) PQfinish(pg_);
}

void Connection::send(Call& call, const Query& q, const std::vector<const char*>& params) {
  call.name = q.name;
  call.prepares = !lost_ && prepared_.insert(q.name).second;
  const bool sent = !lost_ && (!call.prepares || PQsendPrepare(pg_, q.name, q.sql, 0, nullptr) == 1) &&
                    PQsendQueryPrepared(pg_, q.name, static_cast<int>(params.size()), params.data(), nullptr,
                                        nullptr, 0) == 1 &&
                    PQpipelineSync(pg_) == 1;
  queue_and_flush(call, sent);
}

void Connection::send_sql(Call& call, const char* sql, const std::vector<const char*>& params) {
  const bool sent = !lost_ &&
                    PQsendQueryParams(pg_, sql, static_cast<int>(params.size()), nullptr, params.data(), nullptr,
                                      nullptr, 0) == 1 &&
                    PQpipelineSync(pg_) == 1;
  queue_and_flush(call, sent);
}

void Connection::queue_and_flush(Call& call, bool sent) {
  call.sent_at = Clock::now();
  queue_.push_back(&call);
  if (!sent) return fail_all(lost_ ? std::string("connection lost") : message_of(pg_));
  const int unsent = PQflush(pg_);
  if (unsent < 0) return fail_all(message_of(pg_));
  // Some of it waits for room in the socket: a reader waiting for input only
  // looks again, for output too.
  if (unsent == 1 && reader_) reader_->wake();
}

PgResult Connection::wait(Call& mine) {
  while (!mine.done) {
    if (!reading_) {
      read_until(mine);
      continue;
    }
    cooperative::Waiter parked;  // another fiber reads: it hands over the result, or the reading
    mine.parked = &parked;
    parked.wait(Clock::time_point::max());
    mine.parked = nullptr;
  }
  if (mine.lost) throw ConnectionLost(mine.error);
  if (!mine.error.empty()) throw SqlError(mine.error, mine.sqlstate);
  return std::move(mine.result);
}

PgResult Connection::exec(const Query& q, const std::vector<const char*>& params) {
  Call call;
  send(call, q, params);
  return wait(call);
}

PgResult Connection::exec_sql(const char* sql, const std::vector<const char*>& params) {
  Call call;
  send_sql(call, sql, params);
  return wait(call);
}

// Until `mine` is answered: sends what is left to send, reads what comes,
// hands every result to its call. Then the next in line reads.
void Connection::read_until(Call& mine) {
  reading_ = true;
  while (!mine.done) {
    take_results();
    if (mine.done) break;
    const int unsent = PQflush(pg_);
    if (unsent < 0) {
      fail_all(message_of(pg_));
      break;
    }
    cooperative::Waiter socket;  // the socket, or a sender with more to flush, or the connection failing
    reader_ = &socket;
    socket.wait_fd(PQsocket(pg_), static_cast<short>(unsent ? POLLIN | POLLOUT : POLLIN), Clock::time_point::max());
    reader_ = nullptr;
    if (mine.done) break;
    if (PQconsumeInput(pg_) != 1) fail_all(message_of(pg_));
  }
  reading_ = false;
  if (!queue_.empty()) wake(*queue_.front());
}

// Hands out every result libpq has whole. NULL ends one statement's
// results; two in a row mean nothing more has come in yet.
void Connection::take_results() {
  bool ended = false;
  while (!queue_.empty() && PQisBusy(pg_) == 0) {
    PGresult* r = PQgetResult(pg_);
    if (r == nullptr) {
      if (ended) return;
      ended = true;
      continue;
    }
    ended = false;
    take(*queue_.front(), PgResult(r));
  }
}

void Connection::take(Call& call, PgResult result) {
  const ExecStatusType status = PQresultStatus(result.get());
  if (status == PGRES_PIPELINE_SYNC) {
    answered_at_ = Clock::now();
    queue_.pop_front();
    call.done = true;
    wake(call);
    return;
  }
  const bool for_prepare = call.prepares && !call.prepare_answered;
  call.prepare_answered = call.prepare_answered || call.prepares;
  if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
    if (!for_prepare && call.error.empty()) call.result = std::move(result);
    return;
  }
  if (for_prepare) prepared_.erase(call.name);  // not prepared: the next call tries again
  if (!call.error.empty()) return;              // the first error is the one to tell
  if (status == PGRES_PIPELINE_ABORTED) {
    call.error = "statement not run: an earlier one in the pipeline failed";
    return;
  }
  call.error = PQresultErrorMessage(result.get());
  const char* state = PQresultErrorField(result.get(), PG_DIAG_SQLSTATE);
  call.sqlstate = state ? state : "";
}

// Every call on its way fails; the connection is never used again. Its
// socket stays open until it is destroyed: a reader may still be waiting on it.
void Connection::fail_all(const std::string& why) {
  lost_ = true;
  for (Call* call : queue_) {
    call->lost = true;
    call->error = why;
    call->done = true;
    wake(*call);
  }
  queue_.clear();
  if (reader_) reader_->wake();
}

void Connection::wake(Call& call) {
  if (cooperative::Waiter* w = call.parked) {
    call.parked = nullptr;  // once: a fiber made ready twice would be resumed twice
    w->wake();
  }
}

bool Connection::has_room(Clock::time_point now, std::size_t depth, std::chrono::microseconds stall) const {
  return !lost_ && queue_.size() < depth && (queue_.empty() || now - queue_.front()->sent_at < stall);
}

// One answered within the last second is taken to be there still, unless a
// sibling was just lost: under load that spares a system call a query. One
// that died unseen in that second fails its query, which the executor runs
// once more, and its loss makes its siblings suspect.
bool Connection::went_away_while_idle() {
  constexpr auto kLooksAgainAfter = std::chrono::seconds(1);
  if (!queue_.empty() || reading_ || (!suspect_ && Clock::now() - answered_at_ <= kLooksAgainAfter)) return false;
  suspect_ = false;
  return idle_socket_went_away(PQsocket(pg_));
}

void Connection::drop() {
  ::shutdown(PQsocket(pg_), SHUT_RDWR);
  lost_ = true;
}

}  // namespace partnerapi::db
