#pragma once
// The result of a table operation, written to the wire as a 1C ValueTable:
// typed columns in the specification's order, the key columns, and rows of
// positional cells. A cell holds the text of its value (already in wire form:
// "true"/"false", decimal digits, `YYYY-MM-DDThh:mm:ss`) or nothing for nil.
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace partnerapi {

enum class ColumnType { String, Boolean, Decimal, DateTime, Date };

struct Column {
  std::string name;
  ColumnType type = ColumnType::String;
  int length = 0;        // strings: maximum characters (0 = unlimited)
  bool nullable = true;  // declares 1C's Null type beside the value type
};

// The fixed shape of one operation family's results: columns, key and the
// pre-rendered <column>/<index> XML shared by every response of that shape.
class TableShape {
 public:
  TableShape(std::vector<Column> columns, std::vector<std::string> key);
  const std::vector<Column>& columns() const noexcept { return columns_; }
  const std::vector<std::string>& key() const noexcept { return key_; }
  const std::string& header_xml() const noexcept { return header_xml_; }
  std::size_t width() const noexcept { return columns_.size(); }

 private:
  std::vector<Column> columns_;
  std::vector<std::string> key_;
  std::string header_xml_;
};

using Cell = std::optional<std::string>;
using Row = std::vector<Cell>;

// Cells are kept in one text buffer with an end offset each, not as a string
// per cell: a 10,000-row result is a few allocations, not 110,000.
class Table {
 public:
  explicit Table(const TableShape& shape) : shape_(&shape) {}
  const TableShape& shape() const noexcept { return *shape_; }
  std::size_t size() const noexcept { return ends_.size() / shape_->width(); }
  bool empty() const noexcept { return ends_.empty(); }
  // Adds a row; throws std::logic_error when its width is not the shape's.
  void add(const Row& row);
  // A row cell by cell (rows read from the database): each cell in column
  // order, then end_row(), which checks the width.
  void push(std::string_view text);
  void push_nil();
  void end_row();
  void reserve(std::size_t rows, std::size_t text_bytes);
  // No rows, the buffers kept for the next batch.
  void clear() noexcept;
  // The cell's text, nullopt for nil.
  std::optional<std::string_view> view(std::size_t row, std::size_t column) const;
  Cell at(std::size_t row, std::size_t column) const;

 private:
  std::optional<std::string_view> cell_view(std::size_t index) const;

  const TableShape* shape_;
  std::string text_;
  std::vector<std::uint32_t> ends_;  // end of each cell in text_; kNil bit marks nil
  std::size_t row_cells_ = 0;        // cells pushed for the row in progress
};

// Cell helpers for values built in code (the repositories map SQL text).
Cell cell(std::string text);
Cell cell(bool value);
Cell cell(long long value);
inline Cell nil() { return std::nullopt; }

// The ValueTable's content (column, index, row elements) as XML text, in the
// 1C core namespace and with xsi:type on every value; the caller binds the
// namespaces (the `return` element does, as 1C does).
std::string write_value_table(const Table& table);
// The rows alone (a streamed answer writes the shape's header_xml() first,
// then its rows batch by batch).
void append_value_rows(std::string& out, const Table& table);
// Appends `text` escaped for XML character data: & < > escaped, CR as &#xD;,
// control characters other than TAB and LF dropped (1C rejects them), and
// U+FFFE and U+FFFF dropped: whatever is stored, the answer is well-formed XML.
void append_escaped(std::string& out, std::string_view text);

}  // namespace partnerapi
