#include "kashf/sharing/oprf.h"

#include <sodium.h>

#include <string>

#include <gtest/gtest.h>

namespace kashf::sharing {
namespace {

template <size_t N>
std::array<unsigned char, N> FromHex(std::string_view hex) {
  std::array<unsigned char, N> out{};
  size_t len = 0;
  EXPECT_EQ(sodium_hex2bin(out.data(), N, hex.data(), hex.size(), nullptr, &len, nullptr), 0);
  EXPECT_EQ(len, N);
  return out;
}

std::string BytesFromHex(std::string_view hex) {
  std::string out(hex.size() / 2, '\0');
  size_t len = 0;
  EXPECT_EQ(sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), hex.data(), hex.size(), nullptr,
                           &len, nullptr),
            0);
  return out;
}

// RFC 9497 Appendix A.1.1, ristretto255-SHA512, OPRF mode, test vectors 1 and 2.
struct RfcVector {
  const char* input;
  const char* blinded;
  const char* evaluated;
  const char* output;
};
constexpr char kSkSm[] = "5ebcea5ee37023ccb9fc2d2019f9d7737be85591ae8652ffa9ef0f4d37063b0e";
constexpr char kBlind[] = "64d37aed22a27f5191de1c1d69fadb899d8862b58eb4220029e036ec4c1f6706";
constexpr RfcVector kVectors[] = {
    {"00", "609a0ae68c15a3cf6903766461307e5c8bb2f95e7e6550e1ffa2dc99e412803c",
     "7ec6578ae5120958eb2db1745758ff379e77cb64fe77b0b2d8cc917ea0869c7e",
     "527759c3d9366f277d8c6020418d96bb393ba2afb20ff90df23fb7708264e2f3ab9135e3bd69955851de4b1f9fe8a0973396719b7912ba9e"
     "e8aa7d0b5e24bcf6"},
    {"5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "da27ef466870f5f15296299850aa088629945a17d1f5b7f5ff043f76b3c06418",
     "b4cbf5a4f1eeda5a63ce7b77c7d23f461db3fcab0dd28e4e17cecb5c90d02c25",
     "f4a74c9c592497375e796aa837e907b1a045d34306a749db9f34221f7e750cb4f2a6413a6bf6fa5e19ba6348eb673934a722a7ede2e76213"
     "06d18951e7cf2c73"},
};

TEST(Oprf, MatchesRfc9497TestVectors) {
  ASSERT_GE(sodium_init(), 0);
  const auto key = FromHex<32>(kSkSm);
  const auto blind = FromHex<32>(kBlind);
  for (const RfcVector& v : kVectors) {
    const std::string input = BytesFromHex(v.input);
    const OprfBlinded b = OprfBlindWith(input, blind);
    EXPECT_EQ(b.element, FromHex<32>(v.blinded)) << v.input;
    auto evaluated = OprfEvaluate(key, b.element);
    ASSERT_TRUE(evaluated.ok()) << evaluated.status().ToString();
    EXPECT_EQ(*evaluated, FromHex<32>(v.evaluated)) << v.input;
    auto out = OprfFinalize(input, b.blind, *evaluated);
    ASSERT_TRUE(out.ok());
    EXPECT_EQ(*out, FromHex<64>(v.output)) << v.input;
    EXPECT_EQ(OprfDirect(key, input), FromHex<64>(v.output)) << v.input;
  }
}

TEST(Oprf, TwoBlindingsOfOneInputAreUnlinkable) {
  const OprfBlinded a = OprfBlind("cnic:3520212345671");
  const OprfBlinded b = OprfBlind("cnic:3520212345671");
  EXPECT_NE(a.element, b.element);
  EXPECT_NE(a.blind, b.blind);
  // ... yet both finalize to the same output under one key.
  const OprfScalar key = NewOprfKey();
  auto ea = OprfEvaluate(key, a.element);
  auto eb = OprfEvaluate(key, b.element);
  ASSERT_TRUE(ea.ok() && eb.ok());
  EXPECT_NE(*ea, *eb);
  auto oa = OprfFinalize("cnic:3520212345671", a.blind, *ea);
  auto ob = OprfFinalize("cnic:3520212345671", b.blind, *eb);
  ASSERT_TRUE(oa.ok() && ob.ok());
  EXPECT_EQ(*oa, *ob);
  EXPECT_EQ(*oa, OprfDirect(key, "cnic:3520212345671"));
}

TEST(Oprf, AnotherKeyGivesAnotherOutput) {
  const OprfScalar k1 = NewOprfKey(), k2 = NewOprfKey();
  const OprfBlinded b = OprfBlind("phone:+923001234567");
  auto e2 = OprfEvaluate(k2, b.element);
  ASSERT_TRUE(e2.ok());
  auto out = OprfFinalize("phone:+923001234567", b.blind, *e2);
  ASSERT_TRUE(out.ok());
  EXPECT_NE(*out, OprfDirect(k1, "phone:+923001234567"));
  EXPECT_NE(OprfPublicKey(k1), OprfPublicKey(k2));
}

TEST(Oprf, MalformedElementsAreRefused) {
  const OprfScalar key = NewOprfKey();
  OprfElement identity{};  // all zeros: the identity element
  EXPECT_FALSE(OprfEvaluate(key, identity).ok());
  OprfElement non_canonical;
  non_canonical.fill(0xff);  // not a reduced field element
  EXPECT_FALSE(OprfEvaluate(key, non_canonical).ok());
  OprfElement odd{};
  odd[0] = 1;  // negative field element: never a canonical ristretto255 encoding
  EXPECT_FALSE(OprfEvaluate(key, odd).ok());
  const OprfBlinded b = OprfBlind("serial:AB12345");
  EXPECT_EQ(OprfFinalize("serial:AB12345", b.blind, identity).status().code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(OprfFinalize("serial:AB12345", b.blind, non_canonical).ok());
}

}  // namespace
}  // namespace kashf::sharing
