#include "partnerapi/db/shared_reads.h"

#include <algorithm>
#include <atomic>
#include <cstdint>

#include "connection.h"
#include "partnerapi/db/errors.h"
#include "partnerapi/db/pool.h"
#include "rows_from.h"

namespace partnerapi::db {
namespace {

thread_local SharedReads* tl_current = nullptr;
std::atomic<std::int64_t> g_waiting{0};
std::atomic<std::uint64_t> g_answered{0}, g_elsewhere{0};

}  // namespace

// One shared connection: opened when first needed, opened again after it was lost.
class SharedReads::Slot {
 public:
  Slot(const std::string& conninfo, std::chrono::milliseconds connect_timeout)
      : conninfo_(conninfo), connect_timeout_(connect_timeout) {}

  void suspect() {
    if (conn_) conn_->suspect();
  }

  // Opening takes a new backend's start: a few ms, hundreds under load.
  // Another fiber's query does not wait for it: it goes elsewhere.
  bool opening() const { return opening_; }

  // Open and usable; one lost, or closed by the server while it was idle (a
  // restart), is opened again rather than failing a query first.
  Connection& ready() {
    if (conn_ && !conn_->busy() && (conn_->lost() || conn_->went_away_while_idle())) conn_.reset();
    if (!conn_) open();
    return *conn_;
  }

 private:
  void open() {
    opening_ = true;
    struct Done {
      bool& flag;
      ~Done() { flag = false; }
    } done{opening_};
    try {
      conn_ = Connection::open(conninfo_, connect_timeout_);
    } catch (const ConnectionLost& e) {
      connection_failed(e.what());
    }
  }

  std::string conninfo_;
  std::chrono::milliseconds connect_timeout_;
  std::unique_ptr<Connection> conn_;
  bool opening_ = false;
};

SharedReads::SharedReads(std::string conninfo, std::size_t connections, Room room,
                         std::chrono::milliseconds connect_timeout)
    : room_(room) {
  for (std::size_t i = 0; i < std::max<std::size_t>(connections, 1); ++i)
    slots_.push_back(std::make_unique<Slot>(conninfo, connect_timeout));
}

SharedReads::~SharedReads() = default;

void SharedReads::open_all() {
  for (const auto& slot : slots_) {
    try {
      slot->ready();
    } catch (const std::exception&) {  // logged; the first query that needs it tries again
      return;
    }
  }
}

SharedReads* SharedReads::current() { return tl_current; }
void SharedReads::set_current(SharedReads* reads) { tl_current = reads; }

std::optional<Rows> SharedReads::try_exec(const Query& q, const std::vector<const char*>& params) {
  // The first connection with room: the more queries one backend finds at
  // once, the fewer times it wakes.
  for (const auto& slot : slots_) {
    if (slot->opening()) continue;
    Connection& conn = slot->ready();
    if (!conn.has_room(cooperative::Clock::now(), room_.depth, room_.stall)) continue;
    g_waiting.fetch_add(1, std::memory_order_relaxed);
    struct Answered {
      ~Answered() {
        g_waiting.fetch_sub(1, std::memory_order_relaxed);
        g_answered.fetch_add(1, std::memory_order_relaxed);
      }
    } answered;
    try {
      return rows_of(conn.exec(q, params));
    } catch (const ConnectionLost&) {
      for (const auto& other : slots_) other->suspect();  // a restart closes them all
      throw;
    }
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
