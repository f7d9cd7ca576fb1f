// What each route needs (identity/caller.h's Access), found from a request's method and path
// before httplib routes it, so that a caller who may not call a route is refused before the
// body is read. Paths are the OpenAPI ones; "{id}" is one id segment.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "identity/caller.h"

namespace datahub::backend {

// The role each route of docs/API.md needs ("People and access"), in one table. Throws
// std::logic_error for a route it does not list: a mistake caught at start-up.
Access route_access(std::string_view method, std::string_view path);

class RouteAccessTable {
 public:
  struct Row {
    std::string method;
    std::string path;  // the OpenAPI path
    std::vector<std::string> segments;
    Access access;
  };

  void add(const std::string& method, const std::string& path, Access access);
  // The first route that matches (HEAD is GET's), or null.
  const Row* find(std::string_view method, std::string_view path) const;
  // Whether some public route has exactly this path (under another method, say).
  bool is_public_path(std::string_view path) const;

 private:
  std::vector<Row> m_rows;
};

}  // namespace datahub::backend
