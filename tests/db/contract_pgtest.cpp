// The contract's rules that hold for every operation, generated from the
// declarations: each built operation gets these by being declared.
// - Every ID operand: malformed is INVALID_ID; unknown is NOT_FOUND; another
//   partner's object gets exactly the same code and text form as an unknown
//   one; blank ("", spaces, omitted) is "not specified": the same answer as
//   without it, or REQUIRED when the operand is required.
// - Every required operand, missing: REQUIRED, and the database is unchanged.
// - Every text with a maximum, in Cyrillic, at it and one past it: cut by
//   characters, or refused one past it when the text is not cut.
// Each case runs through the server's executor in a savepoint of the test's
// transaction, so a write's effect is gone before the next call.
#include <algorithm>

#include "db_fixture.h"
#include "objects.h"

using namespace partnerapi;
using namespace partnerapi::ops;

namespace {

enum class Check { Malformed, Unknown, Foreign, Blank, Missing, AtMax, PastMax };

const char* check_name(Check c) {
  switch (c) {
    case Check::Malformed: return "Malformed";
    case Check::Unknown: return "Unknown";
    case Check::Foreign: return "Foreign";
    case Check::Blank: return "Blank";
    case Check::Missing: return "Missing";
    case Check::AtMax: return "AtMax";
    case Check::PastMax: break;
  }
  return "PastMax";
}

struct Case {
  std::string operation, operand;
  Check check;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.operation << " " << c.operand << " " << check_name(c.check); }

std::vector<Case> cases() {
  std::vector<Case> out;
  for (const auto& spec : operations()) {
    if (!spec.built()) continue;
    for (const auto& o : spec.operands) {
      if (!o.alias_of.empty()) continue;
      const auto add = [&](Check c) { out.push_back({std::string(spec.name), std::string(o.name), c}); };
      if (o.type == Type::Id) {
        add(Check::Malformed);
        add(Check::Unknown);
        if (objects::has_foreign(*o.kind)) add(Check::Foreign);
        add(Check::Blank);
      }
      if (o.required) add(Check::Missing);
      if (o.type == Type::Text && o.max > 0) {
        add(Check::AtMax);
        add(Check::PastMax);
      }
    }
  }
  return out;
}

std::string case_name(const ::testing::TestParamInfo<Case>& p) {
  return p.param.operation + "_" + p.param.operand + "_" + check_name(p.param.check);
}

// Where a valid call needs a particular object, not just any of its kind.
struct Sample {
  std::string_view operation, operand, key;
};
constexpr Sample kSamples[] = {
    {"partner_contact_edit", "contact_type_id", "contact_type:partner_phone"},
    {"partner_user_contact_edit", "contact_type_id", "contact_type:user_email"},
    {"client_user_contact_edit", "contact_type_id", "contact_type:user_email"},
};

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

using Cells = std::vector<std::vector<std::optional<std::string>>>;

Cells cells_of(const Table& t) {
  Cells out(t.size());
  for (std::size_t r = 0; r < t.size(); ++r)
    for (std::size_t c = 0; c < t.shape().width(); ++c) out[r].push_back(t.at(r, c));
  return out;
}

// What one call gave: a table, a fault, and the database's state after it.
struct Outcome {
  std::string code = "no fault", message;
  std::optional<Table> table;
  std::string state;
};

// An operand's text; nullptr stands for omitted.
using Operands = std::vector<std::pair<std::string, std::optional<std::string>>>;

class Contract : public DbTest, public ::testing::WithParamInterface<Case> {
 protected:
  const OperationSpec& spec() const { return *find_operation(GetParam().operation); }
  const OperandSpec& operand() const { return *spec().operand(GetParam().operand); }
  std::string what() const { return GetParam().operation + " " + GetParam().operand + ": "; }

  std::string sample(const OperandSpec& o) {
    for (const auto& s : kSamples)
      if (s.operation == spec().name && s.operand == o.name) return uid_of(std::string(s.key)).str();
    switch (o.type) {
      case Type::Id: return uid_of(objects::own_key(*o.kind)).str();
      case Type::Text: return "Тест";
      case Type::Boolean: return "false";
      case Type::Integer: return o.kind ? objects::own_key(*o.kind) : "1";
      case Type::Date:
      case Type::DateTime: break;
    }
    return "2024-01-01T00:00:00";
  }

  // A valid call: every required operand, the one under test set to `value`.
  Operands call_with(std::optional<std::string> value) {
    Operands out;
    for (const auto& o : spec().operands) {
      if (o.name == operand().name) {
        out.emplace_back(std::string(o.name), value);
      } else if (o.required) {
        out.emplace_back(std::string(o.name), sample(o));
      }
    }
    return out;
  }

  // Runs the call in a savepoint, rolled back after it.
  Outcome call(const Operands& operands, bool with_state = false) {
    std::vector<Field> fields;
    for (const auto& [name, value] : operands)
      if (value) fields.push_back({name, &*value});
    Outcome out;
    Savepoint savepoint(tx());
    try {
      auto result = ops::run(tx(), uid_of("partner:demo"), Request(spec().name, fields));
      if (auto* table = std::get_if<Table>(&result)) out.table = std::move(*table);
    } catch (const ApiError& e) {
      out.code = e.code();
      out.message = e.what();
    }
    if (with_state) out.state = state(tx());
    return out;
  }

  // Every table's rows, as a digest: equal states, equal databases.
  static std::string state(db::Transaction& t) {
    std::string out;
    const auto tables = t.sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
    for (std::size_t i = 0; i < tables.size(); ++i) {
      const std::string name(tables.text(i, 0));
      out += name + "=" +
             std::string(t.sql("SELECT md5(COALESCE(string_agg(x::text, ',' ORDER BY x::text), '')) FROM \"" + name +
                               "\" x")
                             .text(0, 0)) +
             ";";
    }
    return out;
  }

  // The value the call left in the result column named as the operand.
  std::string stored(const Outcome& o) {
    EXPECT_EQ(o.code, "no fault") << what() << o.message;
    if (!o.table) return "(no table)";
    const auto& columns = o.table->shape().columns();
    const auto it = std::find_if(columns.begin(), columns.end(), [&](const Column& c) { return c.name == operand().name; });
    if (it == columns.end() || o.table->empty()) {
      ADD_FAILURE() << what() << "the result has no " << operand().name << " to see the value in";
      return "(no column)";
    }
    return o.table->at(0, static_cast<std::size_t>(it - columns.begin())).value_or("(nil)");
  }

  void expect_same_as_without(const std::string& blank) {
    const Outcome without = call(call_with(std::nullopt));
    const Outcome with = call(call_with(blank));
    EXPECT_EQ(with.code, without.code) << what() << "«" << blank << "» " << with.message;
    if (with.table && without.table) {
      EXPECT_EQ(cells_of(*with.table), cells_of(*without.table)) << what() << "«" << blank << "»";
    }
  }
};

}  // namespace

TEST_P(Contract, Holds) {
  const auto& o = operand();
  switch (GetParam().check) {
    case Check::Malformed:
      EXPECT_EQ(call(call_with("не-uid-123")).code, code::kBadId) << what();
      break;
    case Check::Unknown:
      EXPECT_EQ(call(call_with(Uid::random().str())).code, code::kNotFound) << what();
      break;
    case Check::Foreign: {
      const std::string foreign = objects::make_foreign(tx(), *o.kind), unknown = Uid::random().str();
      const Outcome f = call(call_with(foreign)), u = call(call_with(unknown));
      EXPECT_EQ(f.code, code::kNotFound) << what() << f.message;
      auto form = [](std::string message, const std::string& id) {
        const auto at = message.find(id);
        return at == std::string::npos ? message : message.replace(at, id.size(), "<id>");
      };
      EXPECT_EQ(form(f.message, foreign), form(u.message, unknown)) << what();
      break;
    }
    case Check::Blank:
      for (const std::string blank : {"", "   "}) {
        if (o.required) {
          EXPECT_EQ(call(call_with(blank)).code, code::kRequired) << what() << "«" << blank << "»";
        } else {
          expect_same_as_without(blank);
        }
      }
      break;
    case Check::Missing: {
      const std::string before = state(tx());
      const Outcome missing = call(call_with(std::nullopt), true);
      EXPECT_EQ(missing.code, code::kRequired) << what() << missing.message;
      EXPECT_EQ(missing.state, before) << what() << "the faulting call changed the database";
      break;
    }
    case Check::AtMax:
      EXPECT_EQ(stored(call(call_with(repeat("я", o.max)))), repeat("я", o.max)) << what();
      break;
    case Check::PastMax: {
      const Outcome past = call(call_with(repeat("я", o.max + 1)));
      if (o.overflow == Overflow::Cut) {
        EXPECT_EQ(stored(past), repeat("я", o.max)) << what() << "not cut at " << o.max << " characters";
      } else {
        EXPECT_EQ(past.code, code::kBadValue) << what() << "not refused past " << o.max << " characters";
      }
      break;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Declared, Contract, ::testing::ValuesIn(cases()), case_name);
