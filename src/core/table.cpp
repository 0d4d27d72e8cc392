#include "partnerapi/table.h"

#include "partnerapi/cooperative.h"
#include "partnerapi/text.h"

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

namespace {
constexpr std::uint32_t kNil = 0x80000000u;  // high bit of an end offset: the cell is nil
}  // namespace

void Table::add(const Row& row) {
  if (row.size() != shape_->width())
    throw std::logic_error("row of " + std::to_string(row.size()) + " cells in a table of " +
                           std::to_string(shape_->width()) + " columns");
  for (const auto& c : row) c ? push(*c) : push_nil();
  end_row();
}

void Table::push(std::string_view text) {
  if (text_.size() + text.size() >= kNil) throw std::length_error("table text over 2 GB");
  text_.append(text);
  ends_.push_back(static_cast<std::uint32_t>(text_.size()));
  ++row_cells_;
}

void Table::push_nil() {
  ends_.push_back(static_cast<std::uint32_t>(text_.size()) | kNil);
  ++row_cells_;
}

void Table::end_row() {
  const std::size_t width = shape_->width();
  if (row_cells_ != width) {
    ends_.resize(ends_.size() - row_cells_);
    text_.resize(ends_.empty() ? 0 : ends_.back() & ~kNil);
    const std::size_t cells = row_cells_;
    row_cells_ = 0;
    throw std::logic_error("row of " + std::to_string(cells) + " cells in a table of " + std::to_string(width) +
                           " columns");
  }
  row_cells_ = 0;
}

void Table::reserve(std::size_t rows, std::size_t text_bytes) {
  ends_.reserve(ends_.size() + rows * shape_->width());
  text_.reserve(text_.size() + text_bytes);
}

void Table::clear() noexcept {
  text_.clear();
  ends_.clear();
  row_cells_ = 0;
}

std::optional<std::string_view> Table::cell_view(std::size_t index) const {
  const std::uint32_t end = ends_[index];
  if (end & kNil) return std::nullopt;
  const std::uint32_t begin = index == 0 ? 0 : ends_[index - 1] & ~kNil;
  return std::string_view(text_).substr(begin, end - begin);
}

std::optional<std::string_view> Table::view(std::size_t row, std::size_t column) const {
  if (row >= size() || column >= shape_->width()) throw std::out_of_range("no such table cell");
  return cell_view(row * shape_->width() + column);
}

Cell Table::at(std::size_t row, std::size_t column) const {
  const auto v = view(row, column);
  return v ? Cell(std::string(*v)) : std::nullopt;
}

Cell cell(std::string text) { return Cell(std::move(text)); }
Cell cell(bool value) { return Cell(value ? "true" : "false"); }
Cell cell(long long value) { return Cell(std::to_string(value)); }

void append_escaped(std::string& out, std::string_view text) {
  // Runs of ordinary characters are appended whole; only the few that need
  // escaping or dropping are looked at one by one.
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto ch = static_cast<unsigned char>(text[i]);
    if (ch == 0xEF && text::noncharacter_at(text, i)) {  // U+FFFE, U+FFFF: not XML characters
      out.append(text, run, i - run);
      i += 2;
      run = i + 1;
      continue;
    }
    if (ch >= 0x20 && ch != '&' && ch != '<' && ch != '>') continue;
    out.append(text, run, i - run);
    run = i + 1;
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '\r': out += "&#xD;"; break;
      case '\t':
      case '\n': out += static_cast<char>(ch); break;
      default: break;  // other control characters: 1C rejects them
    }
  }
  out.append(text, run, text.size() - run);
}

void append_value_rows(std::string& out, const Table& table) {
  const auto& shape = table.shape();
  const std::size_t width = shape.width();
  for (std::size_t r = 0; r < table.size(); ++r) {
    cooperative::yield_if_busy_at_row(r);  // a large table: others go on meanwhile
    out += "<row>";
    for (std::size_t c = 0; c < width; ++c) {
      const auto v = table.view(r, c);
      if (!v) {
        out += "<Value xsi:nil=\"true\"/>";
        continue;
      }
      out += value_open(shape.columns()[c].type);
      append_escaped(out, *v);
      out += "</Value>";
    }
    out += "</row>";
  }
}

std::string write_value_table(const Table& table) {
  std::string out;
  out.reserve(table.shape().header_xml().size() + table.size() * table.shape().width() * 64);
  out += table.shape().header_xml();
  append_value_rows(out, table);
  return out;
}

}  // namespace partnerapi
