// Result<T>: a value or a Problem. C++20 without std::expected (Emscripten 3.1.6 ships libc++ 14).
#pragma once

#include <cassert>
#include <utility>
#include <variant>

#include "datahub/problem.h"

namespace datahub {

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : m_data(std::move(value)) {}            // NOLINT: implicit by design
  Result(Problem problem) : m_data(std::move(problem)) {}  // NOLINT: implicit by design

  bool ok() const { return m_data.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok() && "Result holds a Problem, not a value");
    return std::get<0>(m_data);
  }
  const T& value() const& {
    assert(ok() && "Result holds a Problem, not a value");
    return std::get<0>(m_data);
  }
  T&& value() && {
    assert(ok() && "Result holds a Problem, not a value");
    return std::get<0>(std::move(m_data));
  }
  const Problem& problem() const {
    assert(!ok() && "Result holds a value, not a Problem");
    return std::get<1>(m_data);
  }

  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Problem> m_data;
};

}  // namespace datahub
