// The client operations of section 4 against the real schema and demo data.
#include <sstream>
#include <set>

#include "db_fixture.h"
#include "partnerapi/db/its_registry.h"
#include "partnerapi/db/migrations.h"
#include "partnerapi/text.h"

using namespace partnerapi;

namespace {

const char* kClientColumns[] = {"client_id",      "region_id",  "client_name",     "client_full_name",
                                "client_del",     "client_inn", "client_kpp",      "client_reg_num",
                                "pay_method_id",  "addit_attribute", "client_new_id"};

std::set<std::string> names(const Table& t) {
  std::set<std::string> out;
  for (std::size_t i = 0; i < t.size(); ++i) out.insert(at(t, i, "client_name"));
  return out;
}

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

class ClientTest : public DbTest {
 protected:
  void SetUp() override {
    DbTest::SetUp();
    if (IsSkipped()) return;
    moscow_ = uid_of("region:Москва").str();
    romashka_ = uid_of("client:romashka").str();
    vasilek_ = uid_of("client:vasilek").str();
    lopukh_ = uid_of("client:lopukh").str();
    berezka_ = uid_of("client:berezka").str();
  }
  // Adds a client of demo named `name` in Moscow, with extra operands.
  Table add(const std::string& name, std::vector<Field> extra = {}, std::string_view op = "client_add_advanced") {
    auto ctx = as("partner:demo");
    std::vector<Field> f = {{"client_name", &name}, {"region_id", &moscow_}};
    f.insert(f.end(), extra.begin(), extra.end());
    return table(run(ctx, op, f));
  }

  std::string moscow_, romashka_, vasilek_, lopukh_, berezka_;
};

}  // namespace

TEST_F(ClientTest, EveryClientOperationAnswersTheElevenColumnsOfSectionFourKeyedByClientId) {
  auto ctx = as("partner:demo");
  const std::string line = uid_of("service_type:demo-buh").str();
  std::vector<Table> tables = {
      table(run(ctx, "client_read", {})),
      table(run(ctx, "client_read_advanced", {})),
      add("Колонки"),
      table(run(ctx, "client_edit", {{"client_id", &romashka_}})),
      table(run(ctx, "client_delete", {{"client_id", &vasilek_}})),
      table(run(ctx, "client_vendor_read", {{"service_type_id", &line}})),
  };
  for (const auto& t : tables) {
    ASSERT_EQ(t.shape().width(), 11u);
    for (std::size_t i = 0; i < 11; ++i) EXPECT_EQ(t.shape().columns()[i].name, kClientColumns[i]);
    EXPECT_EQ(t.shape().key(), std::vector<std::string>{"client_id"});
    EXPECT_EQ(t.shape().columns()[4].type, ColumnType::Boolean);
    EXPECT_EQ(t.shape().columns()[8].type, ColumnType::Decimal);
  }
}

TEST_F(ClientTest, ReadShowsLiveClientsUnlessDeletedAreAskedFor) {
  auto ctx = as("partner:demo");
  const std::string f = "false", t = "true";
  EXPECT_EQ(names(table(run(ctx, "client_read", {}))), (std::set<std::string>{"Ромашка", "Василек"}));
  EXPECT_EQ(names(table(run(ctx, "client_read", {{"include_deleted", &f, FieldType::Boolean}}))),
            (std::set<std::string>{"Ромашка", "Василек"}));
  EXPECT_EQ(names(table(run(ctx, "client_read", {{"include_deleted", &t, FieldType::Boolean}}))),
            (std::set<std::string>{"Ромашка", "Василек", "Лопух"}));
  // A given client_id is answered whatever its mark.
  const auto one = table(run(ctx, "client_read", {{"client_id", &lopukh_}, {"include_deleted", &f, FieldType::Boolean}}));
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(at(one, 0, "client_del"), "true");
}

TEST_F(ClientTest, ReadValuesAreTheStoredOnes) {
  auto ctx = as("partner:demo");
  const auto t = table(run(ctx, "client_read", {{"client_id", &romashka_}}));
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(at(t, 0, "client_id"), romashka_);
  EXPECT_EQ(at(t, 0, "region_id"), moscow_);
  EXPECT_EQ(at(t, 0, "client_full_name"), "ООО «Ромашка»");
  EXPECT_EQ(at(t, 0, "client_del"), "false");
  EXPECT_EQ(at(t, 0, "client_inn"), "7701234567");
  EXPECT_EQ(at(t, 0, "client_kpp"), "770101001");
  EXPECT_EQ(at(t, 0, "client_reg_num"), "800100200");
  EXPECT_EQ(at(t, 0, "pay_method_id"), "4");
  EXPECT_EQ(at(t, 0, "addit_attribute"), "VIP");
  EXPECT_EQ(at(t, 0, "client_new_id"), uid_of("client-new:romashka").str());
}

TEST_F(ClientTest, ReadFiltersByRegionOfThePartnerOnly) {
  auto ctx = as("partner:demo");
  EXPECT_EQ(names(table(run(ctx, "client_read", {{"region_id", &moscow_}}))), (std::set<std::string>{"Ромашка"}));
  const std::string estonia = uid_of("region:Эстония").str();  // demo2's region only
  EXPECT_EQ(code_of([&] { run(ctx, "client_read", {{"region_id", &estonia}}); }), code::kNotFound);
}

TEST_F(ClientTest, ReadAdvancedFiltersByAdditionalAttribute) {
  auto ctx = as("partner:demo");
  const std::string vip = "VIP", blank = " ";
  EXPECT_EQ(names(table(run(ctx, "client_read_advanced", {{"addit_attribute", &vip}}))),
            (std::set<std::string>{"Ромашка"}));
  EXPECT_EQ(table(run(ctx, "client_read_advanced", {{"addit_attribute", &blank}})).size(), 2u);
}

TEST_F(ClientTest, AddNeedsANameAndARegionWithTheSpecificationsMessages) {
  auto ctx = as("partner:demo");
  const std::string blank = "  ", name = "Новый";
  for (auto op : {"client_add", "client_add_its", "client_add_advanced"}) {
    EXPECT_EQ(message_of([&] { run(ctx, op, {{"region_id", &moscow_}}); }),
              "Наименование добавляемого клиента не должно быть пустым");
    EXPECT_EQ(message_of([&] { run(ctx, op, {{"client_name", &blank}, {"region_id", &moscow_}}); }),
              "Наименование добавляемого клиента не должно быть пустым");
    EXPECT_EQ(message_of([&] { run(ctx, op, {{"client_name", &name}}); }), "При добавлении клиента не указан регион");
    EXPECT_EQ(code_of([&] { run(ctx, op, {{"client_name", &name}, {"region_id", &blank}}); }), code::kRequired);
  }
  const std::string estonia = uid_of("region:Эстония").str();
  EXPECT_EQ(code_of([&] { run(ctx, "client_add", {{"client_name", &name}, {"region_id", &estonia}}); }),
            code::kNotFound);
  EXPECT_EQ(sql1("SELECT count(*) FROM client WHERE name = 'Новый'"), "0");
}

TEST_F(ClientTest, AddStoresTheClientWithNewIdsAndDefaults) {
  auto t = add("Клевер");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_NE(at(t, 0, "client_id"), at(t, 0, "client_new_id"));
  EXPECT_EQ(at(t, 0, "client_del"), "false");
  EXPECT_EQ(at(t, 0, "client_full_name"), "");
  EXPECT_EQ(at(t, 0, "client_reg_num"), "");
  EXPECT_EQ(at(t, 0, "pay_method_id"), "2");
  auto ctx = as("partner:demo");
  const std::string id = at(t, 0, "client_id");
  const auto back = table(run(ctx, "client_read", {{"client_id", &id}}));
  EXPECT_EQ(at(back, 0, "client_new_id"), at(t, 0, "client_new_id"));
  EXPECT_EQ(at(back, 0, "client_name"), "Клевер");
}

TEST_F(ClientTest, RegistrationNumberIsCheckedAtBothEdgesOfTheRangeAndByPrefix) {
  for (std::string ok : {"500000", "999999999999", "ВО-12", "BO-12", "bo12", "FR12345", "fr1", " 600000 "}) {
    auto t = add("Рег " + ok, {{"client_reg_num", &ok}});
    EXPECT_EQ(at(t, 0, "client_reg_num"), std::string(text::trim(ok))) << ok;
  }
  auto ctx = as("partner:demo");
  const std::string name = "Плохой";
  for (std::string bad : {"499999", "1000000000000", "12AB", "ВХ123", "-500000", "5000 00", "RF1"}) {
    for (auto op : {"client_add_its", "client_add_advanced"}) {
      EXPECT_EQ(message_of([&] {
                  run(ctx, op, {{"client_name", &name}, {"region_id", &moscow_}, {"client_reg_num", &bad}});
                }),
                "Не корректный регистрационный номер")
          << bad;
      EXPECT_EQ(code_of([&] {
                  run(ctx, op, {{"client_name", &name}, {"region_id", &moscow_}, {"client_reg_num", &bad}});
                }),
                "INVALID_REG_NUM");
    }
    for (auto op : {"client_edit_its", "client_edit_advanced"})
      EXPECT_EQ(code_of([&] { run(ctx, op, {{"client_id", &romashka_}, {"client_reg_num", &bad}}); }),
                "INVALID_REG_NUM");
  }
  EXPECT_EQ(sql1("SELECT reg_num FROM client WHERE id = md5('client:romashka')::uuid"), "800100200");
}

TEST_F(ClientTest, PayMethodDefaultsToYearlyWithAnItsContractInForce) {
  tx().sql("INSERT INTO its_registry (reg_num, inn, level, date_from, date_to) VALUES "
             "('777000111', '5001112223', 1, '2020-01-01', NULL), "
             "('777000222', '5001112223', 2, '2020-01-01', '2021-01-01')");
  std::string reg = "777000111", inn = "5001112223", other_inn = "5009999999", expired = "777000222",
              unknown = "777000333";
  EXPECT_EQ(at(add("С ИТС", {{"client_reg_num", &reg}, {"client_inn", &inn}}, "client_add_its"), 0, "pay_method_id"),
            "4");
  EXPECT_EQ(at(add("Чужой ИНН", {{"client_reg_num", &reg}, {"client_inn", &other_inn}}), 0, "pay_method_id"), "2");
  EXPECT_EQ(at(add("Истек", {{"client_reg_num", &expired}, {"client_inn", &inn}}), 0, "pay_method_id"), "2");
  EXPECT_EQ(at(add("Нет в базе", {{"client_reg_num", &unknown}}), 0, "pay_method_id"), "2");
  EXPECT_EQ(at(add("Без номера", {}, "client_add"), 0, "pay_method_id"), "2");
  std::string three = "3";
  EXPECT_EQ(at(add("Полгода", {{"client_reg_num", &reg}, {"client_inn", &inn}, {"pay_method_type_id", &three,
                                                                               FieldType::Integer}}),
               0, "pay_method_id"),
            "3");
}

TEST_F(ClientTest, PayMethodMustBeOneOfTheFixedList) {
  auto ctx = as("partner:demo");
  const std::string name = "Оплата";
  for (std::string bad : {"5", "-1", "99999999999"}) {
    EXPECT_EQ(code_of([&] {
                run(ctx, "client_add_its", {{"client_name", &name}, {"region_id", &moscow_},
                                            {"pay_method_type_id", &bad, FieldType::Integer}});
              }),
              code::kBadValue)
        << bad;
    EXPECT_EQ(code_of([&] {
                run(ctx, "client_edit_its", {{"client_id", &romashka_}, {"pay_method_type_id", &bad, FieldType::Integer}});
              }),
              code::kBadValue);
  }
  std::string zero = "0";
  EXPECT_EQ(at(table(run(ctx, "client_edit_its", {{"client_id", &romashka_}, {"pay_method_type_id", &zero,
                                                                               FieldType::Integer}})),
               0, "pay_method_id"),
            "0");
}

TEST_F(ClientTest, EditLeavesOmittedFieldsClearsOnEmptyAndAlwaysReplacesAGivenName) {
  auto ctx = as("partner:demo");
  const std::string name = "Ромашка-2";
  auto t = table(run(ctx, "client_edit", {{"client_id", &romashka_}, {"client_name", &name}}));
  EXPECT_EQ(at(t, 0, "client_name"), "Ромашка-2");
  EXPECT_EQ(at(t, 0, "client_inn"), "7701234567");
  EXPECT_EQ(at(t, 0, "client_kpp"), "770101001");
  EXPECT_EQ(at(t, 0, "client_full_name"), "ООО «Ромашка»");
  EXPECT_EQ(at(t, 0, "region_id"), moscow_);
  const std::string empty;
  t = table(run(ctx, "client_edit",
                {{"client_id", &romashka_}, {"client_inn", &empty}, {"client_kpp", &empty}, {"client_full_name", &empty}}));
  EXPECT_EQ(at(t, 0, "client_name"), "Ромашка-2");
  EXPECT_EQ(at(t, 0, "client_inn"), "");
  EXPECT_EQ(at(t, 0, "client_kpp"), "");
  EXPECT_EQ(at(t, 0, "client_full_name"), "");
  EXPECT_EQ(at(t, 0, "client_reg_num"), "800100200");
  EXPECT_EQ(at(t, 0, "addit_attribute"), "VIP");
  // _advanced clears the reg number and the attribute with "" too.
  t = table(run(ctx, "client_edit_advanced", {{"client_id", &romashka_}, {"client_reg_num", &empty},
                                              {"addit_attribute", &empty}}));
  EXPECT_EQ(at(t, 0, "client_reg_num"), "");
  EXPECT_EQ(at(t, 0, "addit_attribute"), "");
  EXPECT_EQ(at(t, 0, "client_new_id"), uid_of("client-new:romashka").str());
  EXPECT_EQ(at(t, 0, "pay_method_id"), "4");
}

TEST_F(ClientTest, EditCutsChangesRegionAndRefusesAnEmptyName) {
  auto ctx = as("partner:demo");
  const std::string spb = uid_of("region:Санкт-Петербург").str(), long_name = repeat("ё", 51), blank = " ";
  auto t = table(run(ctx, "client_edit_its", {{"client_id", &romashka_}, {"client_name", &long_name}, {"region_id", &spb}}));
  EXPECT_EQ(at(t, 0, "client_name"), repeat("ё", 50));
  EXPECT_EQ(at(t, 0, "region_id"), spb);
  EXPECT_EQ(message_of([&] { run(ctx, "client_edit", {{"client_id", &romashka_}, {"client_name", &blank}}); }),
            "Наименование добавляемого клиента не должно быть пустым");
  for (auto op : {"client_edit", "client_edit_its", "client_edit_advanced"})
    EXPECT_EQ(message_of([&] { run(ctx, op, {{"client_name", &long_name}}); }),
              "При изменении клиентов необходимо указать ссылку на изменяемого клиента");
  const std::string estonia = uid_of("region:Эстония").str();
  EXPECT_EQ(code_of([&] { run(ctx, "client_edit", {{"client_id", &romashka_}, {"region_id", &estonia}}); }),
            code::kNotFound);
}

TEST_F(ClientTest, DeleteCascadesToUsersAgentsAndSubscriptionsAndASecondCallRestoresTheClientOnly) {
  auto ctx = as("partner:demo");
  // Romashka: two users, two active agents, two subscriptions.
  auto t = table(run(ctx, "client_delete", {{"client_id", &romashka_}}));
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(at(t, 0, "client_del"), "true");
  const std::string of = " WHERE client_id = md5('client:romashka')::uuid";
  EXPECT_EQ(sql1("SELECT bool_and(deleted) FROM client_user" + of), "t");
  EXPECT_EQ(sql1("SELECT bool_or(active) FROM agent" + of), "f");
  EXPECT_EQ(sql1("SELECT bool_and(stopped) FROM service" + of), "t");
  EXPECT_EQ(sql1("SELECT count(*) FROM client_user" + of), "2");
  // Other clients are untouched.
  EXPECT_EQ(sql1("SELECT bool_or(deleted) FROM client_user WHERE client_id = md5('client:vasilek')::uuid"), "f");
  EXPECT_EQ(sql1("SELECT bool_and(active) FROM agent WHERE client_id = md5('client:vasilek')::uuid"), "t");

  t = table(run(ctx, "client_delete", {{"client_id", &romashka_}}));
  EXPECT_EQ(at(t, 0, "client_del"), "false");
  EXPECT_EQ(sql1("SELECT bool_and(deleted) FROM client_user" + of), "t");
  EXPECT_EQ(sql1("SELECT bool_or(active) FROM agent" + of), "f");
  EXPECT_EQ(sql1("SELECT bool_and(stopped) FROM service" + of), "t");
  EXPECT_EQ(code_of([&] { run(ctx, "client_delete", {}); }), code::kRequired);
}

TEST_F(ClientTest, ContactsTakeClientTypesOnlyCutAt500AndOverwrite) {
  auto ctx = as("partner:demo");
  const std::string address = uid_of("contact_type:client_address").str();
  auto t = table(run(ctx, "client_contact_read", {}));
  ASSERT_EQ(t.size(), 1u);  // demo's clients: Romashka's address only (Topol is demo2's)
  EXPECT_EQ(t.shape().key(), (std::vector<std::string>{"client_id", "contact_type_id"}));
  EXPECT_EQ(t.at(0, 2).value(), "Москва, ул. Цветочная, 1");
  const std::string view = repeat("д", 501);
  t = table(run(ctx, "client_contact_edit", {{"client_id", &vasilek_}, {"contact_type_id", &address}, {"contact_view", &view}}));
  EXPECT_EQ(t.at(0, 2).value(), repeat("д", 500));
  const std::string again = "Санкт-Петербург, Невский, 1";
  run(ctx, "client_contact_edit", {{"client_id", &vasilek_}, {"contact_type_id", &address}, {"contact_view", &again}});
  t = table(run(ctx, "client_contact_read", {{"client_id", &vasilek_}, {"contact_type_id", &address}}));
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t.at(0, 2).value(), again);
  for (auto other : {"contact_type:partner_phone", "contact_type:user_email"}) {
    const std::string type = uid_of(other).str();
    EXPECT_EQ(code_of([&] { run(ctx, "client_contact_read", {{"contact_type_id", &type}}); }),
              code::kInvalidContactType);
    EXPECT_EQ(code_of([&] {
                run(ctx, "client_contact_edit", {{"client_id", &vasilek_}, {"contact_type_id", &type}, {"contact_view", &again}});
              }),
              code::kInvalidContactType);
  }
  EXPECT_EQ(code_of([&] { run(ctx, "client_contact_edit", {{"client_id", &vasilek_}, {"contact_type_id", &address}}); }),
            code::kRequired);
}

TEST_F(ClientTest, VendorReadListsClientsServedOnTheCurrentPartnersExportedLine) {
  auto ctx = as("partner:demo");
  const std::string line = uid_of("service_type:demo-buh").str(), demo2 = uid_of("partner:demo2").str();
  EXPECT_EQ(names(table(run(ctx, "client_vendor_read", {{"service_type_id", &line}, {"partner_id", &demo2}}))),
            (std::set<std::string>{"Тополь"}));
  EXPECT_EQ(names(table(run(ctx, "client_vendor_read", {{"service_type_id", &line}}))),
            (std::set<std::string>{"Ромашка", "Тополь"}));
  // A stopped subscription no longer counts.
  tx().sql("UPDATE service SET stopped = true WHERE id = md5('service:topol-dina-buh')::uuid");
  EXPECT_TRUE(table(run(ctx, "client_vendor_read", {{"service_type_id", &line}, {"partner_id", &demo2}})).empty());
  // Lines that are not demo's own exported ones.
  for (auto key : {"service_type:demo-zup", "service_type:common"}) {
    const std::string other = uid_of(key).str();
    EXPECT_EQ(code_of([&] { run(ctx, "client_vendor_read", {{"service_type_id", &other}}); }), code::kAccessDenied);
  }
  const std::string foreign = uid_of("service_type:demo2-trade").str();
  EXPECT_EQ(code_of([&] { run(ctx, "client_vendor_read", {{"service_type_id", &foreign}}); }), code::kNotFound);
  EXPECT_EQ(code_of([&] { run(ctx, "client_vendor_read", {}); }), code::kRequired);
  const std::string nobody = Uid::random().str();
  EXPECT_EQ(code_of([&] { run(ctx, "client_vendor_read", {{"service_type_id", &line}, {"partner_id", &nobody}}); }),
            code::kNotFound);
  auto ctx2 = as("partner:demo2");  // imported, not owned
  EXPECT_EQ(code_of([&] { run(ctx2, "client_vendor_read", {{"service_type_id", &line}}); }), code::kAccessDenied);
}

TEST_F(ClientTest, ItsStatusGivesEveryLevelOfTheSpecification) {
  tx().sql("INSERT INTO its_registry (reg_num, inn, level, date_from, date_to) VALUES "
             "('BO777', '', 4, '2024-01-01', NULL)");
  auto ctx = as("partner:demo2");  // the registry is the same for every partner
  auto status = [&](std::string reg, std::string inn) {
    auto t = table(run(ctx, "client_ITS_status_For_INN", {{"RegNumberPP1C", &reg}, {"INN", &inn}}));
    EXPECT_EQ(t.size(), 1u);
    return at(t, 0, "ITSLevel") + " " + at(t, 0, "DateFrom") + " " + at(t, 0, "DateTo");
  };
  EXPECT_EQ(status("800100200", "7701234567"), "1 2024-01-01T00:00:00 2026-12-31T00:00:00");
  EXPECT_EQ(status(" 700200300 ", "7709876543"), "2 2024-03-01T00:00:00 2027-02-28T00:00:00");
  EXPECT_EQ(status("fr12345", "123"), "4 2024-06-01T00:00:00 0001-01-01T00:00:00");
  EXPECT_EQ(status("bo777", ""), "4 2024-01-01T00:00:00 0001-01-01T00:00:00");
  EXPECT_EQ(status("600000", "7701234567"), "3 0001-01-01T00:00:00 0001-01-01T00:00:00");
  EXPECT_EQ(status("", "7701234567"), "0 0001-01-01T00:00:00 0001-01-01T00:00:00");
  EXPECT_EQ(status("499999", "7701234567"), "0 0001-01-01T00:00:00 0001-01-01T00:00:00");
  EXPECT_EQ(status("800100200", "7709876543"), "10 0001-01-01T00:00:00 0001-01-01T00:00:00");
  EXPECT_EQ(status("800100200", ""), "10 0001-01-01T00:00:00 0001-01-01T00:00:00");
  const auto t = table(run(ctx, "client_ITS_status_For_INN", {}));
  EXPECT_EQ(t.shape().columns()[0].name, "ITSLevel");
  EXPECT_EQ(t.shape().columns()[1].type, ColumnType::Date);
  EXPECT_TRUE(t.shape().key().empty());
}

// The import commits on its own connection, so it runs on a scratch database.
class ItsImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (test_db_conninfo().empty()) GTEST_SKIP() << "PARTNERAPI_TEST_DB is not set";
    scratch_ = std::make_unique<ScratchDatabase>(this_tests_database("its_import_"));
    db::migrate(scratch_->conninfo());
  }
  db::ItsImportResult import(const std::string& csv, bool replace = false) {
    std::istringstream in(csv);
    db::ItsImport options;
    options.replace = replace;
    options.progress = [this](std::uint64_t sent) { progress_.push_back(sent); };
    return db::import_its_registry(scratch_->conninfo(), in, options);
  }
  std::string registry() {
    pqxx::connection c(scratch_->conninfo());
    pqxx::work tx(c);
    return tx.exec1("SELECT COALESCE(string_agg(reg_num || '/' || inn || '/' || level || '/' || "
                    "COALESCE(date_to::text, '-'), ' ' ORDER BY reg_num, inn), '') FROM its_registry")[0]
        .c_str();
  }
  std::unique_ptr<ScratchDatabase> scratch_;
  std::vector<std::uint64_t> progress_;
};

TEST_F(ItsImportTest, StreamsCsvLastLineWinsAndABadLineRollsBackEverything) {
  const std::string csv =
      "reg_num,inn,level,date_from,date_to\n"
      "800100200,7701234567,1,2024-01-01,2026-12-31\n"
      " fr1 ,,4,2024-01-01,\n"
      "800100200,7701234567,2,2024-01-01,2027-12-31\n";
  const auto r = import(csv);
  EXPECT_EQ(r.rows_in_file, 3u);
  EXPECT_EQ(r.rows_stored, 2u);
  EXPECT_EQ(registry(), "800100200/7701234567/2/2027-12-31 FR1//4/-");
  ASSERT_FALSE(progress_.empty());
  EXPECT_EQ(progress_.back(), csv.size());

  for (const std::string bad : {"reg_num,inn,level,date_from,date_to\n600000,1,3,2024-01-01,\n",
                                "reg_num,inn,level,date_from,date_to\n600000,1,1,2024-02-30,\n",
                                "reg_num,inn,level,date_from,date_to\n,1,1,2024-01-01,\n"}) {
    EXPECT_THROW(import(bad), std::runtime_error) << bad;
    EXPECT_EQ(registry(), "800100200/7701234567/2/2027-12-31 FR1//4/-");
  }
  try {
    import("reg_num,inn,level,date_from,date_to\n700000,,1,2024-01-01,\n700001,,9,2024-01-01,\n");
    ADD_FAILURE() << "level 9 was imported";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("line 3"), std::string::npos) << e.what();
  }
}

TEST_F(ItsImportTest, ReplaceKeepsOnlyTheFilesRows) {
  import("reg_num,inn,level,date_from,date_to\n600000,1,1,2024-01-01,\n600001,1,2,2024-01-01,\n");
  import("reg_num,inn,level,date_from,date_to\n600001,1,1,2024-01-01,2025-01-01\n", true);
  EXPECT_EQ(registry(), "600001/1/1/2025-01-01");
}
