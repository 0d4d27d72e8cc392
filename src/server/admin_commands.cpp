#include "admin_commands.h"

#include <iostream>
#include <optional>
#include <stdexcept>

#include "partnerapi/db/logins.h"
#include "partnerapi/db/onboarding.h"
#include "partnerapi/db/transactions.h"
#include "partnerapi/moscow_time.h"

namespace partnerapi::server {
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
  if (value.size() != 10 || !MoscowTime::parse(value))
    throw std::runtime_error(std::string(name) + " is not a day (YYYY-MM-DD): " + value);
  return value;
}

}  // namespace

CLI::App* TransactionCommands::add(CLI::App& app, const char* name, const char* what,
                                   std::function<void(db::Session&)> run) {
  CLI::App* sub = app.add_subcommand(name, what);
  commands_.push_back({sub, std::move(run)});
  return sub;
}

TransactionCommands::TransactionCommands(CLI::App& app) {
  auto* partner = add(app, "partner-add", "add a partner; prints its UID",
                      [this](db::Session& db) { std::cout << db::add_partner(db, name_).str() << "\n"; });
  partner->add_option("--name", name_, "partner name")->required();

  auto* login = add(app, "login-add", "add or replace a login; password on standard input", [this](db::Session& db) {
    db::set_login(db, login_, uid_option("--partner", partner_), read_password());
  });
  login->add_option("--login", login_, "login name")->required();
  login->add_option("--partner", partner_, "partner UID")->required();

  auto* password = add(app, "set-password", "change a login's password; password on standard input",
                       [this](db::Session& db) {
                         if (!db::set_password(db, login_, read_password()))
                           throw std::runtime_error("no login " + login_);
                       });
  password->add_option("--login", login_, "login name")->required();

  // Onboarding a vendor or a franchisee: what the API has no operation for.
  auto* exported = add(app, "line-export", "offer a partner's own support line to other partners",
                       [this](db::Session& db) { db::export_line(db, uid_option("--line", line_), !undo_); });
  exported->add_option("--line", line_, "the line's (service type's) UID")->required();
  exported->add_flag("--withdraw", undo_, "stop offering it (no partner may have imported it)");

  auto* imported = add(app, "line-import", "let a partner use a vendor's exported line", [this](db::Session& db) {
    db::import_line(db, uid_option("--line", line_), uid_option("--partner", partner_), !undo_);
  });
  imported->add_option("--line", line_, "the exported line's UID")->required();
  imported->add_option("--partner", partner_, "the importing partner's UID")->required();
  imported->add_flag("--remove", undo_, "take the import back");

  auto* contract = add(app, "contract-add", "add a contract to a partner; prints its UID", [this](db::Session& db) {
    const auto end = end_.empty() ? std::nullopt : std::optional<std::string>(day_option("--end", end_));
    std::cout << db::add_contract(db, uid_option("--partner", partner_), role_, day_option("--start", start_), end,
                                  number_)
                     .str()
              << "\n";
  });
  contract->add_option("--partner", partner_, "the partner's UID")->required();
  contract->add_option("--role", role_, "franchisee, vendor, service or sale")->required();
  contract->add_option("--start", start_, "first day, YYYY-MM-DD")->required();
  contract->add_option("--end", end_, "last day, YYYY-MM-DD (none: open-ended)");
  contract->add_option("--number", number_, "the contract's number");

  auto* roles = add(app, "partner-roles", "set a partner's roles (replacing them)",
                    [this](db::Session& db) { db::set_roles(db, uid_option("--partner", partner_), roles_); });
  roles->add_option("--partner", partner_, "the partner's UID")->required();
  roles->add_option("--roles", roles_, "role codes: franchisee, vendor, service, sale")->delimiter(',')->required();

  auto* regions = add(app, "partner-regions", "set a partner's regions (replacing them)",
                      [this](db::Session& db) { db::set_regions(db, uid_option("--partner", partner_), regions_); });
  regions->add_option("--partner", partner_, "the partner's UID")->required();
  regions->add_option("--regions", regions_, "region UIDs or exact names")->delimiter(',')->required();
}

bool TransactionCommands::run(const std::string& conninfo) {
  for (const auto& command : commands_) {
    if (!*command.subcommand) continue;
    db::run_in_transaction(conninfo, command.run);
    return true;
  }
  return false;
}

}  // namespace partnerapi::server
