// Partner users and client users (section 4): the specification's own rules.
// The generic contract tests (contract_pgtest.cpp) cover their IDs, required
// operands and lengths.
#include <set>

#include "db_fixture.h"

using namespace partnerapi;

namespace {

class UserTest : public DbTest {
 protected:
  void SetUp() override {
    DbTest::SetUp();
    if (IsSkipped()) return;
    ivanov_ = uid_of("partner_user:ivanov").str();
    petrova_ = uid_of("partner_user:petrova").str();
    sidorov_ = uid_of("partner_user:sidorov").str();
    anna_ = uid_of("client_user:romashka-anna").str();
    boris_ = uid_of("client_user:romashka-boris").str();
    romashka_ = uid_of("client:romashka").str();
    lopukh_ = uid_of("client:lopukh").str();
    email_ = uid_of("contact_type:user_email").str();
    phone_ = uid_of("contact_type:user_phone").str();
  }
  Table call(std::string_view op, std::vector<Field> fields) {
    auto ctx = as("partner:demo");
    return table(run(ctx, op, std::move(fields)));
  }
  bool flag(std::string_view op, std::vector<Field> fields) {
    auto ctx = as("partner:demo");
    return std::get<bool>(run(ctx, op, std::move(fields)));
  }
  std::string fault(std::string_view op, std::vector<Field> fields) {
    return code_of([&] { call(op, std::move(fields)); });
  }

  const std::string t_ = "true", f_ = "false";
  std::string ivanov_, petrova_, sidorov_, anna_, boris_, romashka_, lopukh_, email_, phone_;
};

}  // namespace

TEST_F(UserTest, ColumnsAndKeysAreSectionFoursWithTheBirthdayADate) {
  using V = std::vector<std::string>;
  const auto partner = call("partner_user_read", {});
  EXPECT_EQ(names(partner.shape().columns()), (V{"partner_user_id", "partner_id", "partner_user_name",
                                                 "partner_user_family_name", "partner_user_father_name",
                                                 "partner_user_del"}));
  EXPECT_EQ(partner.shape().key(), V{"partner_user_id"});
  const auto with = call("partner_user_read_with_birthday", {});
  EXPECT_EQ(names(with.shape().columns())[5], "partner_user_birthday");
  EXPECT_EQ(with.shape().columns()[5].type, ColumnType::Date);
  const auto client = call("client_user_read_with_birthday", {});
  EXPECT_EQ(names(client.shape().columns()), (V{"client_user_id", "client_id", "client_user_name",
                                                "client_user_family_name", "client_user_father_name",
                                                "client_user_birthday", "client_user_del"}));
  const auto contacts = call("partner_user_contact_read", {});
  EXPECT_EQ(contacts.shape().key(), (V{"partner_user_id", "contact_type_id"}));
}

TEST_F(UserTest, WithBirthdayIsTheSameRowsPlusTheDateAndNeverSetIsNil) {
  const auto plain = call("partner_user_read", {});
  const auto with = call("partner_user_read_with_birthday", {});
  ASSERT_EQ(plain.size(), with.size());
  for (std::size_t r = 0; r < plain.size(); ++r)
    for (const auto& c : plain.shape().columns()) EXPECT_EQ(at(plain, r, c.name), at(with, r, c.name));
  const auto ivanov = call("partner_user_read_with_birthday", {{"partner_user_id", &ivanov_}});
  EXPECT_EQ(at(ivanov, 0, "partner_user_birthday"), "1985-04-12T00:00:00");
  const auto petrova = call("partner_user_read_with_birthday", {{"partner_user_id", &petrova_}});
  EXPECT_EQ(at(petrova, 0, "partner_user_birthday"), "<nil>");
}

TEST_F(UserTest, APartnerSeesItsOwnPartnerUsersAndTheUsersOfItsOwnClientsOnly) {
  EXPECT_EQ(column_values(call("partner_user_read", {}), "partner_id"), std::set<std::string>{uid_of("partner:demo").str()});
  const auto clients = column_values(call("client_user_read", {{"include_deleted", &t_, FieldType::Boolean}}), "client_id");
  EXPECT_EQ(clients, (std::set<std::string>{romashka_, uid_of("client:vasilek").str(), lopukh_}));
}

TEST_F(UserTest, ReadsShowLiveUsersUnlessDeletedOnesAreAskedFor) {
  EXPECT_EQ(column_values(call("partner_user_read", {}), "partner_user_del"), std::set<std::string>{"false"});
  EXPECT_EQ(column_values(call("partner_user_read", {{"include_deleted", &f_, FieldType::Boolean}}), "partner_user_id"),
            (std::set<std::string>{ivanov_, petrova_}));
  EXPECT_EQ(column_values(call("partner_user_read", {{"include_deleted", &t_, FieldType::Boolean}}), "partner_user_id"),
            (std::set<std::string>{ivanov_, petrova_, sidorov_}));
  EXPECT_EQ(call("partner_user_read", {{"partner_user_id", &sidorov_}}).size(), 0u);
  EXPECT_EQ(column_values(call("client_user_read", {{"client_id", &romashka_}}), "client_user_id"),
            (std::set<std::string>{anna_, boris_}));
}

TEST_F(UserTest, AddNeedsAFirstNameAndCreatesNothingWithout) {
  const std::string blank = "  ", family = "Новикова", before = sql1("SELECT count(*) FROM partner_user");
  EXPECT_EQ(message_of([&] { call("partner_user_add", {{"partner_user_family_name", &family}}); }),
            "Не указано имя сотрудника");
  EXPECT_EQ(fault("partner_user_add", {{"partner_user_name", &blank}}), code::kRequired);
  EXPECT_EQ(fault("client_user_add", {{"client_id", &romashka_}, {"client_user_family_name", &family}}),
            code::kRequired);
  EXPECT_EQ(sql1("SELECT count(*) FROM partner_user"), before);
  const std::string name = "Ольга";
  const auto added = call("partner_user_add", {{"partner_user_name", &name}, {"partner_user_family_name", &family}});
  ASSERT_EQ(added.size(), 1u);
  EXPECT_EQ(at(added, 0, "partner_user_name"), name);
  EXPECT_EQ(at(added, 0, "partner_user_father_name"), "");
  EXPECT_EQ(at(added, 0, "partner_user_del"), "false");
  EXPECT_EQ(at(added, 0, "partner_id"), uid_of("partner:demo").str());
  const auto client_user = call("client_user_add", {{"client_id", &romashka_}, {"client_user_name", &name}});
  EXPECT_EQ(at(client_user, 0, "client_id"), romashka_);
}

TEST_F(UserTest, ADeletedClientTakesNoNewUsers) {
  const std::string name = "Поздний", before = sql1("SELECT count(*) FROM client_user");
  EXPECT_EQ(fault("client_user_add", {{"client_id", &lopukh_}, {"client_user_name", &name}}), code::kClientDeleted);
  EXPECT_EQ(sql1("SELECT count(*) FROM client_user"), before);
}

TEST_F(UserTest, EditLeavesWhatIsOmittedClearsWhatIsEmptyAndAnswersTheWholeRow) {
  const std::string empty, family = "Иванов-Петров";
  const auto edited = call("partner_user_edit", {{"partner_user_id", &ivanov_}, {"partner_user_family_name", &family},
                                                 {"partner_user_father_name", &empty}});
  ASSERT_EQ(edited.size(), 1u);
  EXPECT_EQ(at(edited, 0, "partner_user_name"), "Иван");  // omitted: unchanged
  EXPECT_EQ(at(edited, 0, "partner_user_family_name"), family);
  EXPECT_EQ(at(edited, 0, "partner_user_father_name"), "");  // "": cleared
  const auto cleared = call("client_user_edit", {{"client_user_id", &anna_}, {"client_user_name", &empty}});
  EXPECT_EQ(at(cleared, 0, "client_user_name"), "");  // the first name too, as the specification says
  EXPECT_EQ(at(cleared, 0, "client_user_family_name"), "Смирнова");
}

TEST_F(UserTest, DeleteTogglesTheMarkAndADeletedUsersAgentsStopWorking) {
  const auto deleted = call("partner_user_delete", {{"partner_user_id", &petrova_}});
  EXPECT_EQ(at(deleted, 0, "partner_user_del"), "true");
  EXPECT_EQ(sql1("SELECT active FROM agent WHERE id = md5('agent:petrova')::uuid"), "f");
  const auto restored = call("partner_user_delete", {{"partner_user_id", &petrova_}});
  EXPECT_EQ(at(restored, 0, "partner_user_del"), "false");
  EXPECT_EQ(sql1("SELECT active FROM agent WHERE id = md5('agent:petrova')::uuid"), "f");  // agent_partner_delete restores it
  EXPECT_EQ(at(call("client_user_delete", {{"client_user_id", &boris_}}), 0, "client_user_del"), "true");
  EXPECT_EQ(sql1("SELECT active FROM agent WHERE id = md5('agent:romashka-boris')::uuid"), "f");
}

TEST_F(UserTest, UsersDeletedWithTheirClientStayDeletedWhenItIsRestoredAndCanBeRestoredOneByOne) {
  call("client_delete", {{"client_id", &romashka_}});
  call("client_delete", {{"client_id", &romashka_}});  // restored: its users are not
  EXPECT_EQ(call("client_user_read", {{"client_id", &romashka_}}).size(), 0u);
  EXPECT_EQ(at(call("client_user_delete", {{"client_user_id", &anna_}}), 0, "client_user_del"), "false");
  EXPECT_EQ(column_values(call("client_user_read", {{"client_id", &romashka_}}), "client_user_id"),
            std::set<std::string>{anna_});
}

TEST_F(UserTest, SetBirthdayAnswersTrueShowsTheDateAndOverwrites) {
  const std::string first = "1990-05-06", second = "1991-07-08T00:00:00";
  EXPECT_TRUE(flag("client_user_set_birthday", {{"client_user_id", &anna_}, {"birthday", &first, FieldType::DateTime}}));
  EXPECT_EQ(at(call("client_user_read_with_birthday", {{"client_user_id", &anna_}}), 0, "client_user_birthday"),
            "1990-05-06T00:00:00");
  EXPECT_TRUE(flag("client_user_set_birthday", {{"client_user_id", &anna_}, {"birthday", &second, FieldType::DateTime}}));
  EXPECT_EQ(at(call("client_user_read_with_birthday", {{"client_user_id", &anna_}}), 0, "client_user_birthday"),
            "1991-07-08T00:00:00");
}

TEST_F(UserTest, PartnerUserSetBirthdayTakesTheUserUnderBothSpellings) {
  const std::string day = "1980-01-02";
  EXPECT_TRUE(flag("partner_user_set_birthday", {{"client_id", &petrova_}, {"birthday", &day, FieldType::DateTime}}));
  EXPECT_EQ(sql1("SELECT birthday FROM partner_user WHERE id = md5('partner_user:petrova')::uuid"), "1980-01-02");
  const std::string other = "1981-03-04";
  EXPECT_TRUE(
      flag("partner_user_set_birthday", {{"partner_user_id", &petrova_}, {"birthday", &other, FieldType::DateTime}}));
  EXPECT_EQ(sql1("SELECT birthday FROM partner_user WHERE id = md5('partner_user:petrova')::uuid"), "1981-03-04");
}

TEST_F(UserTest, ABirthdayIsAnyRealDayAndNoSuchDayIsAFault) {
  const std::string no_such_day = "2001-02-30";
  EXPECT_EQ(code_of([&] {
              flag("client_user_set_birthday",
                   {{"client_user_id", &anna_}, {"birthday", &no_such_day, FieldType::DateTime}});
            }),
            code::kBadDate);
  EXPECT_EQ(sql1("SELECT birthday FROM client_user WHERE id = md5('client_user:romashka-anna')::uuid"), "1992-07-01");
  // The specification bounds it nowhere: a day to come, or long past, is taken as given.
  for (const std::string day : {"2999-01-01", "1899-12-31"}) {
    EXPECT_TRUE(flag("client_user_set_birthday", {{"client_user_id", &anna_}, {"birthday", &day, FieldType::DateTime}}));
    EXPECT_EQ(sql1("SELECT birthday FROM client_user WHERE id = md5('client_user:romashka-anna')::uuid"), day);
  }
}

TEST_F(UserTest, ContactsTakeCodeThreeTypesOnlyOverwriteAndFilter) {
  const std::string client_type = uid_of("contact_type:client_address").str(), view = "x";
  const std::string before = sql1("SELECT count(*) FROM partner_user_contact");
  EXPECT_EQ(fault("partner_user_contact_edit",
                  {{"partner_user_id", &petrova_}, {"contact_type_id", &client_type}, {"contact_view", &view}}),
            code::kInvalidContactType);
  EXPECT_EQ(sql1("SELECT count(*) FROM partner_user_contact"), before);
  const std::string mail = "petrova@demo-partner.example", again = "maria@demo-partner.example";
  call("partner_user_contact_edit", {{"partner_user_id", &petrova_}, {"contact_type_id", &email_}, {"contact_view", &mail}});
  const auto over = call("partner_user_contact_edit",
                         {{"partner_user_id", &petrova_}, {"contact_type_id", &email_}, {"contact_view", &again}});
  EXPECT_EQ(at(over, 0, "contact_view"), again);
  const auto by_user = call("partner_user_contact_read", {{"partner_user_id", &petrova_}});
  ASSERT_EQ(by_user.size(), 1u);
  EXPECT_EQ(at(by_user, 0, "contact_view"), again);
  EXPECT_EQ(column_values(call("client_user_contact_read", {{"client_user_id", &anna_}}), "contact_type_id"),
            (std::set<std::string>{email_, phone_}));
  EXPECT_EQ(column_values(call("client_user_contact_read", {{"contact_type_id", &phone_}}), "contact_type_id"),
            std::set<std::string>{phone_});
  EXPECT_EQ(fault("client_user_contact_read", {{"contact_type_id", &client_type}}), code::kInvalidContactType);
}
