#include <algorithm>
#include "partnerapi/ops/declaration.h"

#include <stdexcept>

namespace partnerapi::ops {
namespace {

// The highest $N a query names: how many of the plain read's parameters it takes.
std::size_t parameters_named(std::string_view sql) {
  std::size_t most = 0;
  for (std::size_t i = sql.find('$'); i != std::string_view::npos; i = sql.find('$', i + 1)) {
    std::size_t n = 0, j = i + 1;
    for (; j < sql.size() && sql[j] >= '0' && sql[j] <= '9'; ++j) n = n * 10 + static_cast<std::size_t>(sql[j] - '0');
    if (j > i + 1 && n > most) most = n;
  }
  return most;
}

}  // namespace

const OperandSpec* OperationSpec::operand(std::string_view operand_name) const {
  for (const auto& o : operands)
    if (o.name == operand_name) return &o;
  return nullptr;
}

OperationSpec read(std::string_view name, std::vector<OperandSpec> operands, const TableShape& shape,
                   const db::Query& query) {
  OperationSpec s;
  s.name = name;
  s.operands = std::move(operands);
  s.shape = &shape;
  s.query = &query;
  s.query_params = parameters_named(query.sql);
  const auto spelled_once = static_cast<std::size_t>(
      std::count_if(s.operands.begin(), s.operands.end(), [](const OperandSpec& o) { return o.alias_of.empty(); }));
  if (s.query_params > spelled_once + 1)
    throw std::logic_error(std::string(name) + ": its query names more parameters than the operation has operands");
  s.rows_from = {&query};
  return s;
}

OperationSpec read(std::string_view name, std::vector<OperandSpec> operands, const TableShape& shape,
                   const db::Query& query, const db::StoredAs& stored_as) {
  OperationSpec s = read(name, std::move(operands), shape, query);
  s.stored_as = &stored_as;
  return s;
}

OperationSpec few_rows(OperationSpec read) {
  read.few_rows = true;
  return read;
}

OperationSpec table_operation(std::string_view name, Access access, std::vector<OperandSpec> operands,
                              const TableShape& shape, Body body, std::vector<const db::Query*> rows_from) {
  OperationSpec s;
  s.name = name;
  s.access = access;
  s.operands = std::move(operands);
  s.shape = &shape;
  s.body = body;
  s.rows_from = std::move(rows_from);
  return s;
}

OperationSpec boolean_operation(std::string_view name, Access access, std::vector<OperandSpec> operands, Body body) {
  OperationSpec s;
  s.name = name;
  s.access = access;
  s.operands = std::move(operands);
  s.result = ResultKind::Boolean;
  s.body = body;
  return s;
}

OperationSpec binary_operation(std::string_view name, Access access, std::vector<OperandSpec> operands, Body body) {
  OperationSpec s = boolean_operation(name, access, std::move(operands), body);
  s.result = ResultKind::Binary;
  return s;
}

OperationSpec refusing(OperationSpec op, std::vector<const Refusal*> rules) {
  op.refusals = std::move(rules);
  return op;
}

void refuse(const Refusal& r, const std::string& message) { throw ApiError(*r.code, message); }

OperationSpec not_built(std::string_view name, Access access) {
  OperationSpec s;
  s.name = name;
  s.access = access;
  return s;
}

const Args::Value* Args::find(const OperandSpec& o) const {
  for (std::size_t i = 0; i < values_.size(); ++i) {
    const auto& declared = spec_->operands[i];
    if (declared.name != o.name) continue;
    if (declared.type != o.type) throw std::logic_error(std::string(o.name) + " is read as another type than declared");
    return &values_[i];
  }
  return nullptr;
}

Uid Args::required_id(const OperandSpec& o) const {
  auto v = id(o);
  if (!v) throw std::logic_error(std::string(spec_->name) + ": " + std::string(o.name) + " is not declared required");
  return std::move(*v);
}

const char* Args::param(const OperandSpec& o) const {
  const Value* v = find(o);
  return v && v->param ? v->param->c_str() : nullptr;
}

const char* Args::param(std::size_t index) const {
  const auto& p = values_.at(index).param;
  return p ? p->c_str() : nullptr;
}

void Args::set(std::size_t index, Typed value, std::string param_text) {
  values_.at(index) = {std::move(value), std::move(param_text)};
}

Table table_of(const TableShape& shape, const db::Rows& rows) {
  Table t(shape);
  db::append_rows(t, rows);
  return t;
}

Table table_of(const TableShape& shape, const db::Rows& rows, const db::StoredAs& stored_as) {
  Table t(shape);
  db::append_rows(t, rows, &stored_as);
  return t;
}

}  // namespace partnerapi::ops
