// Lower-case hex of fixed-size byte arrays (keys, signatures, ids) and back, with libsodium's
// constant-time codec.
#pragma once
#include <sodium.h>

#include <array>
#include <string>
#include <string_view>

namespace kashf::sharing {

template <size_t N>
std::string BytesHex(const std::array<unsigned char, N>& bytes) {
  std::string out(N * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes.data(), N);
  out.pop_back();
  return out;
}

// True when `hex` is exactly 2*N hex digits; `out` then holds the bytes.
template <size_t N>
bool BytesFromHex(std::string_view hex, std::array<unsigned char, N>* out) {
  size_t len = 0;
  return hex.size() == 2 * N && sodium_hex2bin(out->data(), N, hex.data(), hex.size(), nullptr, &len, nullptr) == 0 &&
         len == N;
}

}  // namespace kashf::sharing
