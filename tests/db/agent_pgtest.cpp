// Agents (section 4) and the access notice's checks: the specification's own
// rules. The generic contract tests (contract_pgtest.cpp) cover their IDs,
// required operands and lengths; the SMTP exchange itself is tested against a
// real SMTP server in tests/client/test_email.py.
#include <map>

#include "db_fixture.h"
#include "partnerapi/db/agent_passwords.h"
#include "partnerapi/ops/settings.h"

using namespace partnerapi;

namespace {

class AgentTest : public DbTest {
 protected:
  void SetUp() override {
    DbTest::SetUp();
    if (IsSkipped()) return;
    ASSERT_TRUE(kOperationSettings) << "PARTNERAPI_AGENT_KEYS is not set";
    for (const char* key : {"partner_user:ivanov", "partner_user:petrova", "partner_user:sidorov",
                            "client_user:romashka-anna", "client_user:romashka-boris", "client_user:vasilek-vera",
                            "client_user:lopukh-gleb", "client:romashka", "client:vasilek", "agent:ivanov",
                            "agent:romashka-anna", "agent:romashka-boris", "agent:lopukh-gleb"})
      id_[key] = uid_of(key).str();
  }
  const std::string& id(const std::string& key) { return id_.at(key); }
  Table call(std::string_view op, std::vector<Field> fields, const std::string& partner = "partner:demo") {
    auto ctx = as(partner);
    return table(run(ctx, op, std::move(fields)));
  }
  Fault fault(std::string_view op, std::vector<Field> fields) {
    return fault_of([&] { call(op, std::move(fields)); });
  }
  std::string count_agents() { return sql1("SELECT count(*) FROM agent"); }
  // Adds an agent to a partner user (`password` nullptr: none given).
  Table add_partner_agent(const std::string& user, const std::string* password) {
    return call("agent_partner_add", {{"agent_partner_password", password}, {"partner_user_id", &user}});
  }
  Table add_user_agent(const std::string& user, const std::string* password) {
    return call("agent_user_add", {{"agent_user_password", password}, {"client_user_id", &user}});
  }
  const std::string t_ = "true", f_ = "false", empty_;
  std::map<std::string, std::string> id_;
};

}  // namespace

TEST_F(AgentTest, ColumnsAndKeysAreSectionFoursAndThePasswordsOpen) {
  using V = std::vector<std::string>;
  const auto partner = call("agent_partner_read", {});
  EXPECT_EQ(names(partner.shape().columns()),
            (V{"agent_partner_id", "agent_partner_number", "agent_type", "agent_partner_password", "partner_id",
               "agent_partner_activity", "partner_user_id"}));
  EXPECT_EQ(partner.shape().key(), V{"agent_partner_id"});
  EXPECT_EQ(column_values(partner, "agent_partner_password"), (std::set<std::string>{"4711", "0815"}));
  EXPECT_EQ(column_values(partner, "agent_type"), std::set<std::string>{"1"});
  const auto user = call("agent_user_read", {});
  EXPECT_EQ(names(user.shape().columns()), (V{"agent_user_id", "agent_user_number", "agent_type", "agent_user_password",
                                              "client_id", "agent_user_activity", "client_user_id"}));
  EXPECT_EQ(user.shape().key(), V{"agent_user_id"});
  EXPECT_EQ(column_values(user, "agent_type"), std::set<std::string>{"2"});
  EXPECT_TRUE(column_values(user, "agent_user_password").count("0042")) << "leading zeros lost";
  EXPECT_EQ(column_values(call("agent_partner_read", {}, "partner:demo2"), "agent_partner_number"),
            std::set<std::string>{"271828900101"});
}

TEST_F(AgentTest, PasswordsAreStoredSealedUnderTheRingsKeyNeverPlain) {
  const std::string pw = "0042";
  const auto added = add_partner_agent(id("partner_user:ivanov"), &pw);
  const auto row = tx().sql("SELECT password_plain, password_sealed FROM agent WHERE id = $1::uuid",
                            at(added, 0, "agent_partner_id"));
  EXPECT_TRUE(row.is_null(0, 0));
  const std::string stored(row.text(0, 1));
  EXPECT_EQ(stored.find(pw), std::string::npos);
  EXPECT_EQ(sealed::Keyring::key_id_of(stored), ops::settings().agent_keys->sealing_id());
  EXPECT_EQ(ops::settings().agent_keys->open(stored), pw);
  EXPECT_EQ(sql1("SELECT count(*) FROM agent WHERE password_plain IS NOT NULL"), "0") << "the demo data was not sealed";
}

TEST_F(AgentTest, AGivenPasswordIsKeptExactlyAndNoneGivenIsGenerated) {
  for (const std::string pw : {"0007", "Пароль 1С", "a b"}) {
    const auto added = add_partner_agent(id("partner_user:ivanov"), &pw);
    EXPECT_EQ(at(added, 0, "agent_partner_password"), pw);
  }
  std::set<std::string> generated;
  for (const std::string* pw : {static_cast<const std::string*>(nullptr), &empty_}) {
    const auto added = add_user_agent(id("client_user:romashka-anna"), pw);
    const std::string p = at(added, 0, "agent_user_password");
    EXPECT_GE(p.size(), 10u);
    generated.insert(p);
    const std::string agent = at(added, 0, "agent_user_id");
    EXPECT_EQ(at(call("agent_user_read", {{"agent_user_id", &agent}}), 0,
                  "agent_user_password"),
              p);
  }
  EXPECT_EQ(generated.size(), 2u);
  const std::string too_long(65, 'S');
  const auto refused = fault("agent_partner_add", {{"agent_partner_password", &too_long},
                                                   {"partner_user_id", &id("partner_user:ivanov")}});
  EXPECT_EQ(refused.code, code::kBadValue);
  EXPECT_EQ(refused.message.find("SSSS"), std::string::npos) << "a password repeated in a fault: " << refused.message;
  const std::string not_utf8 = std::string("\xff\xfe") + "0042";
  const auto bad_text = fault("agent_partner_add", {{"agent_partner_password", &not_utf8},
                                                    {"partner_user_id", &id("partner_user:ivanov")}});
  EXPECT_EQ(bad_text.code, code::kBadValue);
  EXPECT_EQ(bad_text.message.find("0042"), std::string::npos) << bad_text.message;
  for (const std::string bad : {"   ", "a\tb", "line\nbreak"})
    EXPECT_EQ(fault("agent_partner_add", {{"agent_partner_password", &bad}, {"partner_user_id", &id("partner_user:ivanov")}})
                  .code,
              code::kBadValue)
        << bad;
}

TEST_F(AgentTest, NumbersComeFromTheKindsSequence) {
  const auto a = add_partner_agent(id("partner_user:ivanov"), nullptr);
  const auto b = add_partner_agent(id("partner_user:petrova"), nullptr);
  const std::string na = at(a, 0, "agent_partner_number"), nb = at(b, 0, "agent_partner_number");
  EXPECT_EQ(na.substr(0, 6), "271828");
  EXPECT_EQ(na.size(), 12u);
  // Other tests may take numbers in between (a sequence is not transactional).
  EXPECT_GT(std::stoll(nb), std::stoll(na));
  EXPECT_LE(std::stoll(nb), std::stoll(sql1("SELECT last_value FROM agent_partner_number")));
  const auto u = add_user_agent(id("client_user:romashka-boris"), nullptr);
  const std::string nu = at(u, 0, "agent_user_number");
  EXPECT_EQ(nu.size(), 9u);
  EXPECT_EQ(nu[0], '1') << "user agents' numbers are 9 digits from 100000001";
  EXPECT_EQ(at(u, 0, "client_id"), id("client:romashka"));
  EXPECT_EQ(at(u, 0, "agent_user_activity"), "true");
}

TEST_F(AgentTest, AnAgentBelongsToALiveUserOnlyAndAFaultCreatesNothing) {
  const std::string before = count_agents();
  const auto deleted_partner_user = fault("agent_partner_add", {{"partner_user_id", &id("partner_user:sidorov")}});
  EXPECT_EQ(deleted_partner_user.code, code::kUserDeleted);
  EXPECT_EQ(fault("agent_user_add", {{"client_user_id", &id("client_user:lopukh-gleb")}}).code, code::kClientDeleted)
      << "Lopukh is a deleted client";
  call("client_user_delete", {{"client_user_id", &id("client_user:romashka-boris")}});
  EXPECT_EQ(fault("agent_user_add", {{"client_user_id", &id("client_user:romashka-boris")}}).code, code::kUserDeleted);
  call("client_delete", {{"client_id", &id("client:vasilek")}});
  EXPECT_EQ(fault("agent_user_add", {{"client_user_id", &id("client_user:vasilek-vera")}}).code, code::kClientDeleted);
  call("client_delete", {{"client_id", &id("client:vasilek")}});
  EXPECT_EQ(fault("agent_user_add", {{"client_user_id", &id("client_user:vasilek-vera")}}).code, code::kUserDeleted)
      << "a restored client's users stay deleted";
  EXPECT_EQ(count_agents(), before);
}

TEST_F(AgentTest, EditReplacesThePasswordMovesWithinTheCompanyAndIgnoresTheActivity) {
  const std::string agent = id("agent:ivanov"), pw = "9999";
  auto edited = call("agent_partner_edit", {{"agent_partner_id", &agent},
                                            {"agent_partner_password", &pw},
                                            {"agent_partner_activity", &f_},
                                            {"partner_user_id", &id("partner_user:petrova")}});
  ASSERT_EQ(edited.size(), 1u);
  EXPECT_EQ(at(edited, 0, "agent_partner_password"), "9999");
  EXPECT_EQ(at(edited, 0, "partner_user_id"), id("partner_user:petrova"));
  EXPECT_EQ(at(edited, 0, "agent_partner_activity"), "true") << "the activity is a dummy operand";
  EXPECT_EQ(at(edited, 0, "agent_partner_number"), "271828900001");
  for (const std::string* keep : {static_cast<const std::string*>(nullptr), &empty_})
    EXPECT_EQ(at(call("agent_partner_edit", {{"agent_partner_id", &agent}, {"agent_partner_password", keep}}), 0,
                 "agent_partner_password"),
              "9999");
  EXPECT_EQ(fault("agent_partner_edit", {{"agent_partner_id", &agent}, {"partner_user_id", &id("partner_user:sidorov")}})
                .code,
            code::kUserDeleted);
  // A client's agent moves to another user of its client only.
  const std::string anna_agent = id("agent:romashka-anna");
  EXPECT_EQ(at(call("agent_user_edit", {{"agent_user_id", &anna_agent}, {"client_user_id", &id("client_user:romashka-boris")}}),
               0, "client_user_id"),
            id("client_user:romashka-boris"));
  const auto transfer =
      fault("agent_user_edit", {{"agent_user_id", &anna_agent}, {"client_user_id", &id("client_user:vasilek-vera")}});
  EXPECT_EQ(transfer.code, code::kTransferDenied) << transfer.message;
}

TEST_F(AgentTest, DeleteGivesAnEmptyTableAndTheAgentLeavesTheActiveList) {
  const std::string agent = id("agent:romashka-boris");
  const auto deleted = call("agent_user_delete", {{"agent_user_id", &agent}});
  EXPECT_EQ(deleted.size(), 0u);
  EXPECT_EQ(deleted.shape().width(), 7u);
  EXPECT_FALSE(column_values(call("agent_user_read", {{"agent_user_activity", &t_}}), "agent_user_id").count(agent));
  const auto all = call("agent_user_read", {{"agent_user_id", &agent}});
  ASSERT_EQ(all.size(), 1u) << "the unfiltered read still lists it";
  EXPECT_EQ(at(all, 0, "agent_user_activity"), "false");
  EXPECT_TRUE(column_values(call("agent_user_read", {{"agent_user_activity", &f_}}), "agent_user_id").count(agent));
  // A second call restores it.
  const auto restored = call("agent_user_delete", {{"agent_user_id", &agent}});
  ASSERT_EQ(restored.size(), 1u);
  EXPECT_EQ(at(restored, 0, "agent_user_activity"), "true");
  EXPECT_EQ(at(restored, 0, "agent_user_password"), "0042");
}

TEST_F(AgentTest, AnAgentOfADeletedUserOrClientIsNotRestored) {
  EXPECT_EQ(fault("agent_user_delete", {{"agent_user_id", &id("agent:lopukh-gleb")}}).code, code::kClientDeleted);
  EXPECT_EQ(sql1("SELECT active FROM agent WHERE id = '" + id("agent:lopukh-gleb") + "'"), "f");
  const std::string ivanov = id("agent:ivanov");
  call("partner_user_delete", {{"partner_user_id", &id("partner_user:ivanov")}});
  EXPECT_EQ(fault("agent_partner_delete", {{"agent_partner_id", &ivanov}}).code, code::kUserDeleted);
  call("partner_user_delete", {{"partner_user_id", &id("partner_user:ivanov")}});
  EXPECT_EQ(at(call("agent_partner_delete", {{"agent_partner_id", &ivanov}}), 0, "agent_partner_activity"), "true")
      << "restored once its user is";
}

TEST_F(AgentTest, DeletingAClientOrAUserMakesTheirAgentsInactiveAsTheReadsShow) {
  const std::string romashka = id("client:romashka");
  call("client_delete", {{"client_id", &romashka}});
  const auto agents = call("agent_user_read", {{"client_id", &romashka}});
  ASSERT_EQ(agents.size(), 2u);
  EXPECT_EQ(column_values(agents, "agent_user_activity"), std::set<std::string>{"false"});
  call("partner_user_delete", {{"partner_user_id", &id("partner_user:ivanov")}});
  EXPECT_EQ(at(call("agent_partner_read", {{"partner_user_id", &id("partner_user:ivanov")}}), 0,
               "agent_partner_activity"),
            "false");
}

TEST_F(AgentTest, ReadsFilterByUserClientAndActivity) {
  EXPECT_EQ(column_values(call("agent_partner_read", {{"partner_user_id", &id("partner_user:petrova")}}),
                          "agent_partner_number"),
            std::set<std::string>{"271828900002"});
  EXPECT_EQ(column_values(call("agent_user_read", {{"client_id", &id("client:romashka")}}), "agent_user_number"),
            (std::set<std::string>{"900000001", "900000002"}));
  EXPECT_EQ(column_values(call("agent_user_read", {{"client_user_id", &id("client_user:romashka-anna")}}),
                          "agent_user_number"),
            std::set<std::string>{"900000001"});
  EXPECT_EQ(column_values(call("agent_user_read", {{"agent_user_activity", &f_}}), "agent_user_number"),
            std::set<std::string>{"900000004"});
}

TEST_F(AgentTest, RotationReSealsEveryPasswordUnderTheNewKeyInTheTransaction) {
  const std::string current = std::getenv("PARTNERAPI_AGENT_KEYS");
  const std::string next = sealed::Keyring::new_entry("next");
  const auto ring = sealed::Keyring::parse(next + "\n" + current);
  const auto before = tx().sql("SELECT id, password_sealed FROM agent ORDER BY id");
  const auto r = db::seal_agent_passwords(db(), ring, true);
  EXPECT_EQ(r.rotated, before.size());
  const auto only_next = sealed::Keyring::parse(next);
  const auto after = tx().sql("SELECT id, password_sealed FROM agent ORDER BY id");
  ASSERT_EQ(after.size(), before.size());
  for (std::size_t i = 0; i < after.size(); ++i)
    EXPECT_EQ(only_next.open(after.text(i, 1)), ops::settings().agent_keys->open(before.text(i, 1)));
  EXPECT_EQ(db::seal_agent_passwords(db(), ring, true).rotated, 0u) << "a second rotation has nothing to do";
}

TEST_F(AgentTest, TheAccessNoticeFaultsForAUserItCannotNotifyBeforeAnyConnection) {
  const std::string sender = "partner@demo-partner.example", host = "127.0.0.1", port = "25";
  auto notify = [&](const std::string& user, const std::string& from = "partner@demo-partner.example",
                    const std::string& server = "127.0.0.1") {
    return fault_of([&] {
      auto ctx = as("partner:demo");
      run(ctx, "account_access_email_notify",
          {{"client_user_id", &user}, {"sender_email_address", &from}, {"smtp_server", &server}, {"smtp_port", &port}});
    });
  };
  EXPECT_EQ(notify(id("client_user:romashka-boris")).code, code::kNoEmail) << "Boris has no e-mail contact";
  EXPECT_EQ(notify(id("client_user:lopukh-gleb")).code, code::kClientDeleted);
  const std::string anna = id("client_user:romashka-anna");
  call("client_user_delete", {{"client_user_id", &anna}});
  EXPECT_EQ(notify(anna).code, code::kUserDeleted);
  call("client_user_delete", {{"client_user_id", &anna}});
  EXPECT_EQ(notify(anna).code, code::kNoActiveAgent) << "her agent stays inactive when she is restored";
  call("agent_user_delete", {{"agent_user_id", &id("agent:romashka-anna")}});
  for (const std::string bad : {"not an address", "a@b", "x@y.example\r\nBcc: z@w.example", "кто@пример.рф"})
    EXPECT_EQ(notify(id("client_user:romashka-anna"), bad).code, code::kBadValue) << bad;
  for (const std::string bad : {"smtp .example", "-bad.example", "host:25", "[::1"})
    EXPECT_EQ(notify(id("client_user:romashka-anna"), sender, bad).code, code::kBadValue) << bad;
  // The test settings allow no network: loopback is refused, and so is a
  // private address, before a socket exists.
  for (const std::string refused : {"127.0.0.1", "10.0.0.1", "::1", "localhost"}) {
    const auto f = notify(id("client_user:romashka-anna"), sender, refused);
    EXPECT_EQ(f.code, code::kSmtpTargetDenied) << refused << ": " << f.message;
  }
}
