#pragma once
// The admin commands that change the database in one transaction (partners,
// logins, onboarding a vendor or a franchisee): each is declared once, as a
// subcommand with its options and what it does.
#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

#include "partnerapi/db/session.h"

namespace partnerapi::server {

class TransactionCommands {
 public:
  explicit TransactionCommands(CLI::App& app);
  // Runs the subcommand given, if it is one of these, in one transaction on
  // `conninfo`, committed when it succeeds; false when it is not one of these.
  bool run(const std::string& conninfo);

 private:
  struct Command {
    CLI::App* subcommand;
    std::function<void(db::Session&)> run;
  };
  CLI::App* add(CLI::App& app, const char* name, const char* what, std::function<void(db::Session&)> run);

  std::vector<Command> commands_;
  std::string name_, login_, partner_, line_, start_, end_, number_, role_;
  std::vector<std::string> roles_, regions_;
  bool undo_ = false;
};

}  // namespace partnerapi::server
