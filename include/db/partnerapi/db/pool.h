#pragma once
// A bounded pool of PostgreSQL connections. A Lease is a scoped guard: the
// connection goes back on destruction, or is dropped if it broke.
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <pqxx/pqxx>

#include "partnerapi/db/shared_reads.h"
#include "partnerapi/db/tx_session.h"

namespace partnerapi::db {

// Logs why a connection could not be opened and throws ApiError(UNAVAILABLE).
[[noreturn]] void connection_failed(const std::string& why);

class Pool {
 public:
  Pool(std::string conninfo, std::size_t size);
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;
  ~Pool();

  class Lease {
   public:
    Lease(Pool& pool, std::unique_ptr<pqxx::connection> conn) : pool_(&pool), conn_(std::move(conn)) {}
    Lease(Lease&& o) noexcept
        : pool_(std::exchange(o.pool_, nullptr)), conn_(std::move(o.conn_)), stream_(std::exchange(o.stream_, false)) {}
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    pqxx::connection& conn() { return *conn_; }
    // The connection failed mid-use: drop it instead of reusing it.
    void discard() { conn_.reset(); }

   private:
    friend class Pool;
    Pool* pool_;
    std::unique_ptr<pqxx::connection> conn_;
    bool stream_ = false;  // holds one of the pool's places for streams
  };

  // Waits up to `timeout` for a free connection, opening one if below size;
  // throws ApiError(UNAVAILABLE) when none comes in time or the server is down.
  Lease acquire(std::chrono::milliseconds timeout = std::chrono::seconds(5));
  // A connection for a streamed answer, held while the client reads it. At
  // most `streams()` at once, so that writes and logins always find one; a
  // stream beyond them waits its turn up to `timeout`.
  Lease acquire_stream(std::chrono::milliseconds timeout = std::chrono::seconds(30));
  std::size_t streams() const noexcept { return streams_max_; }
  const std::string& conninfo() const noexcept { return conninfo_; }
  // True when a connection can be had within `timeout` and answers a query.
  bool healthy(std::chrono::milliseconds timeout);
  // The newest migration applied to the database; nullopt when it cannot be
  // asked within `timeout` (or was never migrated).
  std::optional<int> schema_version(std::chrono::milliseconds timeout);
  struct Figures {
    std::size_t size, open, idle, streaming;
  };
  Figures figures();

 private:
  void give_back(std::unique_ptr<pqxx::connection> conn);
  std::unique_ptr<pqxx::connection> open();

  std::string conninfo_;
  std::size_t size_;
  std::size_t open_count_ = 0;
  std::size_t streams_max_;
  std::size_t streaming_ = 0;
  std::vector<std::unique_ptr<pqxx::connection>> idle_;
  std::mutex mu_;
  std::condition_variable freed_;
};

// Runs `work(pqxx::connection&)` on a pooled connection, which is dropped
// instead of reused when it broke.
template <class Work>
auto on_pooled_connection(Pool& pool, Work&& work) {
  auto lease = pool.acquire();
  try {
    return work(lease.conn());
  } catch (const pqxx::broken_connection&) {
    lease.discard();
    throw;
  }
}

// Runs `work(Session&)` in a transaction on a pooled connection, committed
// when it returns.
template <class Work>
auto in_transaction(Pool& pool, Work&& work) {
  return on_pooled_connection(pool, [&](pqxx::connection& conn) {
    pqxx::work tx(conn);
    TxSession session(tx);
    auto result = work(session);
    tx.commit();
    return result;
  });
}

// A read-only request's queries, in a fiber: each on a shared connection of
// its thread that has room, else on a pooled connection, taken at the first
// such query and kept for the rest of the request.
// The rows of `q` streamed on a connection of the pool held for them (see
// Session::stream); UNAVAILABLE when none comes in time.
TableStream stream_rows(Pool& pool, const TableShape& shape, const Query& q, const std::vector<const char*>& params,
                        const StoredAs* stored_as);

class SharedReadSession final : public Session {
 public:
  SharedReadSession(SharedReads& shared, Pool& pool) : shared_(shared), pool_(pool) {}
  Rows run(const Query& q, const std::vector<const char*>& params) override;
  // A stream is the request's answer, its last query: a connection the
  // request held for others goes back first.
  TableStream stream(const TableShape& shape, const Query& q, const std::vector<const char*>& params,
                     const StoredAs* stored_as) override;

 private:
  SharedReads& shared_;
  Pool& pool_;
  std::optional<Pool::Lease> lease_;
  std::optional<pqxx::nontransaction> tx_;  // before lease_ in destruction
};

// Runs `work(Session&)`, which only reads, without a transaction: on this
// thread's shared connections when it has them (a fiber of the server),
// else on a pooled connection.
template <class Work>
auto without_transaction(Pool& pool, Work&& work) {
  if (SharedReads* shared = SharedReads::current()) {
    SharedReadSession session(*shared, pool);
    return work(session);
  }
  return on_pooled_connection(pool, [&](pqxx::connection& conn) {
    pqxx::nontransaction tx(conn);
    TxSession session(tx);
    return work(session);
  });
}

}  // namespace partnerapi::db
