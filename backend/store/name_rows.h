// The rows of the in-memory name index (name_table.h): folded name -> encoded summary, in the
// names database's own (memcmp) order. What `q` searches (the folded name, then the lower-cased
// base URL) of every row lies in one buffer, in row order, so that one memmem over it finds the
// next matching row: a `q` scan of 100,000 rows reads ~5 MB in sequence instead of calling a
// search on 200,000 separate strings.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace datahub::backend {

class NameRows {
 public:
  std::size_t size() const { return m_rows.size(); }
  std::string_view key(std::size_t i) const;
  std::string_view value(std::size_t i) const { return m_rows[i].value; }
  // The first row whose key is greater than `key` (size() when none).
  std::size_t upper_bound(std::string_view key) const;
  // The first row from `from` on whose key or base URL contains `needle` (size() when none).
  std::size_t next_match(std::size_t from, std::string_view needle) const;

  // Adds the row, or replaces the value of the row with this key.
  void put(std::string_view key, std::string_view value);
  void erase(std::string_view key);

 private:
  struct Row {
    std::size_t at;  // of the key in m_text; the base URL follows it
    std::uint32_t key_size;
    std::uint32_t url_size;  // 0 for a value that does not decode (the scan reports it)
    std::string value;
  };
  std::size_t lower_bound(std::string_view key) const;
  bool contains(const Row& row, std::size_t hit, std::size_t length) const;
  // Moves the text of every row from `first` on by `delta` bytes.
  void shift(std::size_t first, std::ptrdiff_t delta);

  std::string m_text;  // key + base URL of every row, in row order
  std::vector<Row> m_rows;
};

}  // namespace datahub::backend
