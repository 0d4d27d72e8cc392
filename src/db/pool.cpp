#include "partnerapi/db/pool.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <mutex>
#include <string_view>
#include <unordered_map>

#include "partnerapi/api_error.h"
#include "partnerapi/cooperative.h"
#include "partnerapi/db/conninfo.h"
#include "partnerapi/db/query.h"
#include "partnerapi/db/transactions.h"
#include "idle_socket.h"
#include "rows_from.h"
#include "sql_errors.h"

namespace partnerapi::db {

// Three quarters of the pool may stream; the rest is for everything else.
Pool::Pool(std::string conninfo, std::size_t size)
    : conninfo_(std::move(conninfo)), size_(size ? size : 1), streams_max_(std::max<std::size_t>(1, size_ * 3 / 4)) {}

Pool::~Pool() = default;

Pool::Lease::~Lease() {
  if (!pool_) return;
  if (stream_) {
    std::lock_guard<std::mutex> lock(pool_->mu_);
    --pool_->streaming_;
  }
  pool_->give_back(std::move(conn_));
}

void connection_failed(const std::string& why) {
  spdlog::error("database connection failed: {}", why);
  throw ApiError(code::kUnavailable);
}

std::unique_ptr<pqxx::connection> Pool::open() {
  try {
    return std::make_unique<pqxx::connection>(with_host_resolved(conninfo_));
  } catch (const std::exception& e) {
    connection_failed(e.what());
  }
}

Pool::Lease Pool::acquire(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mu_);
  const bool ready =
      cooperative::wait_until(lock, freed_, timeout, [&] { return !idle_.empty() || open_count_ < size_; });
  if (!ready) throw ApiError(code::kUnavailable, kOverloaded);
  while (!idle_.empty()) {
    auto conn = std::move(idle_.back());
    idle_.pop_back();
    if (!idle_socket_went_away(conn->sock())) return Lease(*this, std::move(conn));
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
    if (!cooperative::wait_until(lock, freed_, timeout, [&] { return streaming_ < streams_max_; }))
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
    pqxx::nontransaction(lease.conn()).exec("SELECT 1");
    return true;
  } catch (const std::exception& e) {
    spdlog::warn("health check: database unavailable: {}", e.what());
    return false;
  }
}

std::optional<int> Pool::schema_version(std::chrono::milliseconds timeout) {
  try {
    auto lease = acquire(timeout);
    const auto r = pqxx::nontransaction(lease.conn()).exec("SELECT COALESCE(max(version), 0) FROM schema_migration");
    return r[0][0].as<int>();
  } catch (const std::exception& e) {
    spdlog::warn("readiness check: {}", e.what());
    return std::nullopt;
  }
}

Pool::Figures Pool::figures() {
  std::lock_guard<std::mutex> lock(mu_);
  return {size_, open_count_, idle_.size(), streaming_};
}

void Pool::give_back(std::unique_ptr<pqxx::connection> conn) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (conn && conn->is_open())
      idle_.push_back(std::move(conn));
    else
      --open_count_;
  }
  freed_.notify_all();  // a stream's place and a connection: either waiter may go on
}

Rows TxSession::run(const Query& q, const std::vector<const char*>& params) {
  return translated(q, [&] {
    ensure_prepared(tx_.conn(), q);
    return rows_of(tx_.exec_prepared(q.name, pqxx::prepare::make_dynamic_params(params)));
  });
}

Rows SharedReadSession::run(const Query& q, const std::vector<const char*>& params) {
  if (auto result = translated(q, [&] { return shared_.try_exec(q, params); })) return rows_of(std::move(*result));
  if (!lease_) {
    lease_.emplace(pool_.acquire());
    tx_.emplace(lease_->conn());
  }
  try {
    return TxSession(*tx_).run(q, params);
  } catch (const pqxx::broken_connection&) {
    tx_.reset();
    lease_->discard();
    lease_.reset();
    throw;
  }
}

namespace {

// `q` with `LIMIT n` after it, prepared under a name of its own; made once
// per query and kept (the queries are the program's constants).
const Query& first_rows_of(const Query& q, std::size_t n) {
  struct Owned {
    std::string name, sql;
    Query query;
  };
  static std::mutex mu;
  static std::unordered_map<const Query*, std::unique_ptr<Owned>> made;
  std::lock_guard<std::mutex> lock(mu);
  auto& owned = made[&q];
  if (!owned) {
    const std::string_view sql = q.sql;
    const std::size_t limit = sql.rfind(" LIMIT "), paren = sql.rfind(')');
    if (sql.find(';') != std::string_view::npos ||
        (limit != std::string_view::npos && (paren == std::string_view::npos || limit > paren)))
      throw std::logic_error(std::string(q.name) + ": a streamed query takes a LIMIT after it, so has none itself");
    owned = std::make_unique<Owned>(Owned{std::string(q.name) + "/first", std::string(sql) + " LIMIT " +
                                          std::to_string(n), {}});
    owned->query = Query{owned->name.c_str(), owned->sql.c_str()};
  }
  return owned->query;
}

}  // namespace

// Most answers are a few rows: they are read as any other query is, on the
// shared connections, one row more than a batch asked for. Only when that
// row comes is the whole read again, as a stream on a connection of its own.
TableStream SharedReadSession::stream(const TableShape& shape, const Query& q, const std::vector<const char*>& params,
                                      const StoredAs* stored_as) {
  const std::size_t batch = RowSource::kBatchRows;
  Rows first = run(first_rows_of(q, batch + 1), params);
  if (first.size() <= batch) {
    Table table(shape);
    append_rows(table, first, stored_as);
    return stream_of(std::move(table));
  }
  tx_.reset();
  lease_.reset();
  return stream_rows(pool_, shape, q, params, stored_as);
}

void ensure_prepared(pqxx::connection_base& conn, const Query& q) {
  // Re-declaring the same definition is a no-op in libpqxx; the backend
  // prepares it once, lazily, on first use on this connection.
  conn.prepare(q.name, q.sql);
}

namespace {

// Connection trouble in the terms of errors.h.
template <class Run>
void without_libpqxx_errors(Run&& run) {
  try {
    run();
  } catch (const pqxx::in_doubt_error& e) {
    throw CommitUnknown(e.what());
  } catch (const pqxx::broken_connection& e) {
    throw ConnectionLost(e.what());
  }
}

}  // namespace

void run_in_transaction(Pool& pool, const std::function<void(Session&)>& work) {
  without_libpqxx_errors([&] { in_transaction(pool, [&](Session& s) { return work(s), 0; }); });
}

void run_without_transaction(Pool& pool, const std::function<void(Session&)>& work) {
  without_libpqxx_errors([&] { without_transaction(pool, [&](Session& s) { return work(s), 0; }); });
}

}  // namespace partnerapi::db
