#include "parse/csv_table.h"

#include "core/text.h"

namespace omvarld {

std::optional<size_t> CsvTable::column(std::string_view name) const {
  for (size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return i;
  return std::nullopt;
}

Result<CsvTable> parse_csv(std::string_view text, const std::string& source) {
  text = strip_bom(text);
  std::vector<std::vector<CsvCell>> records;
  std::vector<CsvCell> record;
  CsvCell cell;
  bool quoted = false, in_quotes = false, field_started = false;
  size_t line = 1;
  size_t cells = 0;
  bool too_many = false;
  auto end_field = [&] {
    if (++cells > kMaxCsvCells) too_many = true;
    cell.missing = !quoted && cell.text.empty();
    record.push_back(std::move(cell));
    cell = CsvCell{};
    quoted = false;
    field_started = false;
  };
  for (size_t i = 0; i < text.size() && !too_many; ++i) {
    char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          cell.text.push_back('"');
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        cell.text.push_back(c);
      }
      continue;
    }
    if (c == '"' && !field_started) {
      in_quotes = quoted = field_started = true;
    } else if (c == ',') {
      end_field();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_field();
      records.push_back(std::move(record));
      record.clear();
      ++line;
    } else {
      cell.text.push_back(c);
      field_started = true;
    }
  }
  if (too_many)
    return make_error(ErrorKind::kTooLarge,
                      source + ": more than " + std::to_string(kMaxCsvCells) + " cells; not read");
  if (in_quotes)
    return make_error(ErrorKind::kParse,
                      source + ": a quoted field is not closed (truncated file?)");
  if (field_started || !record.empty()) {
    end_field();
    records.push_back(std::move(record));
  }
  if (records.empty()) return make_error(ErrorKind::kParse, source + ": empty CSV");
  CsvTable t;
  for (auto& h : records[0]) t.header.emplace_back(trim(h.text));
  for (size_t r = 1; r < records.size(); ++r) {
    if (records[r].size() == 1 && records[r][0].missing) continue;  // blank line
    if (records[r].size() != t.header.size())
      return make_error(ErrorKind::kParse, source + ": row " + std::to_string(r + 1) + " has " +
                                               std::to_string(records[r].size()) +
                                               " fields, the header " +
                                               std::to_string(t.header.size()));
    t.rows.push_back(std::move(records[r]));
  }
  return t;
}

}  // namespace omvarld
