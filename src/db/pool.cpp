#include "partnerapi/db/pool.h"

#include <libpq-fe.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "connection.h"
#include "partnerapi/api_error.h"
#include "partnerapi/db/errors.h"

namespace partnerapi::db {

// Three quarters of the pool may stream; the rest is for everything else.
Pool::Pool(std::string conninfo, std::size_t size, std::chrono::milliseconds connect_timeout)
    : conninfo_(std::move(conninfo)),
      size_(size ? size : 1),
      connect_timeout_(connect_timeout),
      streams_max_(std::max<std::size_t>(1, size_ * 3 / 4)) {}

Pool::~Pool() = default;

Pool::Lease::Lease(Pool& pool, std::unique_ptr<Connection> conn) : pool_(&pool), conn_(std::move(conn)) {}

Pool::Lease::Lease(Lease&& o) noexcept
    : pool_(std::exchange(o.pool_, nullptr)), conn_(std::move(o.conn_)), stream_(std::exchange(o.stream_, false)) {}

Pool::Lease::~Lease() {
  if (!pool_) return;
  if (stream_) {
    std::lock_guard<std::mutex> lock(pool_->mu_);
    --pool_->streaming_;
  }
  pool_->give_back(std::move(conn_));
}

void Pool::Lease::discard() { conn_.reset(); }

void connection_failed(const std::string& why) {
  spdlog::error("database connection failed: {}", why);
  throw ApiError(code::kUnavailable);
}

std::unique_ptr<Connection> Pool::open() {
  try {
    return Connection::open(conninfo_, connect_timeout_);
  } catch (const ConnectionLost& e) {
    connection_failed(e.what());
  }
}

Pool::Lease Pool::acquire(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mu_);
  const bool ready = freed_.wait_for(lock, timeout, [&] { return !idle_.empty() || open_count_ < size_; });
  if (!ready) throw ApiError(code::kUnavailable, kOverloaded);
  while (!idle_.empty()) {
    auto conn = std::move(idle_.back());
    idle_.pop_back();
    if (!conn->went_away_while_idle()) return Lease(*this, std::move(conn));
    --open_count_;  // a restart or an administrator ended it: a fresh one instead
    spdlog::info("database connection closed by the server while idle; opening another");
  }
  ++open_count_;
  lock.unlock();
  try {
    return Lease(*this, open());
  } catch (...) {
    give_back(nullptr);
    throw;
  }
}

Pool::Lease Pool::acquire_stream(std::chrono::milliseconds timeout) {
  {
    std::unique_lock<std::mutex> lock(mu_);
    if (!freed_.wait_for(lock, timeout, [&] { return streaming_ < streams_max_; }))
      throw ApiError(code::kUnavailable, kOverloaded);
    ++streaming_;
  }
  try {
    Lease lease = acquire(timeout);
    lease.stream_ = true;
    return lease;
  } catch (...) {
    std::lock_guard<std::mutex> lock(mu_);
    --streaming_;
    freed_.notify_all();
    throw;
  }
}

bool Pool::healthy(std::chrono::milliseconds timeout) {
  try {
    auto lease = acquire(timeout);
    try {
      lease.conn().exec_sql("SELECT 1");
    } catch (...) {
      lease.discard();
      throw;
    }
    return true;
  } catch (const std::exception& e) {
    spdlog::warn("health check: database unavailable: {}", e.what());
    return false;
  }
}

std::optional<int> Pool::schema_version(std::chrono::milliseconds timeout) {
  try {
    auto lease = acquire(timeout);
    try {
      const PgResult r = lease.conn().exec_sql("SELECT COALESCE(max(version), 0) FROM schema_migration");
      return std::stoi(PQgetvalue(r.get(), 0, 0));
    } catch (const ConnectionLost&) {
      lease.discard();
      throw;
    }
  } catch (const std::exception& e) {
    spdlog::warn("readiness check: {}", e.what());
    return std::nullopt;
  }
}

Pool::Figures Pool::figures() {
  std::lock_guard<std::mutex> lock(mu_);
  return {size_, open_count_, idle_.size(), streaming_};
}

void Pool::give_back(std::unique_ptr<Connection> conn) {
  std::lock_guard<std::mutex> lock(mu_);
  if (conn && !conn->lost() && !conn->busy()) {
    idle_.push_back(std::move(conn));
  } else {
    --open_count_;
    // One was lost or could not be opened (a restart?): each idle one is
    // looked at before its next use, however recently it answered.
    for (auto& c : idle_) c->suspect();
  }
  freed_.notify_all();  // a stream's place and a connection: either waiter may go on
}

}  // namespace partnerapi::db
