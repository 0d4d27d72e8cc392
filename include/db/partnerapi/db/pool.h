#pragma once
// A bounded pool of PostgreSQL connections (the one connection type of
// src/db/connection.h). A Lease is a scoped guard: the connection goes back
// on destruction, or is dropped if it was lost. A request waiting for a free
// connection waits on a Condition, woken when one is given back.
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "partnerapi/cooperative.h"

namespace partnerapi::db {

class Connection;

// Logs why a connection could not be opened and throws ApiError(UNAVAILABLE).
[[noreturn]] void connection_failed(const std::string& why);

class Pool {
 public:
  // At most `size` connections to `conninfo`, each given up connecting after `connect_timeout`.
  Pool(std::string conninfo, std::size_t size, std::chrono::milliseconds connect_timeout = std::chrono::seconds(5));
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;
  ~Pool();

  class Lease {
   public:
    Lease(Pool& pool, std::unique_ptr<Connection> conn);
    Lease(Lease&& o) noexcept;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Connection& conn() { return *conn_; }
    // The connection failed mid-use (or its transaction may still be open):
    // drop it instead of reusing it.
    void discard();

   private:
    friend class Pool;
    Pool* pool_;
    std::unique_ptr<Connection> conn_;
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
  std::chrono::milliseconds connect_timeout() const noexcept { return connect_timeout_; }
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
  void give_back(std::unique_ptr<Connection> conn);
  std::unique_ptr<Connection> open();

  std::string conninfo_;
  std::size_t size_;
  std::chrono::milliseconds connect_timeout_;
  std::size_t open_count_ = 0;
  std::size_t streams_max_;
  std::size_t streaming_ = 0;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::mutex mu_;
  cooperative::Condition freed_;  // a connection or a stream's place was given back
};

}  // namespace partnerapi::db
