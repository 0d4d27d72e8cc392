// The refusal table: every operation's refusals stand on a ground, and
// docs/refusals.md is what the declarations print (it cannot drift).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "partnerapi/ops/refusals.h"

namespace partnerapi::ops {
namespace {

TEST(Refusals, DocsRefusalsIsWhatTheDeclarationsPrint) {
  std::ifstream in(PARTNERAPI_SOURCE_DIR "/docs/refusals.md");
  ASSERT_TRUE(in) << "docs/refusals.md is missing";
  std::stringstream committed;
  committed << in.rdbuf();
  EXPECT_TRUE(committed.str() == refusal_table())
      << "docs/refusals.md differs from the declarations: run build/src/partnerapi refusals > docs/refusals.md";
}

TEST(Refusals, EveryOperationRefusesOnlyWithCodesOfTheTableAndSaysWhy) {
  for (const auto& op : operations()) {
    for (const auto& r : refusals_of(op)) {
      const bool known = std::any_of(std::begin(kFaultCodes), std::end(kFaultCodes),
                                     [&](const FaultCode* c) { return r.code == *c; });
      EXPECT_TRUE(known) << op.name << ": " << r.code;
      EXPECT_FALSE(r.when.empty()) << op.name << ": " << r.code;
      EXPECT_FALSE(r.why.empty()) << op.name << ": " << r.code;
    }
  }
}

TEST(Refusals, AnOperationsRulesAreInItsRowsAndItsOperandsImplyTheirs) {
  const OperationSpec* add = find_operation("service_add");
  ASSERT_NE(add, nullptr);
  EXPECT_TRUE(may_refuse(*add, "NO_PERMISSION"));
  EXPECT_TRUE(may_refuse(*add, "AGENT_NOT_OF_CLIENT"));
  EXPECT_TRUE(may_refuse(*add, "REQUIRED")) << "client_id is required";
  EXPECT_TRUE(may_refuse(*add, "INVALID_ID"));
  EXPECT_TRUE(may_refuse(*add, "UNAUTHORIZED")) << "any call";
  EXPECT_FALSE(may_refuse(*add, "INVALID_REG_NUM"));
  const OperationSpec* region = find_operation("region_read");
  ASSERT_NE(region, nullptr);
  EXPECT_FALSE(may_refuse(*region, "REQUIRED")) << "region_read has no required operand";
  EXPECT_FALSE(may_refuse(*region, "DUPLICATE")) << "a read races for no unique value";
}

TEST(Refusals, EveryCodeIsDeclaredOnceWithItsSide) {
  for (const FaultCode* c : kFaultCodes) {
    const auto same = std::count_if(std::begin(kFaultCodes), std::end(kFaultCodes),
                                    [&](const FaultCode* d) { return *c == *d; });
    EXPECT_EQ(same, 1) << c->name;
  }
  EXPECT_EQ(code::kUnavailable.side, FaultSide::Server);
  EXPECT_EQ(code::kInternal.side, FaultSide::Server);
  EXPECT_EQ(ApiError(code::kUnavailable).what(), std::string(code::kUnavailable.message));
}

}  // namespace
}  // namespace partnerapi::ops
