#include "request_log.h"

#include <gtest/gtest.h>

namespace datahub::backend {
namespace {

TEST(RequestLogTest, ControlCharactersInAPathCannotForgeALine) {
  EXPECT_EQ(log_safe("/api/connectors"), "/api/connectors");
  EXPECT_EQ(log_safe("/api/x\n2026-11-30T00:00:00.000Z info GET /forged"),
            "/api/x\\x0a2026-11-30T00:00:00.000Z info GET /forged");
  EXPECT_EQ(log_safe(std::string_view("a\r\0\x7f\x1b", 5)), "a\\x0d\\x00\\x7f\\x1b");
  EXPECT_EQ(log_safe("caf\xC3\xA9"), "caf\xC3\xA9");  // UTF-8 stays as it is
}

}  // namespace
}  // namespace datahub::backend
