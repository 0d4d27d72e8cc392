#include "partnerapi/ops/refusals.h"

#include <algorithm>

namespace partnerapi::ops {
namespace {

constexpr std::string_view kIdSentence =
    "«При указании операндов, которые содержат в себе уникальный идентификатор объектов базы, при невозможности "
    "преобразовать в ссылку выдается ошибка.» An unknown ID and another partner's get the same fault (isolation).";

std::string listed(const std::vector<std::string_view>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "`" : ", `") + std::string(n) + "`";
  return out;
}

// The operands of `op` (second spellings as their own names) that `pick` selects.
template <class Pick>
std::vector<std::string_view> operands_where(const OperationSpec& op, Pick pick) {
  std::vector<std::string_view> out;
  for (const auto& o : op.operands)
    if (pick(o)) out.push_back(o.name);
  return out;
}

void add_if(std::vector<RefusalRow>& rows, const std::vector<std::string_view>& names, const FaultCode& code,
            const std::string& when, Ground ground, std::string_view why) {
  if (!names.empty()) rows.push_back({code.name, listed(names) + when, ground, std::string(why)});
}

// What the operands' declarations imply, in the order they are checked
// (spec-notes: type and format first, then presence, then references).
void operand_refusals(const OperationSpec& op, std::vector<RefusalRow>& rows) {
  add_if(rows, operands_where(op, [](const OperandSpec& o) { return o.type == Type::Id; }), code::kBadId,
         ": given, but not a UUID", Ground::Specification, kIdSentence);
  add_if(rows, operands_where(op, [](const OperandSpec& o) { return o.type == Type::Text; }), code::kBadValue,
         ": not UTF-8, or a character XML 1.0 does not allow", Ground::Schema,
         "The wire is XML 1.0 in UTF-8 (the contract): such a text can be neither stored as it came nor answered.");
  add_if(rows, operands_where(op, [](const OperandSpec& o) { return o.type == Type::Boolean; }), code::kBadValue,
         ": not true, false, 1 or 0", Ground::Specification, "The signature types the operand boolean.");
  add_if(rows, operands_where(op, [](const OperandSpec& o) { return o.type == Type::Integer; }), code::kBadValue,
         ": not an integer of xs:int", Ground::Specification, "The signature types the operand int / integer.");
  add_if(rows, operands_where(op, [](const OperandSpec& o) { return o.type == Type::Date || o.type == Type::DateTime; }),
         code::kBadDate, ": not a date in one of the four forms, or no such day (30 February)", Ground::Specification,
         "«форматируйте строку примерно в таком виде: «2012-09-14T00:00:00.000+06:00», «2012-09-14T00:00:00.000», "
         "«2012-09-14T00:00:00»» (and the contract's «2012-09-14»).");
  for (const auto& o : op.operands) {
    if (o.max && o.overflow == Overflow::Fault)
      rows.push_back({code::kBadValue.name,
                      "`" + std::string(o.name) + "` longer than " + std::to_string(o.max) + " characters",
                      Ground::Schema,
                      "The column holds " + std::to_string(o.max) +
                          " characters and the specification gives no length to cut at: longer is refused, never "
                          "cut."});
    if (o.format_refusal) {
      const Refusal& r = *o.format_refusal;
      rows.push_back({r.code->name, "`" + std::string(o.name) + "`: " + std::string(r.when), r.ground,
                      std::string(r.why)});
    }
  }
  add_if(rows, operands_where(op, [](const OperandSpec& o) { return o.required || o.nonblank; }), code::kRequired,
         ": absent, nil or blank", Ground::Specification,
         "The signature: an operand without «=void» is required (the operation's own text where the specification "
         "gives one).");
  add_if(rows,
         operands_where(op, [](const OperandSpec& o) { return o.kind && o.alias_of.empty() && o.type == Type::Id; }),
         code::kNotFound, ": names no object, or one the current partner may not see", Ground::Specification,
         kIdSentence);
  add_if(rows, operands_where(op, [](const OperandSpec& o) { return o.kind && o.type == Type::Integer; }),
         code::kBadValue, ": not a code of its dictionary", Ground::Integrity,
         "The code is a reference to a dictionary's entry (pay_method_type_read): one that does not exist would "
         "dangle.");
}

// What PostgreSQL refuses a write for, mapped once (src/db/errors.cpp).
void race_refusals(const OperationSpec& op, std::vector<RefusalRow>& rows) {
  if (op.access != Access::Write) return;
  rows.push_back({code::kDuplicate.name, "a concurrent call took the same unique value first", Ground::Integrity,
                  "A unique value of the schema (a number, a name, a pair) stays unique."});
  rows.push_back({code::kReference.name, "an object the call refers to was deleted meanwhile", Ground::Integrity,
                  "A reference that would dangle."});
  rows.push_back({code::kConstraint.name, "a value the schema's checks refuse", Ground::Schema,
                  "A check of the schema (a period's end before its start, a number's prefix)."});
}

}  // namespace

const char* ground_name(Ground g) {
  switch (g) {
    case Ground::Specification: return "specification";
    case Ground::Integrity: return "integrity";
    case Ground::Security: return "security";
    case Ground::Schema: return "schema";
  }
  return "?";
}

std::vector<RefusalRow> refusals_of(const OperationSpec& op) {
  std::vector<RefusalRow> rows;
  operand_refusals(op, rows);
  for (const Refusal* r : op.refusals) rows.push_back({r->code->name, std::string(r->when), r->ground, std::string(r->why)});
  race_refusals(op, rows);
  return rows;
}

const std::vector<RefusalRow>& service_refusals() {
  static const std::vector<RefusalRow> rows = {
      {code::kUnauthorized.name, "no or wrong HTTP Basic credentials (HTTP 401, no envelope)", Ground::Security,
       "Each login belongs to one partner: the current partner of the specification."},
      {code::kRateLimited.name, "more calls than a configured limit allows in its window (HTTP 429)", Ground::Security,
       "Off unless the operator configures limits: one login must not starve the others."},
      {code::kBadRequest.name, "the request is not a SOAP envelope, or its HTTP framing is broken", Ground::Schema,
       "HTTP/1.1 (RFC 9112) and SOAP 1.1/1.2: what cannot be read is not run."},
      {code::kUnknownOperation.name, "the body names no operation of the WSDL", Ground::Specification,
       "The specification's 71 operations."},
  };
  return rows;
}

bool may_refuse(const OperationSpec& op, std::string_view code) {
  const auto has = [&](const std::vector<RefusalRow>& rows) {
    return std::any_of(rows.begin(), rows.end(), [&](const RefusalRow& r) { return r.code == code; });
  };
  return has(refusals_of(op)) || has(service_refusals());
}

namespace {

std::string cell(std::string s) {
  std::string out;
  for (char c : s) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

std::string table_of(const std::vector<RefusalRow>& rows) {
  if (rows.empty()) return "Nothing beyond what any call can meet.\n";
  std::string out = "| code | when | ground | why |\n|---|---|---|---|\n";
  for (const auto& r : rows)
    out += "| `" + r.code + "` | " + cell(r.when) + " | " + ground_name(r.ground) + " | " + cell(r.why) + " |\n";
  return out;
}

}  // namespace

std::string refusal_table() {
  std::string out =
      "# What each operation refuses, and why\n\n"
      "Printed by `partnerapi refusals` from the operations' declarations and their rules; a unit test fails when "
      "this file and the declarations disagree (run `build/src/partnerapi refusals > docs/refusals.md`).\n\n"
      "Every refusal is a SOAP Client fault (HTTP 400 unless said otherwise) with its code in `detail/code`, and "
      "stands on one ground:\n\n"
      "- **specification**: a sentence of the specification or of the wire contract;\n"
      "- **integrity**: the data's integrity (a reference that would dangle, a unique value);\n"
      "- **security**: isolation of partners, the SMTP guard, the credentials;\n"
      "- **schema**: a limit of the schema or of the wire (a column's length, a type's range).\n\n"
      "A database that cannot be reached is not a refusal: it is the Server fault `UNAVAILABLE` (HTTP 500), and "
      "anything unexpected `INTERNAL`.\n\n"
      "## Any call\n\n" +
      table_of(service_refusals());
  for (const auto& op : operations()) out += "\n## " + std::string(op.name) + "\n\n" + table_of(refusals_of(op));
  return out;
}

}  // namespace partnerapi::ops
