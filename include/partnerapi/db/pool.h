#pragma once
// A bounded pool of PostgreSQL connections. A Lease is a scoped guard: the
// connection goes back on destruction, or is dropped if it broke.
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <pqxx/pqxx>

namespace partnerapi::db {

class Pool {
 public:
  Pool(std::string conninfo, std::size_t size);
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;
  ~Pool();

  class Lease {
   public:
    Lease(Pool& pool, std::unique_ptr<pqxx::connection> conn) : pool_(&pool), conn_(std::move(conn)) {}
    Lease(Lease&& o) noexcept : pool_(o.pool_), conn_(std::move(o.conn_)) {}
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    pqxx::connection& conn() { return *conn_; }
    // The connection failed mid-use: drop it instead of reusing it.
    void discard() { conn_.reset(); }

   private:
    Pool* pool_;
    std::unique_ptr<pqxx::connection> conn_;
  };

  // Waits up to `timeout` for a free connection, opening one if below size;
  // throws ApiError(UNAVAILABLE) when none comes in time or the server is down.
  Lease acquire(std::chrono::milliseconds timeout = std::chrono::seconds(5));
  const std::string& conninfo() const noexcept { return conninfo_; }
  // True when a connection can be had within `timeout` and answers a query.
  bool healthy(std::chrono::milliseconds timeout);

 private:
  void give_back(std::unique_ptr<pqxx::connection> conn);
  std::unique_ptr<pqxx::connection> open();

  std::string conninfo_;
  std::size_t size_;
  std::size_t open_count_ = 0;
  std::vector<std::unique_ptr<pqxx::connection>> idle_;
  std::mutex mu_;
  std::condition_variable freed_;
};

}  // namespace partnerapi::db
