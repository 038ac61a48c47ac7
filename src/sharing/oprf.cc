#include "kashf/sharing/oprf.h"

#include <sodium.h>

#include <cstdint>
#include <string>

namespace kashf::sharing {
namespace {

// RFC 9497 §3.1: contextString = "OPRFV1-" || I2OSP(mode, 1) || "-" || identifier.
std::string ContextString() {
  std::string s = "OPRFV1-";
  s.push_back('\0');  // mode 0x00: OPRF
  s += "-ristretto255-SHA512";
  return s;
}

const unsigned char* Bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

// RFC 9380 §5.3.1 expand_message_xmd with SHA-512 and len_in_bytes = 64 (ell = 1).
std::array<unsigned char, 64> ExpandMessageXmd64(std::string_view msg, std::string_view dst) {
  std::string dst_prime(dst);
  dst_prime.push_back(static_cast<char>(dst.size()));
  const unsigned char z_pad[128] = {};
  const unsigned char len_and_zero[3] = {0, 64, 0};  // I2OSP(64, 2) || I2OSP(0, 1)
  std::array<unsigned char, 64> b0{}, b1{};
  crypto_hash_sha512_state st;
  crypto_hash_sha512_init(&st);
  crypto_hash_sha512_update(&st, z_pad, sizeof z_pad);
  crypto_hash_sha512_update(&st, Bytes(msg), msg.size());
  crypto_hash_sha512_update(&st, len_and_zero, sizeof len_and_zero);
  crypto_hash_sha512_update(&st, Bytes(dst_prime), dst_prime.size());
  crypto_hash_sha512_final(&st, b0.data());
  const unsigned char one = 1;
  crypto_hash_sha512_init(&st);
  crypto_hash_sha512_update(&st, b0.data(), b0.size());
  crypto_hash_sha512_update(&st, &one, 1);
  crypto_hash_sha512_update(&st, Bytes(dst_prime), dst_prime.size());
  crypto_hash_sha512_final(&st, b1.data());
  return b1;
}

// H1: RFC 9497 HashToGroup with DST "HashToGroup-" || contextString.
OprfElement HashToGroup(std::string_view input) {
  static const std::string dst = "HashToGroup-" + ContextString();
  const auto uniform = ExpandMessageXmd64(input, dst);
  OprfElement p{};
  crypto_core_ristretto255_from_hash(p.data(), uniform.data());
  return p;
}

void AppendLengthPrefixed(crypto_hash_sha512_state* st, const unsigned char* data, size_t size) {
  const unsigned char len[2] = {static_cast<unsigned char>(size >> 8), static_cast<unsigned char>(size & 0xff)};
  crypto_hash_sha512_update(st, len, 2);
  crypto_hash_sha512_update(st, data, size);
}

// H2: RFC 9497 Finalize's hash of I2OSP(len(input), 2) || input || I2OSP(Ne, 2) || N || "Finalize".
OprfOutput FinalHash(std::string_view input, const OprfElement& unblinded) {
  OprfOutput out{};
  crypto_hash_sha512_state st;
  crypto_hash_sha512_init(&st);
  AppendLengthPrefixed(&st, Bytes(input), input.size());
  AppendLengthPrefixed(&st, unblinded.data(), unblinded.size());
  static constexpr std::string_view kFinalize = "Finalize";
  crypto_hash_sha512_update(&st, Bytes(kFinalize), kFinalize.size());
  crypto_hash_sha512_final(&st, out.data());
  return out;
}

// libsodium must be initialised before its random generator is used; sodium_init is idempotent.
void EnsureSodium() { [[maybe_unused]] static const int initialised = sodium_init(); }

bool IsUsableElement(const OprfElement& e) {
  // is_valid_point refuses non-canonical encodings and the identity (all zero bytes).
  return crypto_core_ristretto255_is_valid_point(e.data()) == 1;
}

}  // namespace

OprfScalar NewOprfKey() {
  EnsureSodium();
  OprfScalar k{};
  do crypto_core_ristretto255_scalar_random(k.data());
  while (sodium_is_zero(k.data(), k.size()));
  return k;
}

OprfElement OprfPublicKey(const OprfScalar& key) {
  OprfElement p{};
  if (crypto_scalarmult_ristretto255_base(p.data(), key.data()) != 0) p.fill(0);
  return p;
}

OprfBlinded OprfBlind(std::string_view input) {
  EnsureSodium();
  OprfScalar r{};
  do crypto_core_ristretto255_scalar_random(r.data());
  while (sodium_is_zero(r.data(), r.size()));
  OprfBlinded b = OprfBlindWith(input, r);
  sodium_memzero(r.data(), r.size());
  return b;
}

OprfBlinded OprfBlindWith(std::string_view input, const OprfScalar& blind) {
  OprfBlinded b;
  b.blind = blind;
  const OprfElement p = HashToGroup(input);
  // The product is the identity only for a zero blind, which OprfBlind never picks.
  if (crypto_scalarmult_ristretto255(b.element.data(), blind.data(), p.data()) != 0) b.element.fill(0);
  return b;
}

Result<OprfElement> OprfEvaluate(const OprfScalar& key, const OprfElement& blinded) {
  if (!IsUsableElement(blinded))
    return Status::InvalidArgument("a blinded selector is not a valid ristretto255 element; the request is malformed");
  OprfElement z{};
  if (crypto_scalarmult_ristretto255(z.data(), key.data(), blinded.data()) != 0)
    return Status::InvalidArgument("a blinded selector gives the identity element; the request is malformed");
  return z;
}

Result<OprfOutput> OprfFinalize(std::string_view input, const OprfScalar& blind, const OprfElement& evaluated) {
  if (!IsUsableElement(evaluated))
    return Status::InvalidArgument(
        "an evaluated element is not a valid ristretto255 element; the response is malformed");
  OprfScalar inverse{};
  if (crypto_core_ristretto255_scalar_invert(inverse.data(), blind.data()) != 0)
    return Status::InvalidArgument("the blinding scalar is zero");
  OprfElement n{};
  const int rc = crypto_scalarmult_ristretto255(n.data(), inverse.data(), evaluated.data());
  sodium_memzero(inverse.data(), inverse.size());
  if (rc != 0)
    return Status::InvalidArgument("an evaluated element unblinds to the identity; the response is malformed");
  return FinalHash(input, n);
}

OprfOutput OprfDirect(const OprfScalar& key, std::string_view input) {
  const OprfElement p = HashToGroup(input);
  OprfElement n{};
  if (crypto_scalarmult_ristretto255(n.data(), key.data(), p.data()) != 0) n.fill(0);
  return FinalHash(input, n);
}

}  // namespace kashf::sharing
