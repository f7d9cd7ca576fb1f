#include "name_rows.h"

#include <string.h>

#include <algorithm>

#include "name_index.h"

namespace datahub::backend {

namespace {

std::string_view url_of(std::string_view value) {
  auto summary = decode_name_summary(value);
  return summary ? summary->base_url_lower : std::string_view();
}

}  // namespace

std::string_view NameRows::key(std::size_t i) const {
  const Row& row = m_rows[i];
  return std::string_view(m_text).substr(row.at, row.key_size);
}

std::size_t NameRows::lower_bound(std::string_view key) const {
  std::size_t low = 0, high = m_rows.size();
  while (low < high) {
    const std::size_t mid = low + (high - low) / 2;
    if (this->key(mid) < key)
      low = mid + 1;
    else
      high = mid;
  }
  return low;
}

std::size_t NameRows::upper_bound(std::string_view key) const {
  std::size_t at = lower_bound(key);
  if (at < m_rows.size() && this->key(at) == key) ++at;
  return at;
}

// A hit that runs from the key into the URL (or lies in neither) is not a match.
bool NameRows::contains(const Row& row, std::size_t hit, std::size_t length) const {
  const std::size_t url_at = row.at + row.key_size;
  if (hit + length <= url_at) return hit >= row.at;
  return hit >= url_at && hit + length <= url_at + row.url_size;
}

std::size_t NameRows::next_match(std::size_t from, std::string_view needle) const {
  if (needle.empty() || from >= m_rows.size()) return from;
  std::size_t pos = m_rows[from].at;
  auto row = m_rows.begin() + static_cast<std::ptrdiff_t>(from);
  while (pos < m_text.size()) {
    const void* found =
        ::memmem(m_text.data() + pos, m_text.size() - pos, needle.data(), needle.size());
    if (found == nullptr) break;
    const auto hit = static_cast<std::size_t>(static_cast<const char*>(found) - m_text.data());
    // The row holding the hit: the last one starting at or before it (often `row` itself).
    if (row + 1 != m_rows.end() && (row + 1)->at <= hit) {
      row = std::upper_bound(row, m_rows.end(), hit,
                             [](std::size_t at, const Row& r) { return at < r.at; }) -
            1;
    }
    if (contains(*row, hit, needle.size())) return static_cast<std::size_t>(row - m_rows.begin());
    pos = hit + 1;
  }
  return m_rows.size();
}

void NameRows::shift(std::size_t first, std::ptrdiff_t delta) {
  for (std::size_t i = first; i < m_rows.size(); ++i) {
    m_rows[i].at = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(m_rows[i].at) + delta);
  }
}

void NameRows::put(std::string_view key, std::string_view value) {
  const std::string_view url = url_of(value);
  const std::size_t i = lower_bound(key);
  if (i < m_rows.size() && this->key(i) == key) {
    Row& row = m_rows[i];
    m_text.replace(row.at + row.key_size, row.url_size, url);
    const auto delta = static_cast<std::ptrdiff_t>(url.size()) - row.url_size;
    row.url_size = static_cast<std::uint32_t>(url.size());
    row.value = value;
    shift(i + 1, delta);
    return;
  }
  const std::size_t at = i < m_rows.size() ? m_rows[i].at : m_text.size();
  m_text.insert(at, std::string(key).append(url));
  m_rows.insert(m_rows.begin() + static_cast<std::ptrdiff_t>(i),
                Row{at, static_cast<std::uint32_t>(key.size()),
                    static_cast<std::uint32_t>(url.size()), std::string(value)});
  shift(i + 1, static_cast<std::ptrdiff_t>(key.size() + url.size()));
}

void NameRows::erase(std::string_view key) {
  const std::size_t i = lower_bound(key);
  if (i == m_rows.size() || this->key(i) != key) return;
  const Row& row = m_rows[i];
  const std::size_t size = row.key_size + row.url_size;
  m_text.erase(row.at, size);
  m_rows.erase(m_rows.begin() + static_cast<std::ptrdiff_t>(i));
  shift(i, -static_cast<std::ptrdiff_t>(size));
}

}  // namespace datahub::backend
