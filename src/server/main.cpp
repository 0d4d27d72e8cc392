// partnerapi: the PartnerAPI SOAP server and its admin commands.
#include <CLI/CLI.hpp>
#ifdef PARTNERAPI_TCMALLOC
#include <gperftools/malloc_extension.h>
#else
#include <malloc.h>
#endif
#include <pthread.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "admin_commands.h"
#include "aside_pool.h"
#include "config.h"
#include "http_server.h"
#include "operation_settings.h"
#include "partnerapi/db/agent_passwords.h"
#include "partnerapi/db/events_import.h"
#include "partnerapi/db/its_registry.h"
#include "partnerapi/db/migrations.h"
#include "partnerapi/db/pool.h"
#include "partnerapi/ops/refusals.h"

using namespace partnerapi;

namespace {

server::Config config_or_die(const std::string& path) {
  auto c = server::load_config(path);
  if (c.db.empty()) throw std::runtime_error("no database: set db in the config or PARTNERAPI_DB");
  spdlog::set_level(spdlog::level::from_str(c.log_level));
  return c;
}

// SIGINT/SIGTERM are taken by one thread, so a stop is a flag, not a handler.
// A second one ends the process at once, whatever is still running.
std::thread signal_watcher(std::atomic<bool>& stop) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return std::thread([set, &stop] {
    int sig = 0;
    sigwait(&set, &sig);
    spdlog::info("signal {}: shutting down (a second signal ends it at once)", sig);
    stop = true;
    sigwait(&set, &sig);
    // The main thread may be ending already, its objects (the logger among
    // them) destroyed: a raw write, then out, touching nothing of theirs.
    static constexpr char kNow[] = "second signal: exiting now\n";
    [[maybe_unused]] const auto written = ::write(STDERR_FILENO, kNow, sizeof kNow - 1);
    std::_Exit(1);
  });
}

// Every PostgreSQL connection, pooled or shared, gives up connecting after
// this: a server that accepts and then stalls (one shutting down) does not
// hold a request for ever. A value already in the environment wins; libpq's
// own connections (the migrations) take it from there too.
std::chrono::seconds bound_connect_time(int seconds) {
  ::setenv("PGCONNECT_TIMEOUT", std::to_string(seconds).c_str(), 0);
  const int given = std::atoi(std::getenv("PGCONNECT_TIMEOUT"));
  return std::chrono::seconds(given > 0 ? given : seconds);
}

// Buffers of large answers (a 10,000-row table is megabytes) go back to the
// system when freed, not kept: memory returns after a burst of them.
void configure_allocator() {
#ifdef PARTNERAPI_TCMALLOC
  if (!MallocExtension::instance()->SetNumericProperty("tcmalloc.aggressive_memory_decommit", 1))
    spdlog::warn("tcmalloc: aggressive decommit not available; freed memory is kept for reuse");
#else
  mallopt(M_ARENA_MAX, 2);  // many threads, few arenas: memory stays flat
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
}

// Plain passwords (rows older than the encryption, the demo data) sealed
// under the ring's first key, before any request reads them.
void seal_plain_passwords(const server::Config& c, const sealed::Keyring& keys) {
  const auto n = db::seal_agent_passwords(c.db, keys, false).sealed;
  if (n > 0) spdlog::info("sealed {} plain agent password(s) under key {}", n, keys.sealing_id());
}

int serve(const server::Config& c, bool migrate, bool demo) {
  auto settings = server::operation_settings(c);  // a missing key stops the start here
  if (migrate) db::migrate(c.db);
  if (demo) db::load_demo(c.db);
  seal_plain_passwords(c, *settings.agent_keys);
  ops::configure(std::move(settings));
  mail::global_init();
  configure_allocator();
  const auto connect_timeout = bound_connect_time(c.db_connect_timeout);
  server::AsidePool::set_size(static_cast<std::size_t>(c.aside_threads));
  std::atomic<bool> stop{false};
  auto watcher = signal_watcher(stop);
  watcher.detach();
  db::Pool pool(c.db, static_cast<std::size_t>(c.db_pool), connect_timeout);
  return server::HttpServer(c, pool).run(stop);
}

// A progress line on a terminal (standard error), at most a few times a second.
std::function<void(std::uint64_t)> progress_line(std::uint64_t total) {
  if (!isatty(STDERR_FILENO)) return {};
  auto last = std::make_shared<std::chrono::steady_clock::time_point>();
  return [total, last](std::uint64_t sent) {
    const auto now = std::chrono::steady_clock::now();
    if (now - *last < std::chrono::milliseconds(200) && sent != total) return;
    *last = now;
    const auto mb = [](std::uint64_t bytes) { return static_cast<double>(bytes) / 1e6; };
    if (total > 0)
      std::fprintf(stderr, "\r%.1f / %.1f MB (%3.0f%%)", mb(sent), mb(total), 100.0 * mb(sent) / mb(total));
    else
      std::fprintf(stderr, "\r%.1f MB", mb(sent));
  };
}

// A file to import, or standard input for "-", with its size when known.
class Input {
 public:
  explicit Input(const std::string& path) {
    if (path == "-") return;
    file_.open(path, std::ios::binary);
    if (!file_) throw std::runtime_error("cannot open " + path);
    std::error_code ec;
    const auto bytes = std::filesystem::file_size(path, ec);
    size_ = ec ? 0 : bytes;
    in_ = &file_;
  }
  std::istream& stream() { return *in_; }
  std::uint64_t size() const { return size_; }  // 0: unknown (standard input)

 private:
  std::ifstream file_;
  std::istream* in_ = &std::cin;
  std::uint64_t size_ = 0;
};

// Imports the 1C:ITS registry from a CSV file, or standard input for "-".
int import_its(const server::Config& c, const std::string& path, bool replace) {
  Input input(path);
  db::ItsImport options;
  options.replace = replace;
  options.progress = progress_line(input.size());
  const auto r = db::import_its_registry(c.db, input.stream(), options);
  if (options.progress) std::fputc('\n', stderr);
  std::cout << "imported " << r.rows_in_file << " line(s), " << r.rows_stored << " registry row(s) stored\n";
  return 0;
}

// Imports statistics events (CSV with a header, or NDJSON) by their IDs.
int import_events(const server::Config& c, const std::string& kind_name, const std::string& path) {
  const auto kind = db::event_kind(kind_name);
  if (!kind) throw std::runtime_error("--kind must be calls, remote, sip or chat, not " + kind_name);
  Input input(path);
  db::EventsImport options;
  options.progress = progress_line(input.size());
  const auto r = db::import_events(c.db, *kind, input.stream(), options);
  if (options.progress) std::fputc('\n', stderr);
  std::cout << r.records << " record(s): " << r.inserted << " new, " << r.updated << " corrected, " << r.unchanged
            << " unchanged\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // Logs go to standard error; standard output carries command results only.
  spdlog::set_default_logger(
      std::make_shared<spdlog::logger>("", std::make_shared<spdlog::sinks::stderr_color_sink_mt>()));
  CLI::App app{"PartnerAPI SOAP server"};
  app.require_subcommand(1);
  std::string config_path;
  app.add_option("-c,--config", config_path, "TOML configuration file")->check(CLI::ExistingFile);

  bool migrate = false, demo = false;
  auto* serve_cmd = app.add_subcommand("serve", "serve SOAP requests until SIGTERM/SIGINT");
  serve_cmd->add_flag("--migrate", migrate, "apply migrations first");
  serve_cmd->add_flag("--demo", demo, "load the demo data first");
  auto* migrate_cmd = app.add_subcommand("migrate", "apply database migrations");
  auto* demo_cmd = app.add_subcommand("demo", "load the demo data (idempotent)");
  server::TransactionCommands transaction_commands(app);
  std::string csv_path;
  bool replace = false;
  auto* its_cmd = app.add_subcommand("its-import", "import the 1C:ITS registry from CSV (reg_num,inn,level,"
                                                   "date_from,date_to with a header line), in one transaction");
  its_cmd->add_option("--file", csv_path, "CSV file, or - for standard input")->required();
  its_cmd->add_flag("--replace", replace, "remove registry rows the file does not hold");
  std::string event_kind;
  auto* events_cmd = app.add_subcommand("events-import", "import statistics events (CSV with a header line, or "
                                                         "NDJSON) by event ID, in one transaction");
  events_cmd->add_option("--kind", event_kind, "calls, remote, sip or chat")->required();
  events_cmd->add_option("--file", csv_path, "the file, or - for standard input")->required();
  std::string key_id;
  auto* key_new_cmd = app.add_subcommand("agent-key-new", "print a new key ring entry for agents' passwords");
  key_new_cmd->add_option("--id", key_id, "the key's id (1-32 of A-Z a-z 0-9 . _ -)")->required();
  auto* refusals_cmd = app.add_subcommand("refusals", "print what each operation refuses and why "
                                                     "(Markdown: docs/refusals.md)");
  auto* rotate_cmd = app.add_subcommand("agent-keys-rotate", "re-encrypt every agent password under the key "
                                                             "ring's first key, in one transaction");
  CLI11_PARSE(app, argc, argv);

  try {
    if (*refusals_cmd) {
      std::cout << ops::refusal_table();
      return 0;
    }
    if (*key_new_cmd) {
      std::cout << sealed::Keyring::new_entry(key_id) << "\n";
      return 0;
    }
    const auto c = config_or_die(config_path);
    if (*serve_cmd) return serve(c, migrate, demo);
    if (*migrate_cmd) {
      std::cout << "applied " << db::migrate(c.db) << " migration(s)\n";
      return 0;
    }
    if (*demo_cmd) {
      db::load_demo(c.db);
      seal_plain_passwords(c, server::agent_keys(c));
      return 0;
    }
    if (*rotate_cmd) {
      const auto keys = server::agent_keys(c);
      const auto r = db::seal_agent_passwords(c.db, keys, true);
      std::cout << "under key " << keys.sealing_id() << ": " << r.rotated << " password(s) re-encrypted, " << r.sealed
                << " plain one(s) encrypted\n";
      return 0;
    }
    if (*its_cmd) return import_its(c, csv_path, replace);
    if (*events_cmd) return import_events(c, event_kind, csv_path);
    if (transaction_commands.run(c.db)) return 0;
    throw std::logic_error("a subcommand without an action");
  } catch (const std::exception& e) {
    spdlog::critical("{}", e.what());
    return 1;
  }
}
