#pragma once
// An operation, declared once beside its family's rules: its name, whether it
// reads or writes, its operands exactly as the WSDL names and orders them (each
// with a type, and for IDs the kind of object it names), its result, and its
// body: a named query for a plain read, or a function holding only the
// specification's own rules. The executor turns the request's operands into
// typed, cut, checked and resolved values (Args) before the body runs, so the
// rules that hold for every operation are written, and tested, once.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "partnerapi/api_error.h"
#include "partnerapi/db/query.h"
#include "partnerapi/db/rows.h"
#include "partnerapi/moscow_time.h"
#include "partnerapi/object_kind.h"
#include "partnerapi/ops/operation.h"
#include "partnerapi/table.h"

namespace partnerapi::ops {

// Why the service may refuse a call: every refusal it can give stands on one.
enum class Ground {
  Specification,  // a sentence of the specification (or of the wire contract)
  Integrity,      // the data's integrity: a reference that would dangle, a unique value
  Security,       // isolation of partners, the SMTP guard
  Schema,         // a limit of the schema or of the wire: a column's length, a type's range
};

// A refusal an operation's rules can give: its code, when it happens, and
// why the service may refuse it. The rules throw through refuse(), each
// declaration lists the refusals of its rules (refusing()), and the refusal
// table (docs/refusals.md, the reference pages) is printed from them.
struct Refusal {
  const FaultCode* code;
  std::string_view when;  // what the caller asked that is refused
  Ground ground;
  std::string_view why;   // the specification's sentence, or what integrity, security or the schema needs
};

// Throws `r` as ApiError with `message` (the code's own text when empty).
[[noreturn]] void refuse(const Refusal& r, const std::string& message = {});

// What an operand holds. On the wire: Id and Text are xs:string, Boolean
// xs:boolean, Integer xs:int, Date and DateTime xs:dateTime.
enum class Type { Id, Text, Boolean, Integer, Date, DateTime };
// A text longer than its maximum: cut silently at that many characters (the
// specification says so), or refused with INVALID_VALUE (nothing is lost).
enum class Overflow { Cut, Fault };

struct OperandSpec {
  std::string_view name;
  Type type = Type::Text;
  std::optional<ObjectKind> kind;  // Id, or an Integer that is a dictionary's code
  std::size_t max = 0;             // Text: most characters, 0 for no limit
  Overflow overflow = Overflow::Cut;
  bool required = false;           // absent or nil is a REQUIRED fault
  bool nonblank = false;           // a value of only blanks (after the cut) is one too
  std::string_view missing;        // that fault's text; empty: the generic one
  std::string_view alias_of;       // a second spelling: this element carries that operand
  // Text: the specification's format rule; returns the value to use, or
  // throws `format_refusal`.
  std::string (*format)(std::string) = nullptr;
  const Refusal* format_refusal = nullptr;
};

constexpr OperandSpec id(std::string_view name, ObjectKind kind) {
  OperandSpec o{};
  o.name = name;
  o.type = Type::Id;
  o.kind = kind;
  return o;
}
constexpr OperandSpec text(std::string_view name, std::size_t max = 0, Overflow overflow = Overflow::Cut) {
  OperandSpec o{};
  o.name = name;
  o.max = max;
  o.overflow = overflow;
  return o;
}
constexpr OperandSpec of_type(std::string_view name, Type type) {
  OperandSpec o{};
  o.name = name;
  o.type = type;
  return o;
}
constexpr OperandSpec boolean(std::string_view name) { return of_type(name, Type::Boolean); }
constexpr OperandSpec integer(std::string_view name) { return of_type(name, Type::Integer); }
constexpr OperandSpec date(std::string_view name) { return of_type(name, Type::Date); }
constexpr OperandSpec datetime(std::string_view name) { return of_type(name, Type::DateTime); }
// An integer that must be one of a dictionary's codes (the Resolver checks it).
constexpr OperandSpec code(std::string_view name, ObjectKind kind) {
  OperandSpec o = of_type(name, Type::Integer);
  o.kind = kind;
  return o;
}
// `missing`: the fault's text; without one, the operand's own (nonblank) or the generic one.
constexpr OperandSpec required(OperandSpec o, std::string_view missing = {}) {
  o.required = true;
  if (!missing.empty()) o.missing = missing;
  return o;
}
// Given, it must not be blank: "" is the `missing` fault, not a value.
constexpr OperandSpec nonblank(OperandSpec o, std::string_view missing) {
  o.nonblank = true;
  o.missing = missing;
  return o;
}
constexpr OperandSpec formatted(OperandSpec o, std::string (*format)(std::string), const Refusal& refusal) {
  o.format = format;
  o.format_refusal = &refusal;
  return o;
}
// The contract's second spelling of `of`: either element carries the value.
constexpr OperandSpec alias(std::string_view name, OperandSpec of) {
  of.alias_of = of.name;
  of.name = name;
  of.required = false;
  return of;
}

enum class ResultKind { Table, Boolean, Binary };

class Args;
using Body = Result (*)(Context&, const Args&);

struct OperationSpec {
  std::string_view name;
  Access access = Access::Read;
  std::vector<OperandSpec> operands;  // the WSDL's request elements, in order
  ResultKind result = ResultKind::Table;
  const TableShape* shape = nullptr;  // a table's columns and key
  // A plain read: its rows are the table. Parameters: $1 the current partner,
  // $2... the operands in declaration order, second spellings (aliases) left
  // out; the query takes the first ones it names ($N).
  const db::Query* query = nullptr;
  std::size_t query_params = 0;
  const db::StoredAs* stored_as = nullptr;  // a column of the query's that is not its wire text
  bool few_rows = false;  // a plain read answered from one result, not streamed (see few_rows())
  Body body = nullptr;
  // The queries whose rows a body puts in its table: the suite checks their
  // columns against the shape, as it does a plain read's query.
  std::vector<const db::Query*> rows_from;
  // What its rules refuse, beyond what its operands' declarations imply (refusals.h).
  std::vector<const Refusal*> refusals;

  bool built() const { return query || body; }
  // The declared operand of that name (aliases included), or nullptr.
  const OperandSpec* operand(std::string_view operand_name) const;
};

// A plain read: a declaration and a named query.
OperationSpec read(std::string_view name, std::vector<OperandSpec> operands, const TableShape& shape,
                   const db::Query& query);
// The same, one column's stored text turned into its wire text.
OperationSpec read(std::string_view name, std::vector<OperandSpec> operands, const TableShape& shape,
                   const db::Query& query, const db::StoredAs& stored_as);
// A plain read whose rows are few by nature (the partner's own record, a
// dictionary): answered from one result on the shared connections, without
// holding a connection for a stream. Every other table read streams.
OperationSpec few_rows(OperationSpec read);
// An operation with rules: its body and the queries that fill its table.
OperationSpec table_operation(std::string_view name, Access access, std::vector<OperandSpec> operands,
                              const TableShape& shape, Body body, std::vector<const db::Query*> rows_from);
// An operation that answers true or false (xs:boolean).
OperationSpec boolean_operation(std::string_view name, Access access, std::vector<OperandSpec> operands, Body body);
// An operation that answers bytes (xs:base64Binary).
OperationSpec binary_operation(std::string_view name, Access access, std::vector<OperandSpec> operands, Body body);
// `op`, whose rules refuse what `rules` say.
OperationSpec refusing(OperationSpec op, std::vector<const Refusal*> rules);
// Declared in the contract, not built yet: answers NOT_IMPLEMENTED.
OperationSpec not_built(std::string_view name, Access access = Access::Read);

// A request's operands after parsing, cutting and resolving, by declaration.
// Asking for an operand the operation does not declare gives "not specified":
// a family's variants (client_add / _its / _advanced) share one body.
class Args {
 public:
  using Typed = std::variant<std::monostate, Uid, std::string, bool, long long, MoscowTime>;

  explicit Args(const OperationSpec& spec) : spec_(&spec), values_(spec.operands.size()) {}

  std::optional<Uid> id(const OperandSpec& o) const { return get<Uid>(o); }
  Uid required_id(const OperandSpec& o) const;
  std::optional<std::string> text(const OperandSpec& o) const { return get<std::string>(o); }
  std::optional<bool> boolean(const OperandSpec& o) const { return get<bool>(o); }
  std::optional<long long> integer(const OperandSpec& o) const { return get<long long>(o); }
  std::optional<MoscowTime> datetime(const OperandSpec& o) const { return get<MoscowTime>(o); }
  // The value as a query parameter (text; nullptr when not specified).
  const char* param(const OperandSpec& o) const;
  const char* param(std::size_t index) const;

  const OperationSpec& spec() const { return *spec_; }
  // Set by the executor while it parses the request.
  void set(std::size_t index, Typed value, std::string param_text);
  const Typed& value(std::size_t index) const { return values_[index].typed; }

 private:
  struct Value {
    Typed typed;
    std::optional<std::string> param;
  };
  const Value* find(const OperandSpec& o) const;
  template <class T>
  std::optional<T> get(const OperandSpec& o) const {
    const Value* v = find(o);
    if (!v || std::holds_alternative<std::monostate>(v->typed)) return std::nullopt;
    return std::get<T>(v->typed);
  }

  const OperationSpec* spec_;
  std::vector<Value> values_;
};

// A read's answer: the rows of `q` (its parameters as for db::exec) as a
// table of `shape`, streamed to the client as they are read.
template <class... P>
Result answer_rows(Context& ctx, const TableShape& shape, const db::Query& q, const P&... params) {
  db::Params texts(sizeof...(P));
  (texts.add(params), ...);
  return ctx.db.stream(shape, q, texts.values(), nullptr);
}

// The rows of `rows` as a table of `shape`, columns matched by name.
Table table_of(const TableShape& shape, const db::Rows& rows);
// The same, one column's stored text turned into its wire text.
Table table_of(const TableShape& shape, const db::Rows& rows, const db::StoredAs& stored_as);

}  // namespace partnerapi::ops

namespace partnerapi::ops {

// Every operation of the specification, in the order of its section 3.
const std::vector<OperationSpec>& operations();
const OperationSpec* find_operation(std::string_view name);

}  // namespace partnerapi::ops
