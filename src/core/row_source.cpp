#include "partnerapi/row_source.h"

#include <algorithm>

namespace partnerapi {
namespace {

class WholeTable final : public RowSource {
 public:
  explicit WholeTable(Table table) : table_(std::move(table)) {}

  bool next(Table& batch) override {
    const std::size_t end = std::min(table_.size(), at_ + kBatchRows);
    for (; at_ < end; ++at_) {
      for (std::size_t c = 0; c < table_.shape().width(); ++c) {
        const auto v = table_.view(at_, c);
        v ? batch.push(*v) : batch.push_nil();
      }
      batch.end_row();
    }
    return at_ < table_.size();
  }

 private:
  Table table_;
  std::size_t at_ = 0;
};

}  // namespace

TableStream stream_of(Table table) {
  const TableShape* shape = &table.shape();
  return {shape, std::make_unique<WholeTable>(std::move(table))};
}

Table collect(TableStream& stream) {
  Table all(*stream.shape);
  while (stream.rows->next(all)) {
  }
  return all;
}

}  // namespace partnerapi
