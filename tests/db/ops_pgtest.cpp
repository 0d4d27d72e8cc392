#include <functional>
#include <set>

#include "db_fixture.h"
#include "partnerapi/api_error.h"
#include "partnerapi/db/logins.h"
#include "partnerapi/password.h"

using namespace partnerapi;

TEST_F(DbTest, OperationTableHasAll71OperationsOnce) {
  EXPECT_EQ(ops::operations().size(), 71u);
  for (const auto& op : ops::operations()) EXPECT_EQ(ops::find_operation(op.name), &op);
  EXPECT_NE(ops::find_operation("client_ITS_status_For_INN"), nullptr);
}

TEST_F(DbTest, PartnerReadIsTheCurrentPartnerAndRefusesOthers) {
  auto ctx = as("partner:demo");
  const auto& t = table(run(ctx, "partner_read", {}));
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(*t.at(0, 0), uid_of("partner:demo").str());
  const std::string other = uid_of("partner:demo2").str();
  EXPECT_EQ(code_of([&] { run(ctx, "partner_read", {{"partner_id", &other}}); }), code::kNotFound);
}

TEST_F(DbTest, RegionReadListsThePartnersRegions) {
  auto demo = as("partner:demo");
  const auto& all = table(run(demo, "region_read", {}));
  EXPECT_GE(all.size(), 50u);
  const auto& partner_regions = table(run(demo, "partner_region_read", {}));
  EXPECT_EQ(all.size(), partner_regions.size());
  const std::string moscow = uid_of("region:Москва").str();
  const auto& one = table(run(demo, "region_read", {{"region_id", &moscow}}));
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(*one.at(0, 1), "Москва");
  EXPECT_EQ(*one.at(0, 2), "Europe/Moscow");
}

TEST_F(DbTest, FixedListsOfTheSpecification) {
  auto ctx = as("partner:demo");
  EXPECT_EQ(table(run(ctx, "pay_method_type_read", {})).size(), 5u);
  EXPECT_EQ(table(run(ctx, "call_status_type_read", {})).size(), 8u);
  EXPECT_EQ(table(run(ctx, "remote_status_type_read", {})).size(), 3u);
  const auto& access = table(run(ctx, "remote_access_type_read", {}));
  ASSERT_EQ(access.size(), 2u);
  EXPECT_EQ(*access.at(0, 0), "1");
  EXPECT_EQ(*access.at(1, 1), "Основное средство");
  const auto& pay = table(run(ctx, "pay_method_type_read", {}));
  EXPECT_EQ(*pay.at(4, 1), "Оплата за 12 месяцев");
  const auto& types = table(run(ctx, "contact_type_read", {}));
  std::set<std::string> codes;
  for (std::size_t i = 0; i < types.size(); ++i) codes.insert(*types.at(i, 2));
  EXPECT_EQ(codes, (std::set<std::string>{"1", "2", "3"}));
}

TEST_F(DbTest, PartnerContactEditCutsAt500AndOverwrites) {
  auto ctx = as("partner:demo");
  const std::string region = uid_of("region:Москва").str(), type = uid_of("contact_type:partner_site").str();
  std::string long_view;
  for (int i = 0; i < 600; ++i) long_view += "я";
  const auto& t = table(run(ctx, "partner_contact_edit",
                            {{"region_id", &region}, {"contact_type_id", &type}, {"contact_view", &long_view}}));
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(*t.at(0, 3), long_view.substr(0, 1000));  // 500 two-byte characters
  const std::string again = "https://demo.example";
  run(ctx, "partner_contact_edit", {{"region_id", &region}, {"contact_type_id", &type}, {"contact_view", &again}});
  const auto& read = table(run(ctx, "partner_contact_read", {{"region_id", &region}, {"contact_type_id", &type}}));
  ASSERT_EQ(read.size(), 1u);
  EXPECT_EQ(*read.at(0, 3), again);
}

TEST_F(DbTest, PartnerContactEditRefusesWrongTypeAndRegion) {
  auto ctx = as("partner:demo");
  const std::string moscow = uid_of("region:Москва").str(), estonia = uid_of("region:Эстония").str();
  const std::string client_type = uid_of("contact_type:client_address").str();
  const std::string phone = uid_of("contact_type:partner_phone").str(), view = "x";
  EXPECT_EQ(code_of([&] {
              run(ctx, "partner_contact_edit",
                  {{"region_id", &moscow}, {"contact_type_id", &client_type}, {"contact_view", &view}});
            }),
            code::kInvalidContactType);
  EXPECT_EQ(code_of([&] {
              run(ctx, "partner_contact_edit", {{"region_id", &estonia}, {"contact_type_id", &phone}, {"contact_view", &view}});
            }),
            code::kNotFound);
  EXPECT_EQ(code_of([&] { run(ctx, "partner_contact_edit", {{"region_id", &moscow}, {"contact_type_id", &phone}}); }),
            code::kRequired);
}

TEST_F(DbTest, PartnerContactReadFiltersAndChecksTheType) {
  auto ctx = as("partner:demo");
  const auto& all = table(run(ctx, "partner_contact_read", {}));
  EXPECT_GE(all.size(), 4u);
  for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(*all.at(i, 0), uid_of("partner:demo").str());
  const std::string user_type = uid_of("contact_type:user_email").str();
  EXPECT_EQ(code_of([&] { run(ctx, "partner_contact_read", {{"contact_type_id", &user_type}}); }),
            code::kInvalidContactType);
}

TEST_F(DbTest, RolesAndRegionsOfThePartner) {
  auto ctx = as("partner:demo");
  const auto& roles = table(run(ctx, "partner_role_read", {}));
  EXPECT_EQ(roles.size(), 4u);
  auto ctx2 = as("partner:demo2");
  EXPECT_EQ(table(run(ctx2, "partner_role_read", {})).size(), 2u);
  EXPECT_EQ(table(run(ctx2, "partner_region_read", {})).size(), 6u);
}

TEST_F(DbTest, LoginsAddAndChangePassword) {
  const Uid p = db::add_partner(db(), "ООО Тест");
  db::set_login(db(), "tester", p, "first");
  auto rec = db::find_login(db(), "tester");
  ASSERT_TRUE(rec);
  EXPECT_EQ(rec->partner_id, p.str());
  EXPECT_TRUE(password::verify("first", rec->password_hash));
  EXPECT_TRUE(db::set_password(db(), "tester", "second"));
  EXPECT_TRUE(password::verify("second", db::find_login(db(), "tester")->password_hash));
  EXPECT_FALSE(db::set_password(db(), "nobody", "x"));
}
