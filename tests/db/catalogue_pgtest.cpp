// The catalogue (section 4): support lines, contracts and their permissions,
// subscriptions, competences and vendor lines: the specification's own rules
// and ours (docs/spec-notes.md). The generic contract tests cover their IDs,
// required operands and lengths.
#include <map>

#include "db_fixture.h"
#include "partnerapi/db/onboarding.h"

using namespace partnerapi;

namespace {

class CatalogueTest : public DbTest {
 protected:
  void SetUp() override {
    DbTest::SetUp();
    if (IsSkipped()) return;
    for (const char* key :
         {"service_type:common", "service_type:demo-buh", "service_type:demo-zup", "service_type:demo2-trade",
          "partner:demo", "partner:demo2", "client:romashka", "client:vasilek", "client:lopukh", "agent:romashka-anna",
          "agent:romashka-boris", "agent:vasilek-vera", "agent:lopukh-gleb", "agent:ivanov", "agent:petrova",
          "service:romashka-anna-buh", "service:romashka-boris-common", "service:topol-dina-buh",
          "contract:demo-service", "contract:demo-franchisee", "role:service", "competence:ivanov-buh",
          "competence:petrova-zup"})
      id_[key] = uid_of(key).str();
    today_ = sql1("SELECT moscow_today()::text");
  }
  const std::string& id(const std::string& key) { return id_.at(key); }
  Table call(std::string_view op, std::vector<Field> fields, const std::string& partner = "partner:demo") {
    auto ctx = as(partner);
    return table(run(ctx, op, std::move(fields)));
  }
  std::string fault(std::string_view op, std::vector<Field> fields, const std::string& partner = "partner:demo") {
    return code_of([&] { call(op, std::move(fields), partner); });
  }
  std::string day(const std::string& interval) {
    return sql1("SELECT (moscow_today() + interval '" + interval + "')::date::text");
  }
  // A new line of demo's, with a permission under its service contract.
  std::string new_line(const std::string& name = "Новая линия", bool permitted = true) {
    const std::string line = at(call("service_type_add", {{"service_type_name", &name}}), 0, "service_type_id");
    if (permitted) call("contract_service_add", {{"service_type_id", &line}});
    return line;
  }
  // service_add for Romashka's agent `agent` on `line`, served by `by` (demo by default).
  Table sell(const std::string& line, const std::string& agent, const std::string* start = nullptr,
             const std::string* end = nullptr, const std::string* by = nullptr) {
    return call("service_add", {{"client_id", &id("client:romashka")},
                                {"service_partner_id", by ? by : &id("partner:demo")},
                                {"service_start_date", start},
                                {"service_end_date", end},
                                {"agent_user_id", &agent},
                                {"service_type_id", &line}});
  }
  std::set<std::string> listed_services(const std::string& partner = "partner:demo") {
    return column_values(call("service_read", {}, partner), "service_id");
  }
  const std::string t_ = "true", f_ = "false", empty_date_ = "0001-01-01T00:00:00";
  std::string today_;
  std::map<std::string, std::string> id_;
};

}  // namespace

// ---- Support lines -------------------------------------------------------------------------

TEST_F(CatalogueTest, APartnerSeesTheCommonLinesItsOwnAndThoseItImported) {
  using S = std::set<std::string>;
  const auto demo = call("service_type_read", {});
  EXPECT_EQ(names(demo.shape().columns()),
            (std::vector<std::string>{"service_type_id", "service_type_name", "service_type_full_name", "partner_id"}));
  EXPECT_EQ(column_values(demo, "service_type_id"),
            (S{id("service_type:common"), id("service_type:demo-buh"), id("service_type:demo-zup")}));
  EXPECT_EQ(column_values(call("service_type_read", {}, "partner:demo2"), "service_type_id"),
            (S{id("service_type:common"), id("service_type:demo-buh"), id("service_type:demo2-trade")}));
  EXPECT_EQ(at(call("service_type_read", {{"service_type_id", &id("service_type:common")}}), 0, "partner_id"), "<nil>");
  EXPECT_EQ(column_values(call("service_type_read", {{"partner_id", &id("partner:demo")}}, "partner:demo2"),
                          "service_type_id"),
            S{id("service_type:demo-buh")});
}

TEST_F(CatalogueTest, OnlyAFranchiseeAddsALineAndItIsPrivate) {
  const std::string name = "Линия ЗУП Плюс", full = "Полное имя";
  const auto added = call("service_type_add", {{"service_type_name", &name}, {"service_type_full_name", &full}});
  EXPECT_EQ(at(added, 0, "partner_id"), id("partner:demo"));
  EXPECT_EQ(at(added, 0, "service_type_full_name"), full);
  EXPECT_EQ(column_values(call("service_type_read", {}, "partner:demo2"), "service_type_name").count(name), 0u);
  const std::string before = sql1("SELECT count(*) FROM service_type");
  EXPECT_EQ(fault("service_type_add", {{"service_type_name", &name}}, "partner:demo2"), code::kAccessDenied);
  EXPECT_EQ(sql1("SELECT count(*) FROM service_type"), before);
}

TEST_F(CatalogueTest, EditChangesOnlyOwnLinesAndKeepsAnOmittedFullName) {
  const std::string name = "Бухгалтерия 2.0";
  const auto edited = call("service_type_edit", {{"service_type_id", &id("service_type:demo-buh")},
                                                 {"service_type_name", &name}});
  EXPECT_EQ(at(edited, 0, "service_type_name"), name);
  EXPECT_EQ(at(edited, 0, "service_type_full_name"), "Линия консультаций по 1С:Бухгалтерии");
  EXPECT_EQ(fault("service_type_edit", {{"service_type_id", &id("service_type:demo-buh")}, {"service_type_name", &name}},
                  "partner:demo2"),
            code::kAccessDenied)
      << "an imported line is seen, not owned";
  EXPECT_EQ(fault("service_type_edit", {{"service_type_id", &id("service_type:common")}, {"service_type_name", &name}}),
            code::kAccessDenied);
  EXPECT_EQ(fault("service_type_edit", {{"service_type_id", &id("service_type:demo2-trade")}, {"service_type_name", &name}}),
            code::kNotFound);
  EXPECT_EQ(fault("service_type_delete", {{"service_type_id", &id("service_type:common")}}), code::kAccessDenied);
}

TEST_F(CatalogueTest, ALineInUseIsNotDeleted) {
  EXPECT_EQ(fault("service_type_delete", {{"service_type_id", &id("service_type:demo-buh")}}), code::kInUse)
      << "sold, and imported by demo2";
}

TEST_F(CatalogueTest, DeleteHidesTheLineEndsItsPermissionsAndCompetencesAndNothingNewUsesIt) {
  const std::string zup = id("service_type:demo-zup");
  const auto deleted = call("service_type_delete", {{"service_type_id", &zup}});
  ASSERT_EQ(deleted.size(), 1u);
  EXPECT_FALSE(column_values(call("service_type_read", {}), "service_type_id").count(zup));
  EXPECT_TRUE(column_values(call("service_type_read", {{"include_deleted", &t_}}), "service_type_id").count(zup));
  EXPECT_TRUE(call("contract_service_read", {{"service_type_id", &zup}}).empty());
  EXPECT_FALSE(column_values(call("competence_read", {}), "competence_id").count(id("competence:petrova-zup")));
  EXPECT_EQ(fault("contract_service_add", {{"service_type_id", &zup}}), code::kServiceTypeDeleted);
  EXPECT_EQ(fault("competence_add", {{"agent_partner_id", &id("agent:petrova")}, {"service_type_id", &zup}}),
            code::kServiceTypeDeleted);
  EXPECT_EQ(code_of([&] { sell(zup, id("agent:romashka-anna")); }), code::kServiceTypeDeleted);
}

// ---- Contracts and permissions -----------------------------------------------------------

TEST_F(CatalogueTest, ContractsReadWithTheirDatesRoleAndPeriodFilter) {
  const auto all = call("contract_read", {});
  EXPECT_EQ(names(all.shape().columns()),
            (std::vector<std::string>{"contract_id", "contract_start_date", "contract_end_date", "role_id"}));
  ASSERT_EQ(all.size(), 2u);
  const auto franchisee = call("contract_read", {{"contract_id", &id("contract:demo-franchisee")}});
  EXPECT_EQ(at(franchisee, 0, "contract_start_date"), "2020-01-01T00:00:00");
  EXPECT_EQ(at(franchisee, 0, "contract_end_date"), empty_date_) << "open-ended";
  EXPECT_EQ(column_values(call("contract_read", {{"role_id", &id("role:service")}}), "contract_id"),
            std::set<std::string>{id("contract:demo-service")});
  const std::string later = "2028-01-01", earlier = "2021-06-01";
  EXPECT_EQ(column_values(call("contract_read", {{"contract_start_date", &later}}), "contract_id"),
            std::set<std::string>{id("contract:demo-franchisee")})
      << "in force on or after 2028";
  EXPECT_EQ(column_values(call("contract_read", {{"contract_end_date", &earlier}}), "contract_id"),
            std::set<std::string>{id("contract:demo-franchisee")})
      << "begun by mid-2021";
  EXPECT_EQ(call("contract_read", {{"contract_end_date", &empty_date_}}).size(), 2u) << "the empty date is no bound";
}

TEST_F(CatalogueTest, PermissionsReadByContractLineAndPeriod) {
  const auto all = call("contract_service_read", {});
  EXPECT_EQ(all.size(), 3u);
  EXPECT_EQ(all.shape().key(), (std::vector<std::string>{"contract_id", "service_type_id"}));
  EXPECT_EQ(call("contract_service_read", {{"contract_id", &id("contract:demo-service")}}).size(), 2u);
  const auto buh = call("contract_service_read", {{"service_type_id", &id("service_type:demo-buh")}});
  ASSERT_EQ(buh.size(), 1u);
  EXPECT_EQ(at(buh, 0, "contract_service_end_date"), "2027-12-31T00:00:00");
  const std::string after = "2028-03-01";
  EXPECT_EQ(call("contract_service_read", {{"contract_service_start_date", &after}}).size(), 2u)
      << "the Бухгалтерия permission ends in 2027";
}

TEST_F(CatalogueTest, APermissionGoesToTheServiceContractAndAllOfTheLinesAreReturned) {
  const std::string line = new_line("Линия без разрешения", false);
  const auto one = call("contract_service_add", {{"service_type_id", &line}});
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(at(one, 0, "contract_id"), id("contract:demo-service"));
  EXPECT_EQ(at(one, 0, "contract_service_start_date"), today_ + "T00:00:00");
  EXPECT_EQ(at(one, 0, "contract_service_end_date"), empty_date_);
  // ЗУП is permitted under the franchisee contract already: both come back.
  const std::string start = "2025-02-01";
  const auto both = call("contract_service_add", {{"service_type_id", &id("service_type:demo-zup")},
                                                  {"contract_service_start_date", &start}});
  EXPECT_EQ(column_values(both, "contract_id"),
            (std::set<std::string>{id("contract:demo-service"), id("contract:demo-franchisee")}));
  const std::string too_late = "2028-06-01";
  EXPECT_EQ(fault("contract_service_add", {{"service_type_id", &line}, {"contract_service_start_date", &too_late}}),
            code::kNoContract)
      << "demo's service contract ends in 2027";
}

TEST_F(CatalogueTest, DeletingPermissionsLeavesAnEmptyTableAndNoPermission) {
  const std::string buh = id("service_type:demo-buh");
  const auto deleted = call("contract_service_delete", {{"service_type_id", &buh}});
  EXPECT_TRUE(deleted.empty());
  EXPECT_EQ(deleted.shape().width(), 4u);
  EXPECT_TRUE(call("contract_service_read", {{"service_type_id", &buh}}).empty());
  EXPECT_EQ(code_of([&] { sell(buh, id("agent:romashka-boris")); }), code::kNoPermission);
  EXPECT_TRUE(listed_services().count(id("service:romashka-anna-buh"))) << "what was sold stays";
}

// ---- Subscriptions -------------------------------------------------------------------------

TEST_F(CatalogueTest, AReadListsTheActiveSubscriptionsAPartnerSoldOrServes) {
  using S = std::set<std::string>;
  EXPECT_EQ(listed_services(), (S{id("service:romashka-anna-buh"), id("service:romashka-boris-common")}))
      << "Вера's ЗУП ended in 2024";
  EXPECT_EQ(listed_services("partner:demo2"), S{id("service:topol-dina-buh")});
  const auto anna = call("service_read", {{"service_id", &id("service:romashka-anna-buh")}});
  EXPECT_EQ(at(anna, 0, "service_end_date"), empty_date_);
  EXPECT_EQ(at(anna, 0, "agent_user_id"), id("agent:romashka-anna"));
  const std::string in_2031 = "2031-01-01";
  EXPECT_EQ(column_values(call("service_read", {{"service_start_date", &in_2031}}), "service_id"),
            S{id("service:romashka-anna-buh")})
      << "Борис's ends in 2030";
}

TEST_F(CatalogueTest, AddDefaultsToTodayOpenEndedSoldByTheCurrentPartner) {
  const std::string line = new_line();
  const auto sold = sell(line, id("agent:romashka-anna"));
  EXPECT_EQ(at(sold, 0, "sale_partner_id"), id("partner:demo"));
  EXPECT_EQ(at(sold, 0, "service_start_date"), today_ + "T00:00:00");
  EXPECT_EQ(at(sold, 0, "service_end_date"), empty_date_);
  EXPECT_TRUE(listed_services().count(at(sold, 0, "service_id")));
  EXPECT_EQ(code_of([&] { sell(line, id("agent:romashka-anna")); }), code::kDuplicate)
      << "a repeat of the very same subscription (a call whose answer was lost)";
}

TEST_F(CatalogueTest, ARenewalSoldWhileTheCurrentOneRunsIsTakenAndBothAreListed) {
  const std::string line = new_line(), anna = id("agent:romashka-anna"), in_10_days = day("10 days");
  const auto current = sell(line, anna);
  const auto renewal = sell(line, anna, &in_10_days);
  EXPECT_EQ(at(renewal, 0, "service_start_date"), in_10_days + "T00:00:00");
  const auto listed = column_values(call("service_read", {{"service_type_id", &line}}), "service_id");
  EXPECT_EQ(listed, (std::set<std::string>{at(current, 0, "service_id"), at(renewal, 0, "service_id")}));
}

TEST_F(CatalogueTest, OverlappingSubscriptionsWithAnotherServicePartnerAreTakenAndStoppingOneLeavesTheOther) {
  const std::string buh = id("service_type:demo-buh"), anna = id("agent:romashka-anna");
  const std::string demo2 = id("partner:demo2"), theirs = id("service:romashka-anna-buh");
  const auto second = sell(buh, anna, nullptr, nullptr, &demo2);
  const std::string mine = at(second, 0, "service_id");
  const auto on_buh = [&] {
    return column_values(call("service_read", {{"agent_user_id", &anna}, {"service_type_id", &buh}}), "service_id");
  };
  EXPECT_EQ(on_buh(), (std::set<std::string>{theirs, mine})) << "both, each with its own service_id";
  call("service_stop", {{"service_id", &theirs}});
  EXPECT_EQ(on_buh(), std::set<std::string>{mine});
}

TEST_F(CatalogueTest, AnEditThatWouldMakeTwoSubscriptionsTheSameIsRefused) {
  const std::string line = new_line(), anna = id("agent:romashka-anna"), in_10_days = day("10 days");
  const std::string first = at(sell(line, anna), 0, "service_id");
  const std::string second = at(sell(line, anna, &in_10_days), 0, "service_id");
  EXPECT_EQ(fault("service_edit", {{"service_id", &second}, {"service_start_date", &today_}}), code::kDuplicate);
  EXPECT_EQ(fault("service_edit", {{"service_id", &first}, {"service_start_date", &in_10_days}}), code::kDuplicate);
}

TEST_F(CatalogueTest, AddChecksTheAgentTheClientTheDatesAndThePermission) {
  const std::string line = new_line();
  EXPECT_EQ(code_of([&] { sell(line, id("agent:vasilek-vera")); }), code::kAgentNotOfClient);
  call("agent_user_delete", {{"agent_user_id", &id("agent:romashka-boris")}});
  EXPECT_EQ(code_of([&] { sell(line, id("agent:romashka-boris")); }), code::kAgentInactive);
  const std::string late = day("10 days"), early = day("5 days"), past = day("-1 day");
  EXPECT_EQ(code_of([&] { sell(line, id("agent:romashka-anna"), &late, &early); }), code::kBadDate);
  const auto ended = sell(line, id("agent:romashka-anna"), &past, &past);
  EXPECT_FALSE(listed_services().count(at(ended, 0, "service_id"))) << "an end in the past is taken: it has ended";
  const std::string unpermitted = new_line("Линия без договора", false);
  EXPECT_EQ(code_of([&] { sell(unpermitted, id("agent:romashka-anna")); }), code::kNoPermission);
  const std::string lopukh_agent = id("agent:lopukh-gleb");
  EXPECT_EQ(fault("service_add", {{"client_id", &id("client:lopukh")},
                                  {"service_partner_id", &id("partner:demo")},
                                  {"agent_user_id", &lopukh_agent},
                                  {"service_type_id", &line}}),
            code::kClientDeleted);
}

TEST_F(CatalogueTest, AnotherPartnerServesOnlyALineItHoldsAPermissionFor) {
  const std::string buh = id("service_type:demo-buh"), demo2 = id("partner:demo2");
  const auto sold = sell(buh, id("agent:romashka-boris"), nullptr, nullptr, &demo2);
  EXPECT_EQ(at(sold, 0, "service_partner_id"), demo2);
  EXPECT_TRUE(listed_services("partner:demo2").count(at(sold, 0, "service_id"))) << "the service partner sees it";
  EXPECT_EQ(column_values(call("service_read", {{"client_id", &id("client:romashka")}}, "partner:demo2"),
                          "service_id"),
            std::set<std::string>{at(sold, 0, "service_id")})
      << "and may filter by the client it serves";
  EXPECT_EQ(code_of([&] { sell(id("service_type:demo-zup"), id("agent:romashka-boris"), nullptr, nullptr, &demo2); }),
            code::kNoPermission);
}

TEST_F(CatalogueTest, EditKeepsWhatIsOmittedAndAPastEndEndsTheService) {
  const std::string service = id("service:romashka-boris-common");
  const std::string end = "2031-06-30";
  auto edited = call("service_edit", {{"service_id", &service}, {"service_end_date", &end}});
  EXPECT_EQ(at(edited, 0, "service_end_date"), "2031-06-30T00:00:00");
  EXPECT_EQ(at(edited, 0, "service_start_date"), "2024-01-01T00:00:00");
  EXPECT_EQ(at(edited, 0, "service_partner_id"), id("partner:demo"));
  edited = call("service_edit", {{"service_id", &service}, {"service_end_date", &empty_date_}});
  EXPECT_EQ(at(edited, 0, "service_end_date"), empty_date_) << "the empty date makes it open-ended";
  const std::string before_start = "2023-12-31";
  EXPECT_EQ(fault("service_edit", {{"service_id", &service}, {"service_end_date", &before_start}}), code::kBadDate);
  const std::string yesterday = day("-1 day");
  call("service_edit", {{"service_id", &service}, {"service_end_date", &yesterday}});
  EXPECT_FALSE(listed_services().count(service));
  EXPECT_EQ(fault("service_edit", {{"service_id", &id("service:topol-dina-buh")}}, "partner:demo2"), "no fault");
  EXPECT_EQ(fault("service_edit", {{"service_id", &id("service:romashka-anna-buh")},
                                   {"service_partner_id", &id("partner:demo2")}}),
            "no fault")
      << "demo2 holds a permission for Бухгалтерия from 2024-03-01: it takes over from today";
  EXPECT_EQ(fault("service_edit", {{"service_id", &id("service:romashka-anna-buh")}}, "partner:demo2"),
            code::kAccessDenied)
      << "the service partner does not change what another sold";
  EXPECT_EQ(fault("service_edit", {{"service_id", &id("service:romashka-anna-buh")},
                                   {"service_partner_id", &id("partner:demo")},
                                   {"service_start_date", &before_start}}),
            "no fault");
}

TEST_F(CatalogueTest, StopAnswersEmptyAndTheServiceLeavesTheReads) {
  const std::string service = id("service:romashka-anna-buh");
  const auto stopped = call("service_stop", {{"service_id", &service}});
  EXPECT_TRUE(stopped.empty());
  EXPECT_EQ(stopped.shape().width(), 8u);
  EXPECT_FALSE(listed_services().count(service));
  EXPECT_TRUE(call("service_stop", {{"service_id", &service}}).empty()) << "a second stop changes nothing";
  EXPECT_EQ(fault("service_edit", {{"service_id", &service}}), code::kServiceStopped);
}

TEST_F(CatalogueTest, DeletingAClientStopsItsServicesAsTheReadShows) {
  const std::string romashka = id("client:romashka");
  ASSERT_EQ(call("service_read", {{"client_id", &romashka}}).size(), 2u);
  call("client_delete", {{"client_id", &romashka}});
  EXPECT_TRUE(call("service_read", {{"client_id", &romashka}}).empty());
}

// ---- Competences ---------------------------------------------------------------------------

TEST_F(CatalogueTest, CompetencesReadByTheAgentUnderBothSpellingsLineAndPriority) {
  using S = std::set<std::string>;
  EXPECT_EQ(column_values(call("competence_read", {}), "competence_id"),
            (S{id("competence:ivanov-buh"), id("competence:petrova-zup")}));
  for (const char* spelling : {"agent_id", "agent_partner_id"})
    EXPECT_EQ(column_values(call("competence_read", {{spelling, &id("agent:ivanov")}}), "competence_id"),
              S{id("competence:ivanov-buh")})
        << spelling;
  const std::string three = "3";
  EXPECT_EQ(column_values(call("competence_read", {{"prioritet", &three}}), "competence_id"),
            S{id("competence:petrova-zup")});
  EXPECT_EQ(column_values(call("competence_read", {{"service_type_id", &id("service_type:demo-buh")}}), "prioritet"),
            S{"1"});
}

TEST_F(CatalogueTest, ACompetenceIsForAnActiveAgentOnceALinePriorityOneToFive) {
  const std::string common = id("service_type:common"), ivanov = id("agent:ivanov");
  const auto added = call("competence_add", {{"agent_partner_id", &ivanov}, {"service_type_id", &common}});
  EXPECT_EQ(at(added, 0, "prioritet"), "3");
  {
    Savepoint savepoint(tx());  // the unique violation aborts what it runs in
    db::Session& session = tx();
    EXPECT_EQ(code_of([&] {
                ops::run(session, uid_of("partner:demo"),
                         Request("competence_add", {{"agent_partner_id", &ivanov}, {"service_type_id", &common}}));
              }),
              code::kDuplicate);
  }
  for (const std::string bad : {"-1", "101"})
    EXPECT_EQ(fault("competence_add", {{"agent_partner_id", &id("agent:petrova")},
                                       {"service_type_id", &common},
                                       {"prioritet", &bad}}),
              code::kBadValue)
        << bad;
  call("agent_partner_delete", {{"agent_partner_id", &id("agent:petrova")}});
  EXPECT_EQ(fault("competence_add", {{"agent_partner_id", &id("agent:petrova")}, {"service_type_id", &common}}),
            code::kAgentInactive);
}

TEST_F(CatalogueTest, StoppingACompetenceAnswersEmptyAndItLeavesTheRead) {
  const std::string k = id("competence:ivanov-buh");
  EXPECT_TRUE(call("competence_stop", {{"competence_id", &k}}).empty());
  EXPECT_FALSE(column_values(call("competence_read", {}), "competence_id").count(k));
  // A new one on the same line may follow.
  const std::string one = "1";
  EXPECT_EQ(at(call("competence_add", {{"agent_partner_id", &id("agent:ivanov")},
                                       {"service_type_id", &id("service_type:demo-buh")},
                                       {"prioritet", &one}}),
               0, "prioritet"),
            "1");
}

// ---- Vendor lines --------------------------------------------------------------------------

TEST_F(CatalogueTest, AVendorSeesWhoImportedItsExportedLinesAndTheirClients) {
  const std::string buh = id("service_type:demo-buh");
  const auto partners = call("partner_vendor_read", {{"service_id", &buh}});
  EXPECT_EQ(names(partners.shape().columns()), (std::vector<std::string>{"partner_id", "partner_name"}));
  EXPECT_EQ(column_values(partners, "partner_id"), std::set<std::string>{id("partner:demo2")});
  EXPECT_EQ(column_values(call("partner_vendor_read", {}), "partner_id"), std::set<std::string>{id("partner:demo2")});
  EXPECT_EQ(fault("partner_vendor_read", {{"service_id", &id("service_type:demo-zup")}}), code::kAccessDenied)
      << "not exported";
  EXPECT_EQ(fault("partner_vendor_read", {{"service_id", &buh}}, "partner:demo2"), code::kAccessDenied)
      << "imported, not its own";
  EXPECT_EQ(column_values(call("client_vendor_read", {{"service_type_id", &buh}}), "client_id"),
            (std::set<std::string>{id("client:romashka"), uid_of("client:topol").str()}));
  EXPECT_EQ(column_values(call("client_vendor_read", {{"service_type_id", &buh}, {"partner_id", &id("partner:demo2")}}),
                          "client_id"),
            std::set<std::string>{uid_of("client:topol").str()});
}

// ---- Onboarding (the admin command) -----------------------------------------------------------

TEST_F(CatalogueTest, OnboardingMakesAFranchiseeThatAddsAndServesALine) {
  const Uid partner = *Uid::parse(sql1("SELECT md5('partner:demo2')::uuid::text"));
  EXPECT_THROW(db::set_roles(db(), partner, {"nobody"}), std::runtime_error);  // the command rolls it back
  EXPECT_THROW(db::set_regions(db(), partner, {"Атлантида"}), std::runtime_error);
  db::set_roles(db(), partner, {"franchisee", "service"});
  db::set_regions(db(), partner, {"Москва", "Эстония"});
  EXPECT_EQ(sql1("SELECT count(*) FROM partner_region WHERE partner_id = '" + partner.str() + "'"), "2");
  const std::string name = "Линия франчайзи";
  const std::string line = at(call("service_type_add", {{"service_type_name", &name}}, "partner:demo2"), 0,
                              "service_type_id");
  db::add_contract(db(), partner, "service", "2025-01-01", std::nullopt, "С-202");
  EXPECT_EQ(call("contract_service_add", {{"service_type_id", &line}}, "partner:demo2").size(), 1u);
  // Exported and imported by demo, the line shows in demo's read and vendor read.
  EXPECT_THROW(db::import_line(db(), *Uid::parse(line), *Uid::parse(id("partner:demo")), true), std::runtime_error)
      << "not exported yet";
  db::export_line(db(), *Uid::parse(line), true);
  db::import_line(db(), *Uid::parse(line), *Uid::parse(id("partner:demo")), true);
  EXPECT_TRUE(column_values(call("service_type_read", {}), "service_type_id").count(line));
  EXPECT_EQ(column_values(call("partner_vendor_read", {{"service_id", &line}}, "partner:demo2"), "partner_id"),
            std::set<std::string>{id("partner:demo")});
  EXPECT_THROW(db::export_line(db(), *Uid::parse(line), false), std::runtime_error) << "imported: not withdrawn";
  EXPECT_THROW(db::export_line(db(), *Uid::parse(id("service_type:common")), true), std::runtime_error);
}
