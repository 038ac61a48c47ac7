// Oblivious pseudo-random function over ristretto255: RFC 9497 (Davidson et al., 2023), OPRF mode
// (mode 0x00), ciphersuite ristretto255-SHA512, with libsodium's ristretto255 primitives. It is the
// 2HashDH construction of Jarecki, Kiayias and Krawczyk (2014):
//   F_k(x) = H2(x, H1(x)^k),  H1 = HashToGroup (RFC 9380 expand_message_xmd with SHA-512, then
//   crypto_core_ristretto255_from_hash), H2 = SHA-512 ("Finalize" in RFC 9497 §3.3.1).
// The client blinds H1(x) with a random scalar r and sends H1(x)^r; the key holder returns
// (H1(x)^r)^k; the client removes r and hashes. The key holder sees only a uniformly random group
// element (it learns nothing about x); the client learns F_k(x) for the x it blinded and nothing
// about k. The outputs match RFC 9497 Appendix A.1.1 (oprf_test.cc checks both test vectors).
// Thread safety: pure functions; random blinds and keys come from libsodium's CSPRNG.
#pragma once
#include <array>
#include <string_view>

#include "kashf/core/result.h"

namespace kashf::sharing {

using OprfScalar = std::array<unsigned char, 32>;   // a ristretto255 scalar, little-endian, reduced
using OprfElement = std::array<unsigned char, 32>;  // a canonical ristretto255 group element encoding
using OprfOutput = std::array<unsigned char, 64>;   // F_k(x)

// A new random secret key (a non-zero scalar).
OprfScalar NewOprfKey();
// The key's public element k*G (RFC 9497 pkS); identifies a key without revealing it.
OprfElement OprfPublicKey(const OprfScalar& key);

struct OprfBlinded {
  OprfScalar blind{};     // r: the client's secret, needed to finalize
  OprfElement element{};  // H1(x)^r: what is sent
};
// Blinds `input` with a fresh random scalar (RFC 9497 Blind). Two calls on one input give
// unrelated elements.
OprfBlinded OprfBlind(std::string_view input);
// Blinds with a given scalar (deterministic; for the RFC test vectors).
OprfBlinded OprfBlindWith(std::string_view input, const OprfScalar& blind);

// The key holder's step (RFC 9497 BlindEvaluate): k * blinded. InvalidArgument when `blinded` is
// not the canonical encoding of a ristretto255 element, or is the identity (which would carry no
// blinding and reveal nothing useful, but is never sent by an honest client).
Result<OprfElement> OprfEvaluate(const OprfScalar& key, const OprfElement& blinded);

// The client's last step (RFC 9497 Finalize): unblinds `evaluated` with r^-1 and hashes.
// InvalidArgument when `evaluated` is not a valid non-identity element.
Result<OprfOutput> OprfFinalize(std::string_view input, const OprfScalar& blind, const OprfElement& evaluated);

// F_k(input) computed by the key holder directly (same output as Blind/Evaluate/Finalize); used to
// build the answering agency's index.
OprfOutput OprfDirect(const OprfScalar& key, std::string_view input);

}  // namespace kashf::sharing
