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
#include <optional>
#include <thread>
#include <vector>

#include "aside_pool.h"
#include "config.h"
#include "http_server.h"
#include "operation_settings.h"
#include "partnerapi/db/agent_passwords.h"
#include "partnerapi/db/its_registry.h"
#include "partnerapi/db/logins.h"
#include "partnerapi/db/migrations.h"
#include "partnerapi/db/onboarding.h"
#include "partnerapi/db/pool.h"
#include "partnerapi/moscow_time.h"

using namespace partnerapi;

namespace {

// A password from standard input (never from argv, which `ps` shows).
std::string read_password() {
  std::string pw;
  std::getline(std::cin, pw);
  if (!pw.empty() && pw.back() == '\r') pw.pop_back();
  if (pw.empty()) throw std::runtime_error("empty password on standard input");
  return pw;
}

Uid uid_option(const char* name, const std::string& value) {
  const auto id = Uid::parse(value);
  if (!id) throw std::runtime_error(std::string(name) + " is not a UUID: " + value);
  return *id;
}

// A day as YYYY-MM-DD, a real one (no 30 February).
std::string day_option(const char* name, const std::string& value) {
  const auto t = MoscowTime::parse(value);
  if (!t || value.size() != 10) throw std::runtime_error(std::string(name) + " is not a day (YYYY-MM-DD): " + value);
  return value;
}

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
// hold a request for ever. A value already in the environment wins.
void bound_connect_time(int seconds) { ::setenv("PGCONNECT_TIMEOUT", std::to_string(seconds).c_str(), 0); }

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
  bound_connect_time(c.db_connect_timeout);
  server::AsidePool::set_size(static_cast<std::size_t>(c.aside_threads));
  std::atomic<bool> stop{false};
  auto watcher = signal_watcher(stop);
  watcher.detach();
  db::Pool pool(c.db, static_cast<std::size_t>(c.db_pool));
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

// Imports the 1C:ITS registry from a CSV file, or standard input for "-".
int import_its(const server::Config& c, const std::string& path, bool replace) {
  db::ItsImport options;
  options.replace = replace;
  std::ifstream file;
  std::istream* in = &std::cin;
  std::uint64_t size = 0;  // unknown for standard input
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) throw std::runtime_error("cannot open " + path);
    std::error_code ec;
    const auto bytes = std::filesystem::file_size(path, ec);
    size = ec ? 0 : bytes;
    in = &file;
  }
  options.progress = progress_line(size);
  const auto r = db::import_its_registry(c.db, *in, options);
  if (options.progress) std::fputc('\n', stderr);
  std::cout << "imported " << r.rows_in_file << " line(s), " << r.rows_stored << " registry row(s) stored\n";
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
  std::string name, login, partner;
  auto* partner_cmd = app.add_subcommand("partner-add", "add a partner; prints its UID");
  partner_cmd->add_option("--name", name, "partner name")->required();
  auto* login_cmd = app.add_subcommand("login-add", "add or replace a login; password on standard input");
  login_cmd->add_option("--login", login, "login name")->required();
  login_cmd->add_option("--partner", partner, "partner UID")->required();
  auto* passwd_cmd = app.add_subcommand("set-password", "change a login's password; password on standard input");
  passwd_cmd->add_option("--login", login, "login name")->required();
  std::string csv_path;
  bool replace = false;
  auto* its_cmd = app.add_subcommand("its-import", "import the 1C:ITS registry from CSV (reg_num,inn,level,"
                                                   "date_from,date_to with a header line), in one transaction");
  its_cmd->add_option("--file", csv_path, "CSV file, or - for standard input")->required();
  its_cmd->add_flag("--replace", replace, "remove registry rows the file does not hold");
  // Onboarding a vendor or a franchisee (what the API has no operation for).
  std::string line, start, end, number, role;
  std::vector<std::string> roles, regions;
  bool undo = false;
  auto* export_cmd = app.add_subcommand("line-export", "offer a partner's own support line to other partners");
  export_cmd->add_option("--line", line, "the line's (service type's) UID")->required();
  export_cmd->add_flag("--withdraw", undo, "stop offering it (no partner may have imported it)");
  auto* import_cmd = app.add_subcommand("line-import", "let a partner use a vendor's exported line");
  import_cmd->add_option("--line", line, "the exported line's UID")->required();
  import_cmd->add_option("--partner", partner, "the importing partner's UID")->required();
  import_cmd->add_flag("--remove", undo, "take the import back");
  auto* contract_cmd = app.add_subcommand("contract-add", "add a contract to a partner; prints its UID");
  contract_cmd->add_option("--partner", partner, "the partner's UID")->required();
  contract_cmd->add_option("--role", role, "franchisee, vendor, service or sale")->required();
  contract_cmd->add_option("--start", start, "first day, YYYY-MM-DD")->required();
  contract_cmd->add_option("--end", end, "last day, YYYY-MM-DD (none: open-ended)");
  contract_cmd->add_option("--number", number, "the contract's number");
  auto* roles_cmd = app.add_subcommand("partner-roles", "set a partner's roles (replacing them)");
  roles_cmd->add_option("--partner", partner, "the partner's UID")->required();
  roles_cmd->add_option("--roles", roles, "role codes: franchisee, vendor, service, sale")->delimiter(',')->required();
  auto* regions_cmd = app.add_subcommand("partner-regions", "set a partner's regions (replacing them)");
  regions_cmd->add_option("--partner", partner, "the partner's UID")->required();
  regions_cmd->add_option("--regions", regions, "region UIDs or exact names")->delimiter(',')->required();
  std::string key_id;
  auto* key_new_cmd = app.add_subcommand("agent-key-new", "print a new key ring entry for agents' passwords");
  key_new_cmd->add_option("--id", key_id, "the key's id (1-32 of A-Z a-z 0-9 . _ -)")->required();
  auto* rotate_cmd = app.add_subcommand("agent-keys-rotate", "re-encrypt every agent password under the key "
                                                             "ring's first key, in one transaction");
  CLI11_PARSE(app, argc, argv);

  try {
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
    pqxx::connection conn(c.db);
    pqxx::work tx(conn);
    db::TxSession db(tx);
    if (*partner_cmd) {
      std::cout << db::add_partner(db, name).str() << "\n";
    } else if (*login_cmd) {
      db::set_login(db, login, uid_option("--partner", partner), read_password());
    } else if (*export_cmd) {
      db::export_line(db, uid_option("--line", line), !undo);
    } else if (*import_cmd) {
      db::import_line(db, uid_option("--line", line), uid_option("--partner", partner), !undo);
    } else if (*contract_cmd) {
      const std::optional<std::string> until = end.empty() ? std::nullopt : std::optional<std::string>(end);
      std::cout << db::add_contract(db, uid_option("--partner", partner), role, day_option("--start", start),
                                    until ? std::optional<std::string>(day_option("--end", *until)) : std::nullopt,
                                    number)
                       .str()
                << "\n";
    } else if (*roles_cmd) {
      db::set_roles(db, uid_option("--partner", partner), roles);
    } else if (*regions_cmd) {
      db::set_regions(db, uid_option("--partner", partner), regions);
    } else if (*passwd_cmd) {
      if (!db::set_password(db, login, read_password())) throw std::runtime_error("no login " + login);
    }
    tx.commit();
    return 0;
  } catch (const std::exception& e) {
    spdlog::critical("{}", e.what());
    return 1;
  }
}
