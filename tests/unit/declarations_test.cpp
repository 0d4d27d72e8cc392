// Every declaration against the WSDL: the operand names, their order and wire
// types, and the result kind. A misspelt, missing or misplaced operand fails
// here, naming the operation.
#include <gtest/gtest.h>

#include <string>

#include "partnerapi/ops/declaration.h"
#include "partnerapi/ops/wsdl_operations.h"

using namespace partnerapi;
using namespace partnerapi::ops;

namespace {

std::string_view wire_type(Type t) {
  switch (t) {
    case Type::Id:
    case Type::Text: return "xs:string";
    case Type::Boolean: return "xs:boolean";
    case Type::Integer: return "xs:int";
    case Type::Date:
    case Type::DateTime: break;
  }
  return "xs:dateTime";
}

std::string_view result_kind(ResultKind k) {
  switch (k) {
    case ResultKind::Table: return "table";
    case ResultKind::Boolean: return "boolean";
    case ResultKind::Binary: break;
  }
  return "binary";
}

const WsdlOperation* in_wsdl(std::string_view name) {
  for (const auto& op : wsdl_operations())
    if (op.name == name) return &op;
  return nullptr;
}

std::vector<std::string> built_operations() {
  std::vector<std::string> names;
  for (const auto& spec : operations())
    if (spec.built()) names.emplace_back(spec.name);
  return names;
}

// The declaration of one operation, named by the test's parameter.
class Declaration : public ::testing::TestWithParam<std::string> {
 protected:
  const OperationSpec& spec() const { return *find_operation(GetParam()); }
};

}  // namespace

TEST(Declarations, TheTableListsEveryWsdlOperationOnceAndNoOther) {
  ASSERT_EQ(operations().size(), wsdl_operations().size());
  for (const auto& op : wsdl_operations()) {
    const OperationSpec* spec = find_operation(op.name);
    ASSERT_NE(spec, nullptr) << op.name << " is in the WSDL but not in the operation table";
    EXPECT_EQ(spec->name, op.name);
  }
}

TEST(Declarations, EveryOperationOfTheSpecificationIsBuilt) {
  for (const auto& spec : operations()) EXPECT_TRUE(spec.built()) << spec.name << " answers NOT_IMPLEMENTED";
}

TEST_P(Declaration, OperandsAreTheWsdlsInNameOrderAndType) {
  const WsdlOperation* wsdl = in_wsdl(spec().name);
  ASSERT_NE(wsdl, nullptr) << spec().name << " is declared but not in the WSDL";
  const auto& declared = spec().operands;
  for (std::size_t i = 0; i < std::max(declared.size(), wsdl->operands.size()); ++i) {
    const std::string_view d = i < declared.size() ? declared[i].name : "(nothing)";
    const std::string_view w = i < wsdl->operands.size() ? wsdl->operands[i].name : "(nothing)";
    ASSERT_EQ(d, w) << spec().name << ": operand " << i + 1 << " is declared as «" << d << "», the WSDL has «" << w
                    << "»";
    EXPECT_EQ(wire_type(declared[i].type), wsdl->operands[i].type) << spec().name << ": operand " << d;
  }
}

TEST_P(Declaration, ResultIsTheWsdlsKindAndATableHasItsShape) {
  const WsdlOperation* wsdl = in_wsdl(spec().name);
  ASSERT_NE(wsdl, nullptr);
  EXPECT_EQ(result_kind(spec().result), wsdl->result) << spec().name;
  if (spec().result == ResultKind::Table) {
    ASSERT_NE(spec().shape, nullptr) << spec().name << " returns a table but declares no shape";
    for (const auto& key : spec().shape->key()) {
      bool found = false;
      for (const auto& c : spec().shape->columns()) found = found || c.name == key;
      EXPECT_TRUE(found) << spec().name << ": key column " << key << " is not a column";
    }
  }
}

TEST_P(Declaration, IdsNameAKindAndAliasesFollowTheirOperand) {
  const auto& operands = spec().operands;
  for (std::size_t i = 0; i < operands.size(); ++i) {
    const auto& o = operands[i];
    if (o.type == Type::Id) {
      EXPECT_TRUE(o.kind.has_value()) << spec().name << ": " << o.name << " names no kind";
    }
    if (o.kind && is_code_kind(*o.kind)) {
      EXPECT_EQ(o.type, Type::Integer) << spec().name << ": " << o.name;
    }
    if (o.alias_of.empty()) continue;
    bool before = false;
    for (std::size_t j = 0; j < i; ++j) before = before || operands[j].name == o.alias_of;
    EXPECT_TRUE(before) << spec().name << ": " << o.name << " spells " << o.alias_of << ", declared after it";
  }
}

TEST_P(Declaration, ABodyNamesTheQueriesThatFillItsTable) {
  if (spec().result != ResultKind::Table || spec().query) return;
  for (const auto* q : spec().rows_from) EXPECT_NE(q, nullptr) << spec().name;
}

std::string operation_name(const ::testing::TestParamInfo<std::string>& p) { return p.param; }

INSTANTIATE_TEST_SUITE_P(Built, Declaration, ::testing::ValuesIn(built_operations()), operation_name);
