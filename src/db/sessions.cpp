// How a request's work runs on the database: a write in a transaction on a
// pooled connection, a read on its thread's shared connections (or a pooled
// one when they have no room, or outside the server's fibers). All of it
// through the one connection type (connection.h).
#include <spdlog/spdlog.h>

#include <optional>
#include <string_view>
#include <unordered_map>

#include "connection.h"
#include "partnerapi/db/pool.h"
#include "partnerapi/db/shared_reads.h"
#include "partnerapi/db/transactions.h"
#include "row_stream.h"
#include "rows_from.h"
#include "sql_errors.h"
#include "tx_session.h"

namespace partnerapi::db {
namespace {

// A read's queries on a pooled connection, without a transaction (each
// statement its own).
class PooledReadSession final : public Session {
 public:
  explicit PooledReadSession(Pool& pool) : pool_(pool) {}
  Rows run(const Query& q, const std::vector<const char*>& params) override {
    if (!lease_) lease_.emplace(pool_.acquire());
    try {
      return translated(q, [&] { return rows_of(lease_->conn().exec(q, params)); });
    } catch (const ConnectionLost&) {
      lease_->discard();
      lease_.reset();
      throw;
    }
  }
  // A stream is the request's answer, its last query: the connection held
  // for the others goes back first.
  TableStream stream(const TableShape& shape, const Query& q, const std::vector<const char*>& params,
                     const StoredAs* stored_as) override {
    lease_.reset();
    return stream_rows(pool_, shape, q, params, stored_as);
  }

 private:
  Pool& pool_;
  std::optional<Pool::Lease> lease_;
};

// A read-only request's queries in a fiber: each on a shared connection of
// its thread that has room, else on a pooled connection, taken at the first
// such query and kept for the rest of the request.
class SharedReadSession final : public Session {
 public:
  SharedReadSession(SharedReads& shared, Pool& pool) : shared_(shared), pooled_(pool), pool_(pool) {}
  Rows run(const Query& q, const std::vector<const char*>& params) override {
    if (auto rows = translated(q, [&] { return shared_.try_exec(q, params); })) return std::move(*rows);
    return pooled_.run(q, params);
  }
  TableStream stream(const TableShape& shape, const Query& q, const std::vector<const char*>& params,
                     const StoredAs* stored_as) override;

 private:
  SharedReads& shared_;
  PooledReadSession pooled_;
  Pool& pool_;
};

// `q` with `LIMIT n` after it, prepared under a name of its own; made once
// per query and thread, and kept (the queries are the program's constants):
// no lock on the way of every read.
const Query& first_rows_of(const Query& q, std::size_t n) {
  struct Owned {
    std::string name, sql;
    Query query;
  };
  thread_local std::unordered_map<const Query*, std::unique_ptr<Owned>> made;
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
  return pooled_.stream(shape, q, params, stored_as);
}

// A transaction left open by a failure is rolled back, so the connection can
// go back to the pool; one that cannot be is dropped.
void roll_back_or_discard(TxSession& tx, Pool::Lease& lease) {
  try {
    tx.rollback();
  } catch (const std::exception& e) {
    spdlog::debug("rollback failed, the connection is dropped: {}", e.what());
    lease.discard();
  }
}

}  // namespace

void run_in_transaction(Pool& pool, const std::function<void(Session&)>& work) {
  auto lease = pool.acquire();
  TxSession tx(lease.conn());
  try {
    work(tx);
    tx.commit();
  } catch (const CommitUnknown&) {
    lease.discard();
    throw;
  } catch (...) {
    roll_back_or_discard(tx, lease);
    throw;
  }
}

void run_without_transaction(Pool& pool, const std::function<void(Session&)>& work) {
  if (SharedReads* shared = SharedReads::current()) {
    SharedReadSession session(*shared, pool);
    return work(session);
  }
  PooledReadSession session(pool);
  work(session);
}

}  // namespace partnerapi::db
