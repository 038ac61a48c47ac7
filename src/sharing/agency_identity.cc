#include "kashf/sharing/agency_identity.h"

#include <sodium.h>

#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kashf/core/new_file.h"
#include "kashf/sharing/hex_bytes.h"

namespace kashf::sharing {
namespace {

constexpr int kKeyFileVersion = 1;

template <size_t N>
bool SecretFromHex(const nlohmann::json& j, const char* key, std::array<unsigned char, N>* out) {
  return j.contains(key) && j[key].is_string() && BytesFromHex(j[key].get_ref<const std::string&>(), out);
}

}  // namespace

AgencyIdentity::~AgencyIdentity() {
  sodium_memzero(sign_secret_.data(), sign_secret_.size());
  sodium_memzero(encrypt_secret_.data(), encrypt_secret_.size());
}

Result<AgencyCard> AgencyIdentity::Generate(const std::string& path, AgencyCard card) {
  if (sodium_init() < 0) return Status::Internal("libsodium could not be initialised");
  AgencyIdentity id;
  crypto_sign_keypair(card.sign_public.data(), id.sign_secret_.data());
  crypto_box_keypair(card.encrypt_public.data(), id.encrypt_secret_.data());
  KASHF_RETURN_IF_ERROR(CheckCard(&card, "kashf agency init"));
  const std::string pub_path = path + ".pub";
  KASHF_RETURN_IF_ERROR(RequireNoKeyFile(pub_path));
  std::string secret = nlohmann::ordered_json{{"kashf_agency_key", kKeyFileVersion},
                                              {"agency_id", card.agency_id},
                                              {"name", card.name},
                                              {"country", card.country},
                                              {"sign_secret", BytesHex(id.sign_secret_)},
                                              {"encrypt_secret", BytesHex(id.encrypt_secret_)}}
                           .dump() +
                       "\n";
  Status st = CreateNewKeyFile(path, secret, 0600);
  sodium_memzero(secret.data(), secret.size());
  KASHF_RETURN_IF_ERROR(st);
  KASHF_RETURN_IF_ERROR(CreateNewKeyFile(pub_path, CardJson(card) + "\n", 0644));
  return card;
}

Result<AgencyIdentity> AgencyIdentity::FromFile(const std::string& path) {
  if (sodium_init() < 0) return Status::Internal("libsodium could not be initialised");
  std::ifstream in(path);
  if (!in) return Status::NotFound(fmt::format("agency key {} cannot be read; {}", path, kAgencyKeyAdvice));
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  auto j = nlohmann::json::parse(text, nullptr, false);
  sodium_memzero(text.data(), text.size());
  const Status bad = Status::InvalidArgument(
      fmt::format("{} is not a Kashf agency key file (was it the .pub card?); {}", path, kAgencyKeyAdvice));
  if (!j.is_object() || !j.contains("kashf_agency_key") || j["kashf_agency_key"] != kKeyFileVersion) return bad;
  AgencyIdentity id;
  for (const char* k : {"agency_id", "name", "country"})
    if (!j.contains(k) || !j[k].is_string()) return bad;
  id.card_.agency_id = j["agency_id"];
  id.card_.name = j["name"];
  id.card_.country = j["country"];
  const bool keys =
      SecretFromHex(j, "sign_secret", &id.sign_secret_) && SecretFromHex(j, "encrypt_secret", &id.encrypt_secret_);
  for (const char* k : {"sign_secret", "encrypt_secret"})
    if (j.contains(k) && j[k].is_string())
      sodium_memzero(j[k].get_ref<std::string&>().data(), j[k].get_ref<std::string&>().size());
  if (!keys) return bad;
  crypto_sign_ed25519_sk_to_pk(id.card_.sign_public.data(), id.sign_secret_.data());
  crypto_scalarmult_base(id.card_.encrypt_public.data(), id.encrypt_secret_.data());
  KASHF_RETURN_IF_ERROR(CheckCard(&id.card_, path));
  return id;
}

std::array<unsigned char, 64> AgencyIdentity::Sign(std::string_view message) const {
  std::array<unsigned char, 64> sig{};
  crypto_sign_detached(sig.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       sign_secret_.data());
  return sig;
}

bool VerifySignature(const AgencyCard& card, std::string_view message, const std::array<unsigned char, 64>& signature) {
  return crypto_sign_verify_detached(signature.data(), reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(), card.sign_public.data()) == 0;
}

bool AgencyIdentity::Unseal(std::string_view sealed, std::string* plain) const {
  if (sealed.size() < crypto_box_SEALBYTES) return false;
  plain->resize(sealed.size() - crypto_box_SEALBYTES);
  return crypto_box_seal_open(reinterpret_cast<unsigned char*>(plain->data()),
                              reinterpret_cast<const unsigned char*>(sealed.data()), sealed.size(),
                              card_.encrypt_public.data(), encrypt_secret_.data()) == 0;
}

}  // namespace kashf::sharing
