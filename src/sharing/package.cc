#include "kashf/sharing/package.h"

#include <sodium.h>

#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace kashf::sharing {
namespace {

using Json = nlohmann::ordered_json;
constexpr std::string_view kMagic = "KASHF-PACKAGE 1 ";  // then the sender's agency id and a newline
constexpr std::string_view kSignContext = "kashf-package-v1\n";
constexpr std::string_view kRetractionContext = "kashf-retraction-v1\n";
constexpr size_t kMaxHeaderBytes = 1 << 20;
constexpr size_t kSignatureBytes = crypto_sign_BYTES;

const unsigned char* Bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

std::string Hex(std::string_view bytes) {
  std::string hex(bytes.size() * 2, '\0');
  sodium_bin2hex(hex.data(), hex.size() + 1, Bytes(bytes), bytes.size());
  return hex;
}

bool FromHex(std::string_view hex, std::string* out) {
  out->assign(hex.size() / 2, '\0');
  size_t len = 0;
  return sodium_hex2bin(reinterpret_cast<unsigned char*>(out->data()), out->size(), hex.data(), hex.size(), nullptr,
                        &len, nullptr) == 0 &&
         len == out->size() && hex.size() % 2 == 0;
}

std::string ContentHash(std::string_view body) {
  unsigned char h[32];
  crypto_generichash(h, sizeof h, Bytes(body), body.size(), nullptr, 0);
  return Hex({reinterpret_cast<const char*>(h), sizeof h});
}

// What the sender signs: the context and BLAKE2b-512 of the signed bytes.
std::string SigningMessage(std::string_view context, std::string_view signed_bytes) {
  unsigned char h[64];
  crypto_generichash(h, sizeof h, Bytes(signed_bytes), signed_bytes.size(), nullptr, 0);
  return std::string(context) + std::string(reinterpret_cast<const char*>(h), sizeof h);
}

Json ManifestJson(const PackageManifest& m) {
  return {{"kashf_package", 1},
          {"package_id", m.package_id},
          {"sender", m.sender},
          {"sender_fingerprint", m.sender_fingerprint},
          {"recipients", m.recipients},
          {"purpose", m.purpose},
          {"legal_basis", m.legal_basis},
          {"created", m.created},
          {"expires", m.expires},
          {"policy_hash", m.policy_hash},
          {"counts",
           {{"entities", m.entities},
            {"statements", m.statements},
            {"withheld",
             {{"policy", m.withheld_policy}, {"handling", m.withheld_handling}, {"victims", m.withheld_victims}}}}},
          {"content_hash", m.content_hash},
          {"content_bytes", m.content_bytes}};
}

PackageManifest ManifestFrom(const Json& j) {
  PackageManifest m;
  m.package_id = j.at("package_id").get<std::string>();
  m.sender = j.at("sender").get<std::string>();
  m.sender_fingerprint = j.at("sender_fingerprint").get<std::string>();
  m.recipients = j.at("recipients").get<std::vector<std::string>>();
  m.purpose = j.at("purpose").get<std::string>();
  m.legal_basis = j.at("legal_basis").get<std::string>();
  m.created = j.at("created").get<int64_t>();
  m.expires = j.at("expires").get<int64_t>();
  m.policy_hash = j.at("policy_hash").get<std::string>();
  const Json& c = j.at("counts");
  m.entities = c.at("entities").get<int64_t>();
  m.statements = c.at("statements").get<int64_t>();
  m.withheld_policy = c.at("withheld").at("policy").get<int64_t>();
  m.withheld_handling = c.at("withheld").at("handling").get<int64_t>();
  m.withheld_victims = c.at("withheld").at("victims").get<int64_t>();
  m.content_hash = j.at("content_hash").get<std::string>();
  m.content_bytes = j.at("content_bytes").get<int64_t>();
  return m;
}

Status Refuse(Refusal* out, Refusal r, std::string message) {
  *out = r;
  return Status::InvalidArgument(std::move(message));
}

}  // namespace

int RefusalExitCode(Refusal r) { return r == Refusal::kNone ? 0 : 19 + static_cast<int>(r); }

std::string NewPackageId() {
  unsigned char id[16];
  randombytes_buf(id, sizeof id);
  return "pkg-" + Hex({reinterpret_cast<const char*>(id), sizeof id});
}

std::string PackageDataset(const PackageManifest& m) { return m.sender + "/" + m.package_id; }

Result<std::string> SealPackage(PackageManifest manifest, std::string_view body, const AgencyIdentity& sender,
                                const PartnerDirectory& partners) {
  if (sodium_init() < 0) return Status::Internal("libsodium could not be initialised");
  if (manifest.recipients.empty()) return Status::InvalidArgument("name at least one recipient agency");
  manifest.sender = sender.card().agency_id;
  manifest.sender_fingerprint = sender.card().Fingerprint();
  manifest.content_hash = ContentHash(body);
  manifest.content_bytes = static_cast<int64_t>(body.size());
  unsigned char key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
  crypto_secretstream_xchacha20poly1305_keygen(key);
  Json keys = Json::array();
  for (const auto& r : manifest.recipients) {
    const AgencyCard* card = partners.Find(r);
    if (!card)
      return Status::NotFound(
          fmt::format("recipient '{}' is not in the partner directory (kashf agency add-partner)", r));
    std::string sealed(crypto_box_SEALBYTES + sizeof key, '\0');
    crypto_box_seal(reinterpret_cast<unsigned char*>(sealed.data()), key, sizeof key, card->encrypt_public.data());
    keys.push_back({{"recipient", r}, {"sealed_key", Hex(sealed)}});
  }
  crypto_secretstream_xchacha20poly1305_state st;
  unsigned char header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
  crypto_secretstream_xchacha20poly1305_init_push(&st, header, key);
  sodium_memzero(key, sizeof key);
  std::string out(kMagic);
  out += manifest.sender + "\n";
  out += Json{{"manifest", ManifestJson(manifest)},
              {"keys", keys},
              {"stream", Hex({reinterpret_cast<const char*>(header), sizeof header})}}
             .dump();
  out += '\n';
  size_t pos = 0;
  do {  // at least one (final) chunk, even for an empty body
    const size_t n = std::min(kPackageChunk, body.size() - pos);
    const bool last = pos + n == body.size();
    const size_t at = out.size();
    out.resize(at + n + crypto_secretstream_xchacha20poly1305_ABYTES);
    crypto_secretstream_xchacha20poly1305_push(&st, reinterpret_cast<unsigned char*>(out.data() + at), nullptr,
                                               Bytes(body.substr(pos, n)), n, nullptr, 0,
                                               last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
    pos += n;
    if (last) break;
  } while (true);
  const auto signature = sender.Sign(SigningMessage(kSignContext, out));
  out.append(reinterpret_cast<const char*>(signature.data()), signature.size());
  return out;
}

Result<OpenedPackage> OpenPackage(std::string_view file, const AgencyIdentity& me, const PartnerDirectory& partners,
                                  int64_t now, int64_t max_bytes, Refusal* refusal) {
  *refusal = Refusal::kNone;
  if (sodium_init() < 0) return Status::Internal("libsodium could not be initialised");
  if (static_cast<int64_t>(file.size()) > max_bytes)
    return Refuse(refusal, Refusal::kOversized,
                  fmt::format("the package is {} bytes, more than the limit of {} (raise it with --max-bytes if the "
                              "sender confirms the size)",
                              file.size(), max_bytes));
  // The first line names the sender, so the signature is checked before any other byte is parsed.
  const size_t first = file.find('\n');
  if (!file.starts_with(kMagic) || first == std::string_view::npos || first > kMagic.size() + 64 ||
      file.size() < first + 1 + kSignatureBytes)
    return Refuse(refusal, Refusal::kMalformed, "this is not a Kashf sharing package (or it is cut short)");
  const std::string sender_id(file.substr(kMagic.size(), first - kMagic.size()));
  const AgencyCard* sender = partners.Find(sender_id);
  if (!sender)
    return Refuse(refusal, Refusal::kUnknownSender,
                  fmt::format("the package says it comes from '{}', which is not in the partner directory (never "
                              "added, or removed); nothing was imported",
                              IsAgencyId(sender_id) ? sender_id : "?"));
  const std::string_view signed_bytes = file.substr(0, file.size() - kSignatureBytes);
  std::array<unsigned char, 64> signature{};
  std::copy_n(Bytes(file.substr(signed_bytes.size())), signature.size(), signature.begin());
  if (!VerifySignature(*sender, SigningMessage(kSignContext, signed_bytes), signature))
    return Refuse(refusal, Refusal::kBadSignature,
                  fmt::format("the package's signature does not verify with {}'s key: it was changed after signing "
                              "(or damaged in transit); ask the sender for a new copy",
                              sender_id));
  const size_t eol = signed_bytes.find('\n', first + 1);
  if (eol == std::string_view::npos || eol - first > kMaxHeaderBytes)
    return Refuse(refusal, Refusal::kMalformed, "the package header is malformed");
  OpenedPackage p;
  Json header;
  std::string stream_header;
  std::map<std::string, std::string> sealed_keys;
  try {
    header = Json::parse(file.substr(first + 1, eol - first - 1));
    p.manifest = ManifestFrom(header.at("manifest"));
    for (const auto& k : header.at("keys")) {
      std::string sealed;
      if (!FromHex(k.at("sealed_key").get<std::string>(), &sealed)) throw std::invalid_argument("key");
      sealed_keys[k.at("recipient").get<std::string>()] = sealed;
    }
    if (!FromHex(header.at("stream").get<std::string>(), &stream_header) ||
        stream_header.size() != crypto_secretstream_xchacha20poly1305_HEADERBYTES || p.manifest.sender != sender_id ||
        !IsAgencyId(p.manifest.package_id))
      throw std::invalid_argument("stream");
  } catch (const std::exception&) {
    return Refuse(refusal, Refusal::kMalformed, "the package header is malformed (not written by Kashf, or damaged)");
  }
  const PackageManifest& m = p.manifest;
  const std::string& self = me.card().agency_id;
  const auto key_it = sealed_keys.find(self);
  if (std::find(m.recipients.begin(), m.recipients.end(), self) == m.recipients.end() || key_it == sealed_keys.end())
    return Refuse(refusal, Refusal::kNotAddressed,
                  fmt::format("the package {} is addressed to {}, not to this agency ({})", m.package_id,
                              fmt::join(m.recipients, ", "), self));
  if (m.expires <= now)
    return Refuse(refusal, Refusal::kExpired,
                  fmt::format("the package {} expired (its manifest allowed import until Unix time {}); ask {} for "
                              "a new package",
                              m.package_id, m.expires, m.sender));
  std::string key;
  if (!me.Unseal(key_it->second, &key) || key.size() != crypto_secretstream_xchacha20poly1305_KEYBYTES)
    return Refuse(refusal, Refusal::kMalformed,
                  "the package's content key does not open with this agency's key (was it sealed to an old card?)");
  crypto_secretstream_xchacha20poly1305_state st;
  const bool init = crypto_secretstream_xchacha20poly1305_init_pull(&st, Bytes(stream_header), Bytes(key)) == 0;
  sodium_memzero(key.data(), key.size());
  std::string_view cipher = signed_bytes.substr(eol + 1);
  bool final = false;
  while (init && !cipher.empty() && !final) {
    const size_t n = std::min(cipher.size(), kPackageChunk + crypto_secretstream_xchacha20poly1305_ABYTES);
    const size_t at = p.body.size();
    p.body.resize(at + n - crypto_secretstream_xchacha20poly1305_ABYTES);
    unsigned long long len = 0;
    unsigned char tag = 0;
    if (crypto_secretstream_xchacha20poly1305_pull(&st, reinterpret_cast<unsigned char*>(p.body.data() + at), &len,
                                                   &tag, Bytes(cipher.substr(0, n)), n, nullptr, 0) != 0)
      break;
    final = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
    cipher.remove_prefix(n);
  }
  if (!final || !cipher.empty())
    return Refuse(refusal, Refusal::kMalformed, "the package's content does not decrypt (a bug at the sender?)");
  if (ContentHash(p.body) != m.content_hash || static_cast<int64_t>(p.body.size()) != m.content_bytes)
    return Refuse(
        refusal, Refusal::kContentMismatch,
        fmt::format("the content of package {} does not match the hash or size in its manifest", m.package_id));
  return p;
}

std::string EntityLine(const std::vector<Statement>& statements, std::string_view sender) {
  Json props = Json::object(), grading = Json::object();
  for (const auto& s : statements) {
    props[s.prop].push_back(s.value);
    grading[s.prop].push_back(Json::array({s.grading.source, s.grading.information, s.grading.handling}));
  }
  Json line = {{"id", statements.front().entity_id},
               {"schema", statements.front().schema},
               {"properties", props},
               {"datasets", Json::array({sender})},
               {"kashf_grading", grading}};
  return line.dump();
}

Result<std::vector<Statement>> PackageStatements(const OpenedPackage& package, int64_t now, Refusal* refusal) {
  *refusal = Refusal::kNone;
  const PackageManifest& m = package.manifest;
  const std::string dataset = PackageDataset(m);
  std::vector<Statement> out;
  int64_t entities = 0;
  std::string_view body = package.body;
  while (!body.empty()) {
    const size_t eol = std::min(body.find('\n'), body.size());
    const std::string_view text = body.substr(0, eol);
    body.remove_prefix(std::min(eol + 1, body.size()));
    if (text.empty()) continue;
    ++entities;
    const std::string record = fmt::format("{}:{}", m.package_id, entities);
    try {
      const Json j = Json::parse(text);
      const std::string id = j.at("id").get<std::string>(), schema = j.at("schema").get<std::string>();
      const Json& grading = j.contains("kashf_grading") ? j["kashf_grading"] : Json::object();
      for (const auto& [prop, values] : j.at("properties").items())
        for (size_t i = 0; i < values.size(); ++i) {
          Statement s{id, schema, prop, values.at(i).get<std::string>(), dataset, record, now};
          if (grading.contains(prop) && i < grading[prop].size()) {
            const Json& g = grading[prop][i];
            s.grading = {g.at(0).get<std::string>(), g.at(1).get<std::string>(), g.at(2).get<std::string>()};
          }
          out.push_back(std::move(s));
        }
    } catch (const std::exception&) {
      return Refuse(
          refusal, Refusal::kContentMismatch,
          fmt::format("line {} of package {} is not an entity; nothing was imported", entities, m.package_id));
    }
  }
  if (entities != m.entities || static_cast<int64_t>(out.size()) != m.statements)
    return Refuse(refusal, Refusal::kContentMismatch,
                  fmt::format("package {} holds {} entities and {} statements but its manifest says {} and {}; nothing "
                              "was imported",
                              m.package_id, entities, out.size(), m.entities, m.statements));
  return out;
}

std::string SealRetraction(const Retraction& r, const AgencyIdentity& sender) {
  Json j = {{"kashf_retraction", 1},
            {"package_id", r.package_id},
            {"sender", sender.card().agency_id},
            {"reason", r.reason},
            {"created", r.created}};
  const auto sig = sender.Sign(SigningMessage(kRetractionContext, j.dump()));
  j["signature"] = Hex({reinterpret_cast<const char*>(sig.data()), sig.size()});
  return j.dump() + "\n";
}

Result<Retraction> OpenRetraction(std::string_view text, const PartnerDirectory& partners, Refusal* refusal) {
  *refusal = Refusal::kNone;
  Retraction r;
  std::string signature;
  Json j;
  try {
    j = Json::parse(text);
    r.package_id = j.at("package_id").get<std::string>();
    r.sender = j.at("sender").get<std::string>();
    r.reason = j.at("reason").get<std::string>();
    r.created = j.at("created").get<int64_t>();
    if (!FromHex(j.at("signature").get<std::string>(), &signature) || signature.size() != kSignatureBytes)
      throw std::invalid_argument("signature");
    j.erase("signature");
  } catch (const std::exception&) {
    return Refuse(refusal, Refusal::kMalformed, "this is not a Kashf retraction");
  }
  const AgencyCard* sender = partners.Find(r.sender);
  if (!sender)
    return Refuse(
        refusal, Refusal::kUnknownSender,
        fmt::format("the retraction says it comes from '{}', which is not in the partner directory", r.sender));
  std::array<unsigned char, 64> sig{};
  std::copy_n(Bytes(signature), sig.size(), sig.begin());
  if (!VerifySignature(*sender, SigningMessage(kRetractionContext, j.dump()), sig))
    return Refuse(refusal, Refusal::kBadSignature,
                  fmt::format("the retraction's signature does not verify with {}'s key", r.sender));
  return r;
}

}  // namespace kashf::sharing
