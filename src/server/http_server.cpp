#include "http_server.h"

#include <spdlog/spdlog.h>

#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <csignal>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "access_log.h"
#include "auth.h"
#include "partnerapi/db/events_import.h"
#include "partnerapi/db/shared_reads.h"
#include "connection_queue.h"
#include "fiber_loop.h"
#include "idle_connections.h"
#include "metrics.h"
#include "partnerapi/soap/glue.h"
#include "worker.h"

namespace partnerapi::server {
namespace {

// Frees what the listening context allocated (accept timeouts leave a fault
// structure in it) and closes it.
void release(struct soap* master) {
  soap_destroy(master);
  soap_end(master);
  soap_done(master);
}

// The events imported (events-import, another process), read from the
// database by a thread of its own every 15 s: a scrape never waits for the
// database (a fiber must not wait while /metrics holds its lock), and the
// last figures stay while the database cannot be asked. The server starts
// answering once the first read is done (or after 5 s without a database),
// so its first scrape already shows them.
class EventsFiguresReader {
 public:
  explicit EventsFiguresReader(db::Pool& pool) : thread_([this, &pool] { refresh(pool); }) {
    std::unique_lock<std::mutex> lock(mu_);
    first_read_.wait_for(lock, std::chrono::seconds(5), [this] { return tried_; });
  }
  EventsFiguresReader(const EventsFiguresReader&) = delete;
  EventsFiguresReader& operator=(const EventsFiguresReader&) = delete;
  ~EventsFiguresReader() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    stopped_.notify_all();
    thread_.join();
  }
  db::EventsFigures figures() const {
    std::lock_guard<std::mutex> lock(mu_);
    return figures_;
  }

 private:
  void refresh(db::Pool& pool) {
    std::unique_lock<std::mutex> lock(mu_);
    while (!stop_) {
      lock.unlock();
      std::optional<db::EventsFigures> read;
      try {
        read = db::events_figures(pool);
      } catch (const std::exception& e) {
        spdlog::warn("metrics: events imported not read: {}", e.what());
      }
      lock.lock();
      if (read) figures_ = *read;
      if (!tried_) {
        tried_ = true;
        first_read_.notify_all();
      }
      stopped_.wait_for(lock, std::chrono::seconds(15), [this] { return stop_; });
    }
  }

  mutable std::mutex mu_;
  std::condition_variable stopped_;
  std::condition_variable first_read_;
  bool stop_ = false;
  bool tried_ = false;
  db::EventsFigures figures_;
  std::thread thread_;  // last: it reads the members above
};

void report_events(const EventsFiguresReader& events) {
  auto& m = Metrics::global();
  const auto label = [](db::EventKind kind) { return std::string("{kind=\"") + db::event_kind_name(kind) + "\"}"; };
  for (db::EventKind kind : db::kEventKinds)
    m.counter("partnerapi_events_imported_total" + label(kind), "Event records taken by events-import, by kind.",
              [&events, at = static_cast<std::size_t>(kind)] { return events.figures().records[at]; });
  for (db::EventKind kind : db::kEventKinds)
    m.gauge("partnerapi_events_last_import_timestamp_seconds" + label(kind),
            "When the last events-import of the kind committed (Unix time; 0: never).",
            [&events, at = static_cast<std::size_t>(kind)] { return events.figures().last_import[at]; });
}

// What /metrics reads of the running server's parts, which live until run() returns.
void report_gauges(db::Pool& pool, const IdleConnections& idle, const ConnectionQueue& queue,
                   const std::vector<std::unique_ptr<Worker>>& workers, const EventsFiguresReader& events) {
  auto& m = Metrics::global();
  const char* connections = "Client connections: in a worker (busy), held while idle or while a request arrives "
                            "(idle), accepted and waiting for a worker (queued).";
  m.gauge("partnerapi_connections{state=\"busy\"}", connections, [&workers] {
    return static_cast<double>(std::count_if(workers.begin(), workers.end(), [](const auto& w) { return w->busy(); }));
  });
  m.gauge("partnerapi_connections{state=\"idle\"}", connections, [&idle] { return static_cast<double>(idle.size()); });
  m.gauge("partnerapi_connections{state=\"queued\"}", connections,
          [&queue] { return static_cast<double>(queue.size()); });
  m.gauge("partnerapi_workers", "Workers: requests served at once.",
          [&workers] { return static_cast<double>(workers.size()); });
  const char* db = "PostgreSQL connections of the pool: open, idle among them, and the most it opens (size).";
  m.gauge("partnerapi_db_pool_connections{state=\"open\"}", db,
          [&pool] { return static_cast<double>(pool.figures().open); });
  m.gauge("partnerapi_db_pool_connections{state=\"idle\"}", db,
          [&pool] { return static_cast<double>(pool.figures().idle); });
  m.gauge("partnerapi_db_pool_connections{state=\"size\"}", db,
          [&pool] { return static_cast<double>(pool.figures().size); });
  m.gauge("partnerapi_db_streams", "Pool connections held by streamed answers (at most three quarters of the pool).",
          [&pool] { return static_cast<double>(pool.figures().streaming); });
  m.gauge("partnerapi_shared_reads_waiting", "Queries sent down the event loops' shared connections, not yet answered.",
          [] { return db::SharedReads::figures().waiting; });
  const char* shared = "Read queries by where they ran: a shared connection (shared), or the pool because no shared "
                       "connection had room (pool).";
  m.counter("partnerapi_shared_reads_total{ran=\"shared\"}", shared, [] { return db::SharedReads::figures().answered; });
  m.counter("partnerapi_shared_reads_total{ran=\"pool\"}", shared, [] { return db::SharedReads::figures().elsewhere; });
  report_events(events);
  m.counter("partnerapi_access_log_dropped_total",
            "Access log lines dropped because their sink (standard error) did not keep up.",
            [] { return static_cast<double>(AccessLog::global().dropped()); });
  const std::string gsoap = std::to_string(GSOAP_VERSION / 100000) + "." + std::to_string(GSOAP_VERSION / 1000 % 100) +
                            "." + std::to_string(GSOAP_VERSION % 1000);
  m.gauge("partnerapi_build_info{version=\"" PARTNERAPI_VERSION "\",commit=\"" PARTNERAPI_COMMIT "\",gsoap=\"" + gsoap +
              "\"}",
          "The server's version, the commit it was built from and the gSOAP it uses.", [] { return 1.0; });
}

void configure(struct soap* s, const Config& c) {
  s->recv_timeout = c.recv_timeout;
  s->send_timeout = c.send_timeout;
  s->transfer_timeout = c.transfer_timeout;
  s->accept_timeout = 1;
  s->max_keep_alive = c.max_keep_alive;
  s->recv_maxlength = static_cast<ULONG64>(c.max_body_mb) * 1024 * 1024;
  s->maxlevel = 64;
  s->maxlength = 65536;  // characters of any one string value
  s->maxoccurs = 100000;
  s->authrealm = "PartnerAPI";
  s->bind_flags = SO_REUSEADDR;
}

// Idle keep-alive connections cost a descriptor each and no thread: take the
// hard limit, not a default soft one of 1024.
void raise_open_file_limit() {
  rlimit r{};
  if (::getrlimit(RLIMIT_NOFILE, &r) != 0 || r.rlim_cur >= r.rlim_max) return;
  r.rlim_cur = r.rlim_max;
  if (::setrlimit(RLIMIT_NOFILE, &r) != 0) spdlog::warn("cannot raise the open-file limit: {}", std::strerror(errno));
}

// A shared connection takes at most 4 queries at once, and none while its
// oldest has waited 2 ms: beyond that a read goes to the pool. Measured with
// bench.sh: 8 at once gave 10% more partner_read, but when the scheduler kept
// a busy backend off the CPU for a few hundred ms, all 8 waited with it (p99
// 400 ms in 10-s runs); with 4, 24–30 ms in 5-s runs. bench/README.md has
// the whole 60-s run's tail, which is not explained yet.
constexpr db::SharedReads::Room kSharedRoom{4, std::chrono::milliseconds(2)};

// Runs `loop` on this thread, its fibers' reads sharing `shared` connections
// (none: they use the pool).
void run_loop(FiberLoop& loop, int shared, const db::Pool& pool) {
  std::optional<db::SharedReads> reads;
  if (shared > 0) {
    reads.emplace(pool.conninfo(), static_cast<std::size_t>(shared), kSharedRoom, pool.connect_timeout());
    reads->open_all();
  }
  db::SharedReads::set_current(reads ? &*reads : nullptr);
  loop.run();
  db::SharedReads::set_current(nullptr);
}

// Joins `threads` if they all end within `grace`; false if not (the caller
// then exits without them: a waiter left behind owns what it shares).
bool loops_end_within(std::vector<std::thread>& threads, std::chrono::seconds grace) {
  struct Ended {
    std::mutex mu;
    std::condition_variable cv;
    bool all = false;
  };
  auto ended = std::make_shared<Ended>();
  std::thread waiter([ended, &threads] {
    for (auto& t : threads) t.join();
    std::lock_guard<std::mutex> lock(ended->mu);
    ended->all = true;
    ended->cv.notify_one();
  });
  std::unique_lock<std::mutex> lock(ended->mu);
  const bool all = ended->cv.wait_for(lock, grace, [&] { return ended->all; });
  lock.unlock();
  if (all) {
    waiter.join();
  } else {
    waiter.detach();
  }
  return all;
}

// Event loop threads: one per core unless set.
std::size_t event_loops(const Config& c) {
  if (c.threads > 0) return static_cast<std::size_t>(c.threads);
  return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace

HttpServer::HttpServer(const Config& config, db::Pool& pool) : config_(config), pool_(pool) {}

int HttpServer::run(const std::atomic<bool>& stop) {
  std::signal(SIGPIPE, SIG_IGN);
  raise_open_file_limit();
  struct soap master;
  soap_init2(&master, SOAP_IO_KEEPALIVE | SOAP_XML_STRICT | SOAP_XML_TREE | SOAP_C_UTFSTRING, soapglue::kOutputMode);
  configure(&master, config_);
  if (!soap_valid_socket(soap_bind(&master, config_.listen_host.c_str(), config_.listen_port, 1024))) {
    spdlog::critical("cannot listen on {}:{}: {}", config_.listen_host, config_.listen_port,
                     master.errnum ? std::strerror(master.errnum) : "bind failed");
    release(&master);
    return 1;
  }
  Authenticator auth(pool_, std::chrono::seconds(config_.auth_cache_seconds));
  ConnectionQueue queue(static_cast<std::size_t>(config_.workers) * 2);
  IdleConnections idle(queue, {std::chrono::seconds(config_.recv_timeout), std::chrono::seconds(config_.transfer_timeout),
                               master.recv_maxlength});
  RateLimiter limits(config_.rate_limits);
  std::vector<std::unique_ptr<Worker>> workers;
  for (int i = 0; i < config_.workers; ++i)
    workers.push_back(std::make_unique<Worker>(&master, config_, pool_, auth, idle, limits, i));
  const std::size_t loop_count = std::min<std::size_t>(event_loops(config_), workers.size());
  const std::size_t per_loop = (workers.size() + loop_count - 1) / loop_count;
  std::vector<std::unique_ptr<FiberLoop>> loops;
  for (std::size_t first = 0; first < workers.size(); first += per_loop) {
    const std::size_t count = std::min(per_loop, workers.size() - first);
    loops.push_back(std::make_unique<FiberLoop>(queue, count, [&workers, first](std::size_t fiber, Accepted conn) {
      workers[first + fiber]->serve(std::move(conn));
    }));
  }
  const EventsFiguresReader events(pool_);
  report_gauges(pool_, idle, queue, workers, events);
  std::vector<std::thread> threads;
  for (auto& loop : loops)
    threads.emplace_back([this, l = loop.get()] { run_loop(*l, config_.db_shared, pool_); });
  spdlog::info("serving http://{}:{}{} with {} workers on {} threads", config_.listen_host, config_.listen_port,
               kServicePath, config_.workers, loops.size());
  while (!stop.load()) {
    const SOAP_SOCKET sock = soap_accept(&master);
    if (!soap_valid_socket(sock)) {  // accept_timeout: look at `stop` again
      // Out of descriptors the listening socket stays ready: do not spin on it.
      if (master.errnum == EMFILE || master.errnum == ENFILE) std::this_thread::sleep_for(std::chrono::milliseconds(100));
      continue;
    }
    queue.push({sock, master.host, -1, {}});
  }
  // New connections are refused from now on, not left waiting.
  soap_closesock(&master);
  if (soap_valid_socket(master.master)) {
    ::close(master.master);
    master.master = SOAP_INVALID_SOCKET;
  }
  spdlog::info("stopping: finishing requests in progress (at most {} s)", config_.stop_grace);
  Metrics::global().clear_gauges();  // what they read goes away with this function
  idle.stop();  // closes the idle connections; a request already queued is still served
  for (auto& loop : loops) loop->stop();
  for (auto& w : workers) w->interrupt();
  if (!loops_end_within(threads, std::chrono::seconds(config_.stop_grace))) {
    std::string busy;
    for (auto& w : workers)
      if (w->busy()) busy += " " + w->tag();
    spdlog::error("stop: requests still running after {} s, exiting anyway; busy workers:{}", config_.stop_grace,
                  busy.empty() ? " (none: waiting on the database or a client)" : busy);
    AccessLog::global().stop();  // the lines of the requests that did end
    spdlog::shutdown();
    std::_Exit(1);  // the threads cannot be joined; the database rolls back what they had begun
  }
  AccessLog::global().stop();
  release(&master);
  return 0;
}

}  // namespace partnerapi::server
