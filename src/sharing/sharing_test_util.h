// Test helper: a partner's card with fresh random keys (synthetic agencies only).
#pragma once
#include <sodium.h>

#include <string>

#include "kashf/sharing/agency_card.h"

namespace kashf::sharing::testing {

inline AgencyCard RandomCard(const std::string& agency_id, const std::string& country = "PK") {
  if (sodium_init() < 0) return {};
  AgencyCard card{agency_id, "Test agency " + agency_id, country, {}, {}};
  unsigned char sign_secret[crypto_sign_SECRETKEYBYTES], box_secret[crypto_box_SECRETKEYBYTES];
  crypto_sign_keypair(card.sign_public.data(), sign_secret);
  crypto_box_keypair(card.encrypt_public.data(), box_secret);
  return card;
}

}  // namespace kashf::sharing::testing
