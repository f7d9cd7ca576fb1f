// --trusted-proxy: which address the sign-in throttle counts a request under.
#include "trusted_proxies.h"

#include <gtest/gtest.h>

namespace datahub::backend {
namespace {

TrustedProxies trusting(std::initializer_list<const char*> networks) {
  TrustedProxies proxies;
  for (const char* n : networks) EXPECT_TRUE(proxies.add(n)) << n;
  return proxies;
}

TEST(TrustedProxies, NetworksAreCidrOrOneAddress) {
  TrustedProxies p;
  for (const char* good :
       {"10.0.0.0/8", "192.0.2.7", "0.0.0.0/0", "fd00::/8", "::1", "::1/128", "10.1.2.3/8"})
    EXPECT_TRUE(p.add(good)) << good;
  for (const char* bad : {"", "10.0.0.0/", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/8x", "::/129",
                          "10.0.0", "127.1", "example.com", "10.0.0.0/8/8", " 10.0.0.1"})
    EXPECT_FALSE(p.add(bad)) << bad;
}

TEST(TrustedProxies, AnUntrustedPeerIsTheClientWhateverItForwards) {
  const auto p = trusting({"10.0.0.0/8"});
  EXPECT_EQ(p.client_address("203.0.113.9", "198.51.100.1"), "203.0.113.9");
  EXPECT_EQ(TrustedProxies().client_address("10.0.0.2", "198.51.100.1"), "10.0.0.2");
}

TEST(TrustedProxies, ATrustedPeerNamesTheClientAfterTheLastUntrustedEntry) {
  const auto p = trusting({"10.0.0.0/8", "127.0.0.1"});
  EXPECT_EQ(p.client_address("10.0.0.2", "198.51.100.1"), "198.51.100.1");
  EXPECT_EQ(p.client_address("10.0.0.2", ""), "10.0.0.2");
  // The client wrote the first entry itself; nginx appended the address it saw.
  EXPECT_EQ(p.client_address("10.0.0.2", "1.1.1.1, 198.51.100.1"), "198.51.100.1");
  // Two proxies in a row, and several header lines joined.
  EXPECT_EQ(p.client_address("127.0.0.1", "198.51.100.1, 10.9.9.9"), "198.51.100.1");
  EXPECT_EQ(p.client_address("127.0.0.1", "198.51.100.1,10.9.9.9"), "198.51.100.1");
  // A client inside a trusted network: the leftmost entry.
  EXPECT_EQ(p.client_address("10.0.0.2", "10.7.7.7, 10.9.9.9"), "10.7.7.7");
  // Text that no proxy writes ends the walk at the address after it.
  EXPECT_EQ(p.client_address("10.0.0.2", "evil, 10.7.7.7"), "10.7.7.7");
  EXPECT_EQ(p.client_address("10.0.0.2", "10.7.7.7, evil"), "10.0.0.2");
  EXPECT_EQ(p.client_address("10.0.0.2", " , "), "10.0.0.2");
}

TEST(TrustedProxies, PrefixesCountBitsAndFamiliesMeet) {
  const auto p = trusting({"192.168.4.0/22", "2001:db8::/33"});
  EXPECT_EQ(p.client_address("192.168.7.255", "198.51.100.1"), "198.51.100.1");
  EXPECT_EQ(p.client_address("192.168.8.0", "198.51.100.1"), "192.168.8.0");
  EXPECT_EQ(p.client_address("2001:db8:7fff::1", "2001:db8:8000::1"), "2001:db8:8000::1");
  EXPECT_EQ(p.client_address("2001:db8:8000::1", "198.51.100.1"), "2001:db8:8000::1");
  // An IPv4 peer on a dual-stack socket.
  EXPECT_EQ(p.client_address("::ffff:192.168.5.1", "198.51.100.1"), "198.51.100.1");
  EXPECT_EQ(trusting({"0.0.0.0/0"}).client_address("::1", "198.51.100.1"), "::1");
}

}  // namespace
}  // namespace datahub::backend
