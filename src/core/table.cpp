#include "partnerapi/table.h"

#include <stdexcept>

namespace partnerapi {
namespace {

const char* xsi_type(ColumnType t) {
  switch (t) {
    case ColumnType::Boolean: return "xs:boolean";
    case ColumnType::Decimal: return "xs:decimal";
    case ColumnType::DateTime:
    case ColumnType::Date: return "xs:dateTime";
    case ColumnType::String: break;
  }
  return "xs:string";
}

std::string qualifiers(const Column& c) {
  switch (c.type) {
    case ColumnType::String:
      return "<StringQualifiers><Length>" + std::to_string(c.length) +
             "</Length><AllowedLength>Variable</AllowedLength></StringQualifiers>";
    case ColumnType::Decimal:
      return "<NumberQualifiers><Digits>10</Digits><FractionDigits>0</FractionDigits>"
             "<AllowedSign>Any</AllowedSign></NumberQualifiers>";
    case ColumnType::DateTime:
      return "<DateQualifiers><DateFractions>DateTime</DateFractions></DateQualifiers>";
    case ColumnType::Date:
      return "<DateQualifiers><DateFractions>Date</DateFractions></DateQualifiers>";
    case ColumnType::Boolean: break;
  }
  return {};
}

std::string column_xml(const Column& c) {
  std::string out = "<column><Name>" + c.name + "</Name><ValueType><Type>" + xsi_type(c.type) + "</Type>";
  if (c.nullable) out += "<Type>Null</Type>";
  return out + qualifiers(c) + "</ValueType></column>";
}

std::string index_xml(const std::vector<std::string>& key) {
  if (key.empty()) return {};
  std::string out = "<index>";
  for (const auto& k : key) out += "<column>" + k + "</column>";
  return out + "</index>";
}

// Pre-rendered `<Value xsi:type="...">` openings, one per column type.
const std::string& value_open(ColumnType t) {
  static const std::string kOpen[] = {
      "<Value xsi:type=\"xs:string\">", "<Value xsi:type=\"xs:boolean\">", "<Value xsi:type=\"xs:decimal\">",
      "<Value xsi:type=\"xs:dateTime\">", "<Value xsi:type=\"xs:dateTime\">"};
  return kOpen[static_cast<int>(t)];
}

}  // namespace

TableShape::TableShape(std::vector<Column> columns, std::vector<std::string> key)
    : columns_(std::move(columns)), key_(std::move(key)) {
  for (const auto& c : columns_) header_xml_ += column_xml(c);
  header_xml_ += index_xml(key_);
}

void Table::add(Row row) {
  if (row.size() != shape_->width())
    throw std::logic_error("row of " + std::to_string(row.size()) + " cells in a table of " +
                           std::to_string(shape_->width()) + " columns");
  rows_.push_back(std::move(row));
}

Cell cell(std::string text) { return Cell(std::move(text)); }
Cell cell(bool value) { return Cell(value ? "true" : "false"); }
Cell cell(long long value) { return Cell(std::to_string(value)); }

void append_escaped(std::string& out, const std::string& text) {
  for (char ch : text) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '\r': out += "&#xD;"; break;
      case '\t':
      case '\n': out += ch; break;
      default:
        if (static_cast<unsigned char>(ch) >= 0x20) out += ch;
    }
  }
}

std::string write_value_table(const Table& table) {
  const auto& shape = table.shape();
  std::string out;
  out.reserve(shape.header_xml().size() + table.rows().size() * shape.width() * 64);
  out += shape.header_xml();
  for (const auto& row : table.rows()) {
    out += "<row>";
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (!row[i]) {
        out += "<Value xsi:nil=\"true\"/>";
        continue;
      }
      out += value_open(shape.columns()[i].type);
      append_escaped(out, *row[i]);
      out += "</Value>";
    }
    out += "</row>";
  }
  return out;
}

}  // namespace partnerapi
