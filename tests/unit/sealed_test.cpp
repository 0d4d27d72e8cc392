// Agents' passwords at rest: AES-256-GCM under a key ring, and the CSPRNG's
// passwords.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "partnerapi/base64.h"
#include "partnerapi/sealed.h"

namespace partnerapi::sealed {
namespace {

const std::string kOld = Keyring::new_entry("old"), kNew = Keyring::new_entry("new");

TEST(Sealed, APasswordOpensAsItWasGivenLeadingZerosAndCyrillicIncluded) {
  const auto ring = Keyring::parse(kOld);
  for (const std::string& p : std::vector<std::string>{"0042", "007", "пароль с пробелом", std::string(64, 'x')}) {
    const std::string s = ring.seal(p);
    EXPECT_EQ(ring.open(s), p);
    EXPECT_EQ(s.find(p), std::string::npos) << "the plain text shows in the sealed form";
  }
}

TEST(Sealed, TwoSealsOfOnePasswordDiffer) {
  const auto ring = Keyring::parse(kOld);
  EXPECT_NE(ring.seal("4711"), ring.seal("4711"));
}

TEST(Sealed, ASealNamesItsKeyAndTheRingsFirstKeySeals) {
  const auto ring = Keyring::parse(kNew + "\n" + kOld);
  EXPECT_EQ(ring.sealing_id(), "new");
  EXPECT_EQ(Keyring::key_id_of(ring.seal("1")), "new");
}

TEST(Sealed, AnOlderKeyStillOpensWhatItSealedAfterARotation) {
  const std::string sealed_then = Keyring::parse(kOld).seal("0815");
  const auto rotated = Keyring::parse(kNew + "," + kOld);
  EXPECT_EQ(rotated.open(sealed_then), "0815");
  EXPECT_THROW(Keyring::parse(kNew).open(sealed_then), OpenError) << "opened without its key";
}

TEST(Sealed, AnAlteredSealDoesNotOpen) {
  const auto ring = Keyring::parse(kOld);
  std::string s = ring.seal("secret");
  auto blob = *base64::decode(s.substr(4));
  blob[14] ^= 1;
  EXPECT_THROW(ring.open("old:" + base64::encode(blob)), OpenError);
  EXPECT_THROW(ring.open("old:not base64"), OpenError);
  EXPECT_THROW(ring.open("old"), OpenError);
}

TEST(Sealed, ASealUnderAnotherKeyOfTheSameIdDoesNotOpen) {
  const std::string other = Keyring::new_entry("old");  // same id, other bytes
  EXPECT_THROW(Keyring::parse(kOld).open(Keyring::parse(other).seal("x")), OpenError);
}

TEST(Sealed, ABadRingIsRefusedWithoutShowingTheKey) {
  const std::string key_text = kOld.substr(4);
  for (const std::string& bad : std::vector<std::string>{"nocolon", "bad id!:" + key_text, "k:" + key_text.substr(0, 20), kOld + "\n" + kOld}) {
    try {
      Keyring::parse(bad);
      ADD_FAILURE() << "accepted a bad ring";
    } catch (const std::invalid_argument& e) {
      EXPECT_EQ(std::string(e.what()).find(key_text.substr(0, 12)), std::string::npos) << e.what();
    }
  }
  EXPECT_TRUE(Keyring::parse("# only a comment\n\n").empty());
  EXPECT_EQ(Keyring::parse("# ring\n" + kNew + "  # current\n").sealing_id(), "new");
}

TEST(Sealed, RandomPasswordsAreLongDifferentAndWithoutLookAlikes) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const auto p = random_password();
    EXPECT_GE(p.size(), 10u);
    EXPECT_EQ(p.find_first_of("0O1lI"), std::string::npos) << p;
    EXPECT_EQ(p.find_first_not_of("23456789ABCDEFGHJKMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz"), std::string::npos) << p;
    seen.insert(p);
  }
  EXPECT_EQ(seen.size(), 200u);
}

TEST(Base64, RoundTripsAndRefusesWhatIsNotBase64) {
  for (const std::string& s : std::vector<std::string>{"", "a", "ab", "abc", "abcd", std::string("\0\xff\x10", 3)})
    EXPECT_EQ(base64::decode(base64::encode(s)), s);
  EXPECT_FALSE(base64::decode("abc"));
  EXPECT_FALSE(base64::decode("ab=c"));
  EXPECT_FALSE(base64::decode("a==="));
  EXPECT_FALSE(base64::decode("ab\ncd=="));
}

}  // namespace
}  // namespace partnerapi::sealed
