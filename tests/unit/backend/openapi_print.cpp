// Prints the OpenAPI document the server serves at /api/openapi.json, for openapi_lint.sh.
#include <iostream>

#include "openapi.h"

int main() {
  std::cout << datahub::backend::openapi_document().dump(2) << '\n';
  return std::cout ? 0 : 1;
}
