#include "kashf/resolve/synthetic_people.h"

#include <fstream>
#include <map>
#include <random>

#include <fmt/format.h>

#include "kashf/core/text.h"

namespace kashf::resolve {
namespace {

bool IsAscii(const std::string& s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

struct Pools {
  std::vector<std::string> canonical;                      // every canonical name
  std::map<std::string, std::vector<std::string>> latin;   // canonical -> Latin variants
  std::map<std::string, std::vector<std::string>> script;  // canonical -> other-script variants
};

Result<Pools> LoadPools(const std::string& dir) {
  std::ifstream in(dir + "/name-variants.tsv");
  if (!in) return Status::NotFound(fmt::format("'{}/name-variants.tsv' is missing", dir));
  Pools pools;
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    auto f = Split(line, '\t');
    if (f.size() < 2) continue;
    if (!pools.latin.count(f[0]) && !pools.script.count(f[0])) pools.canonical.push_back(f[0]);
    (IsAscii(f[1]) ? pools.latin : pools.script)[f[0]].push_back(f[1]);
  }
  if (pools.canonical.size() < 10)
    return Status::InvalidArgument("name-variants.tsv has too few names to generate people");
  return pools;
}

struct Person {
  std::vector<std::string> name, father;  // canonical tokens
  uint64_t national_id = 0;
  std::vector<std::string> phones;
  int year = 0, month = 0, day = 0;
  std::string gender, district;
};

class Generator {
 public:
  Generator(const Pools& pools, const SyntheticOptions& o) : pools_(pools), o_(o), rng_(o.seed) {}

  double U() { return std::uniform_real_distribution<double>(0, 1)(rng_); }
  size_t Pick(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }
  const std::string& AnyName() { return pools_.canonical[Pick(pools_.canonical.size())]; }

  Person MakePerson() {
    Person p;
    if (U() < 0.4) p.name.push_back("muhammad");
    p.name.push_back(AnyName());
    if (U() < 0.7) p.name.push_back(AnyName());
    p.father = {AnyName(), AnyName()};
    p.national_id = (1 + Pick(7)) * 1000000000000ull + Pick(1000000000000ull);
    p.phones.push_back(fmt::format("+923{:09d}", Pick(1000000000)));
    if (U() < 0.2) p.phones.push_back(fmt::format("+923{:09d}", Pick(1000000000)));
    p.year = 1950 + static_cast<int>(Pick(55));
    p.month = 1 + static_cast<int>(Pick(12));
    p.day = 1 + static_cast<int>(Pick(28));
    p.gender = U() < 0.8 ? "male" : "female";
    p.district = fmt::format("district-{}", Pick(160));
    return p;
  }

  std::string Write(const std::vector<std::string>& tokens, bool other_script) {
    std::string out;
    for (const auto& t : tokens) {
      std::string w = t;
      auto s = pools_.script.find(t);
      auto l = pools_.latin.find(t);
      if (other_script && s != pools_.script.end()) w = s->second[Pick(s->second.size())];
      else if (U() < o_.variant_share && l != pools_.latin.end()) w = l->second[Pick(l->second.size())];
      if (!other_script && U() < 0.5 && !w.empty())
        w[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
      out += (out.empty() ? "" : " ") + w;
    }
    return out;
  }

  std::string Typo(std::string s) {
    if (s.size() < 4 || !IsAscii(s)) return s;
    const size_t i = 1 + Pick(s.size() - 2);
    switch (Pick(3)) {
      case 0: std::swap(s[i], s[i - 1]); break;
      case 1: s.erase(i, 1); break;
      default: s[i] = static_cast<char>('a' + Pick(26)); break;
    }
    return s;
  }

  PersonRecord MakeRecord(const Person& p, size_t serial) {
    PersonRecord r;
    r.id = fmt::format("syn.Person.{:08d}", serial);
    r.dataset = fmt::format("agency-{}", Pick(4));
    const bool other_script = U() < o_.script_share;
    std::string name = Write(p.name, other_script);
    if (U() < o_.typo_share) name = Typo(name);
    if (U() < 0.1 && !other_script) name = (U() < 0.5 ? "Haji " : "Mr. ") + name;
    if (U() < o_.father_share) {
      std::string father = Write(p.father, other_script);
      if (U() < 0.4) name += (other_script ? " ولد " : (p.gender == "female" ? " d/o " : " s/o ")) + father;
      else r.father_names.push_back(father);
    }
    r.names.push_back(name);
    if (U() < o_.national_id_share) {
      std::string d = fmt::format("{:013d}", p.national_id);
      if (U() < o_.national_id_typo) d[1 + Pick(12)] = static_cast<char>('0' + Pick(10));
      r.national_ids.push_back(d.substr(0, 5) + "-" + d.substr(5, 7) + "-" + d.substr(12));
    }
    if (U() < o_.phone_share) r.phones.push_back(p.phones[Pick(p.phones.size())]);
    if (U() < o_.birth_share) {
      const double k = U();
      if (k < 0.6) r.birth_dates.push_back(fmt::format("{:04d}-{:02d}-{:02d}", p.year, p.month, p.day));
      else if (k < 0.9) r.birth_dates.push_back(fmt::format("{:04d}", p.year));
      else if (k < 0.97) r.birth_dates.push_back(fmt::format("{:04d}-{:02d}", p.year, p.month));
      else if (p.day <= 12) r.birth_dates.push_back(fmt::format("{:04d}-{:02d}-{:02d}", p.year, p.day, p.month));
    }
    if (U() < 0.8) r.gender = p.gender;
    if (U() < 0.8) r.district = U() < 0.95 ? p.district : fmt::format("district-{}", Pick(160));
    return r;
  }

 private:
  const Pools& pools_;
  const SyntheticOptions& o_;
  std::mt19937_64 rng_;
};

}  // namespace

Result<SyntheticPeople> GenerateSyntheticPeople(const SyntheticOptions& o, const std::string& reference_dir) {
  KASHF_ASSIGN_OR_RETURN(Pools pools, LoadPools(reference_dir));
  Generator g(pools, o);
  SyntheticPeople out;
  out.records.reserve(o.records);
  out.truth.reserve(o.records);
  const double extra = std::max(0.0, o.records_per_person - 1.0);
  const double stop = 1.0 / (1.0 + extra);  // geometric: P(no further duplicate)
  size_t person_serial = 0;
  while (out.records.size() < o.records) {
    const Person p = g.MakePerson();
    const std::string truth = fmt::format("P{:07d}", person_serial++);
    do {
      out.records.push_back(g.MakeRecord(p, out.records.size()));
      out.truth.push_back(truth);
    } while (out.records.size() < o.records && g.U() >= stop);
    if (o.phone_only_share > 0 && out.records.size() < o.records && g.U() < o.phone_only_share) {
      PersonRecord phone;
      phone.id = fmt::format("syn.Phone.{:08d}", out.records.size());
      phone.dataset = "calls";
      phone.schema = "Phone";
      phone.phones.push_back(p.phones[0]);
      out.records.push_back(std::move(phone));
      out.truth.push_back(truth);
    }
  }
  return out;
}

}  // namespace kashf::resolve
