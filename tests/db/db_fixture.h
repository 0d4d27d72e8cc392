#pragma once
// Database tests run on PARTNERAPI_TEST_DB (migrated, demo data loaded). Each
// test works in a transaction that is rolled back: every test starts clean.
#include <gtest/gtest.h>

#include <cstdlib>
#include <functional>
#include <memory>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "partnerapi/api_error.h"
#include "partnerapi/ops/operation.h"
#include "partnerapi/uid.h"

class DbTest : public ::testing::Test {
 protected:
  static std::string conninfo() {
    const char* v = std::getenv("PARTNERAPI_TEST_DB");
    return v ? v : "";
  }
  void SetUp() override {
    if (conninfo().empty()) GTEST_SKIP() << "PARTNERAPI_TEST_DB is not set";
    conn_ = std::make_unique<pqxx::connection>(conninfo());
    tx_ = std::make_unique<pqxx::work>(*conn_);
  }
  void TearDown() override {
    if (tx_) tx_->abort();
  }
  pqxx::work& tx() { return *tx_; }
  partnerapi::Uid uid_of(const std::string& key) {
    return *partnerapi::Uid::parse(tx().exec_params1("SELECT md5($1)::uuid::text", key)[0].c_str());
  }
  partnerapi::ops::Context as(const std::string& partner_key) { return {uid_of(partner_key), tx()}; }

 private:
  std::unique_ptr<pqxx::connection> conn_;
  std::unique_ptr<pqxx::work> tx_;
};

// Runs an operation as the server does: operands validated, then the handler.
inline partnerapi::ops::Result run(partnerapi::ops::Context& ctx, std::string_view op,
                                   std::vector<partnerapi::Field> fields) {
  const partnerapi::Request req(op, std::move(fields));
  req.validate();
  return partnerapi::ops::find_operation(op)->handler(ctx, req);
}

inline partnerapi::Table table(partnerapi::ops::Result r) { return std::get<partnerapi::Table>(std::move(r)); }

// The fault code `f` throws, or "no fault".
inline std::string code_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const partnerapi::ApiError& e) {
    return e.code();
  }
  return "no fault";
}

// The fault message `f` throws, or "no fault".
inline std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const partnerapi::ApiError& e) {
    return e.what();
  }
  return "no fault";
}
