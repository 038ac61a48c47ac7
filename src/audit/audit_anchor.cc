#include "kashf/audit/audit_anchor.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kashf/core/new_file.h"
#include "kashf/core/text.h"

namespace kashf::audit {
namespace {

constexpr int kLineVersion = 1;

std::string Hex(const unsigned char* p, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), p, n);
  out.pop_back();
  return out;
}

// Exactly `n` bytes from hex `text` into `out`.
bool FromHex(std::string_view text, unsigned char* out, size_t n) {
  size_t len = 0;
  return text.size() == 2 * n && sodium_hex2bin(out, n, text.data(), text.size(), nullptr, &len, nullptr) == 0 &&
         len == n;
}

// The newest checkpoint (most entries; the later one of equals).
std::optional<Checkpoint> Newest(const std::vector<Checkpoint>& all) {
  std::optional<Checkpoint> newest;
  for (const auto& c : all)
    if (!newest || c.entries >= newest->entries) newest = c;
  return newest;
}

// What is wrong with `log` at checkpoint `c`, or "" when they agree.
Result<std::string> Disagreement(AuditLog& log, const Checkpoint& c, int64_t log_entries) {
  const std::string when = FormatIsoUtc(c.at);
  if (log_entries < c.entries)
    return fmt::format(
        "the log has {} entries but the checkpoint of {} saw {}: entries were removed from its end, or the "
        "database was rolled back to an older copy",
        log_entries, when, c.entries);
  if (c.entries == 0) return std::string();
  KASHF_ASSIGN_OR_RETURN(auto at, log.List(c.entries - 1, 1));
  if (at.empty() || at.front().seq != c.entries)
    return fmt::format("entry {}, seen by the checkpoint of {}, is missing", c.entries, when);
  if (at.front().hash != c.head)
    return fmt::format(
        "entry {} differs from the one the checkpoint of {} saw: the log was rewritten, or the database was "
        "replaced by another copy",
        c.entries, when);
  return std::string();
}

// Entries in `log` (the seq of its last entry).
Result<int64_t> EntryCount(AuditLog& log) {
  KASHF_ASSIGN_OR_RETURN(auto last, log.Last());
  return last ? last->seq : 0;
}

}  // namespace

std::string CheckpointMessage(const Checkpoint& c) {
  return fmt::format("kashf-audit-checkpoint-v{}\n{}\n{}\n{}\n", kLineVersion, c.entries, c.head, c.at);
}

std::string CheckpointLine(const Checkpoint& c) {
  return nlohmann::ordered_json{{"kashf_audit_checkpoint", kLineVersion},
                                {"entries", c.entries},
                                {"head", c.head},
                                {"at", c.at},
                                {"key", c.key},
                                {"signature", c.signature}}
      .dump();
}

Result<Checkpoint> ParseCheckpointLine(std::string_view line) {
  auto j = nlohmann::json::parse(line, nullptr, false);
  auto is = [&](const char* k, auto check) { return j.contains(k) && check(j[k]); };
  auto str = [](const nlohmann::json& v) { return v.is_string(); };
  auto num = [](const nlohmann::json& v) { return v.is_number_integer(); };
  if (!j.is_object() || !is("kashf_audit_checkpoint", num) || j["kashf_audit_checkpoint"] != kLineVersion ||
      !is("entries", num) || !is("head", str) || !is("at", num) || !is("key", str) || !is("signature", str))
    return Status::InvalidArgument("not a Kashf audit checkpoint (version 1)");
  Checkpoint c;
  c.entries = j["entries"];
  c.head = j["head"];
  c.at = j["at"];
  c.key = j["key"];
  c.signature = j["signature"];
  return c;
}

Status AnchorKey::GenerateKeyFiles(const std::string& path) {
  if (sodium_init() < 0) return Status::Internal("libsodium could not be initialised");
  const std::string pub_path = path + ".pub";
  KASHF_RETURN_IF_ERROR(RequireNoKeyFile(pub_path));
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_keypair(pk, sk);
  std::string secret = Hex(sk, sizeof sk) + "\n";
  sodium_memzero(sk, sizeof sk);
  Status st = CreateNewKeyFile(path, secret, 0600);
  sodium_memzero(secret.data(), secret.size());
  KASHF_RETURN_IF_ERROR(st);
  return CreateNewKeyFile(pub_path, Hex(pk, sizeof pk) + "\n", 0644);
}

Result<AnchorKey> AnchorKey::FromFile(const std::string& path) {
  if (sodium_init() < 0) return Status::Internal("libsodium could not be initialised");
  std::ifstream in(path);
  if (!in) return Status::NotFound(fmt::format("audit anchor key {} cannot be read; {}", path, kAnchorKeyAdvice));
  std::string text;
  std::getline(in, text);
  std::string_view hex = Trim(text);
  AnchorKey key;
  if (FromHex(hex, key.secret_.data(), key.secret_.size())) {
    key.has_secret_ = true;
    crypto_sign_ed25519_sk_to_pk(key.public_.data(), key.secret_.data());
  } else if (!FromHex(hex, key.public_.data(), key.public_.size())) {
    sodium_memzero(text.data(), text.size());
    return Status::InvalidArgument(fmt::format(
        "{} is not a Kashf audit anchor key (128 hex digits, or 64 for a .pub file); {}", path, kAnchorKeyAdvice));
  }
  sodium_memzero(text.data(), text.size());
  return key;
}

std::string AnchorKey::public_hex() const { return Hex(public_.data(), public_.size()); }

Result<Checkpoint> AnchorKey::Sign(int64_t entries, const std::string& head, int64_t at) const {
  if (!has_secret_)
    return Status::FailedPrecondition(
        "this audit anchor key is a public key (.pub): it can check checkpoints but not sign them; "
        "give the secret key file");
  Checkpoint c{entries, head, at, public_hex(), ""};
  const std::string msg = CheckpointMessage(c);
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(msg.data()), msg.size(), secret_.data());
  c.signature = Hex(sig, sizeof sig);
  return c;
}

bool AnchorKey::Verify(const Checkpoint& c) const {
  unsigned char sig[crypto_sign_BYTES];
  if (c.key != public_hex() || !FromHex(c.signature, sig, sizeof sig)) return false;
  const std::string msg = CheckpointMessage(c);
  return crypto_sign_verify_detached(sig, reinterpret_cast<const unsigned char*>(msg.data()), msg.size(),
                                     public_.data()) == 0;
}

Result<std::vector<Checkpoint>> ReadAnchor(const std::string& path) {
  std::vector<Checkpoint> out;
  std::ifstream in(path);
  if (!in) {
    if (::access(path.c_str(), F_OK) != 0) return out;  // no checkpoint yet
    return Status::IoError(fmt::format("audit anchor {} cannot be read: check its permissions", path));
  }
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (Trim(line).empty()) continue;
    auto c = ParseCheckpointLine(line);
    if (!c.ok()) return Status::Corruption(fmt::format("audit anchor {} line {}: {}", path, n, c.status().message()));
    out.push_back(*std::move(c));
  }
  return out;
}

Result<AnchorReport> CheckAnchor(AuditLog& log, const std::vector<Checkpoint>& checkpoints, const AnchorKey& key) {
  AnchorReport report;
  report.checkpoints = static_cast<int64_t>(checkpoints.size());
  report.newest = Newest(checkpoints);
  KASHF_ASSIGN_OR_RETURN(int64_t entries, EntryCount(log));
  for (size_t i = 0; i < checkpoints.size(); ++i) {
    const Checkpoint& c = checkpoints[i];
    if (!key.Verify(c)) {
      report.problem = fmt::format("checkpoint {} (of {}) is not signed by the anchor key {}: it was forged or altered",
                                   i + 1, FormatIsoUtc(c.at), key.public_hex().substr(0, 16));
      return report;
    }
    KASHF_ASSIGN_OR_RETURN(report.problem, Disagreement(log, c, entries));
    if (!report.problem.empty()) return report;
  }
  return report;
}

Result<std::optional<Checkpoint>> WriteCheckpoint(AuditLog& log, const std::string& anchor_path, const AnchorKey& key,
                                                  int64_t now) {
  int fd = ::open(anchor_path.c_str(), O_RDWR | O_CREAT | O_APPEND, 0600);
  if (fd < 0)
    return Status::IoError(
        fmt::format("cannot open the audit anchor {}: check the folder exists and is writable", anchor_path));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }  // also releases the lock
  } closer{fd};
  if (::flock(fd, LOCK_EX) != 0) return Status::IoError(fmt::format("cannot lock the audit anchor {}", anchor_path));
  KASHF_ASSIGN_OR_RETURN(auto checkpoints, ReadAnchor(anchor_path));
  std::optional<Checkpoint> newest = Newest(checkpoints);
  KASHF_ASSIGN_OR_RETURN(auto last, log.Last());
  const int64_t entries = last ? last->seq : 0;
  if (newest) {
    std::string problem = "its newest checkpoint is not signed by this key";
    if (key.Verify(*newest)) {
      KASHF_ASSIGN_OR_RETURN(problem, Disagreement(log, *newest, entries));
    }
    if (!problem.empty())
      return Status::Corruption(
          fmt::format("the audit log does not agree with the anchor {}: {}; no checkpoint written (run "
                      "`kashf audit verify --anchor {}`)",
                      anchor_path, problem, anchor_path));
    if (newest->entries == entries) return std::optional<Checkpoint>();
  }
  KASHF_ASSIGN_OR_RETURN(Checkpoint c, key.Sign(entries, last ? last->hash : "", now));
  const std::string line = CheckpointLine(c) + "\n";
  if (::write(fd, line.data(), line.size()) != static_cast<ssize_t>(line.size()) || ::fsync(fd) != 0)
    return Status::IoError(fmt::format("writing a checkpoint to the audit anchor {} failed (disk full?)", anchor_path));
  return std::optional<Checkpoint>(c);
}

}  // namespace kashf::audit
