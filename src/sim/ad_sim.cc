#include "ad_sim.h"

#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>

#include "kashf/core/hash.h"
#include "obfuscated_numbers.h"

namespace kashf::sim {
namespace {

constexpr int64_t kAdsPerAdvertiser = 25;
constexpr int kImages = 3;

struct Advertiser {
  bool weapons = false;
  std::string truth_id, network;
  std::array<std::string, 2> phones;
  int phone_count = 1;
  std::string wallet;  // provider as written
  std::string email, handle, agency;
  std::array<std::string, kImages> images;
  int templates = 1;
};

// One text of an advertiser: a row of each phrase list and the amounts.
struct Template {
  size_t opener_a = 0, opener_b = 0, job = 0, job_line = 0, salary_line = 0, fee_line = 0, perk1 = 0, perk2 = 0,
         requirement = 0, contact_line = 0, country = 0, city = 0, weapon = 0, weapon_line = 0, detail1 = 0,
         detail2 = 0, price_line = 0, delivery = 0;
  int64_t salary = 0, fee = 0;
  bool fee_shown = false;
};

const std::vector<std::vector<std::string>>& L(const ReferenceData& ref, const char* list) { return ref.List(list); }
size_t Row(const ReferenceData& ref, const char* list, Rng& rng) { return rng.Below(L(ref, list).size()); }

// Independent advertisers' numbers: operator codes 350-399, an affine permutation of the index so
// they are distinct (population.cc uses codes 300-349 the same way).
std::string IndependentPhone(uint64_t seed, uint64_t k) {
  const uint64_t n = (k * 7919ULL * 7907ULL + SplitMix64(seed ^ 5) % 500000000ULL) % 500000000ULL;
  return fmt::format("3{:02d}{:07d}", 50 + n / 10000000, n % 10000000);
}

std::string Slug(std::string_view name) {
  std::string out;
  for (char c : name)
    if (std::isalpha(static_cast<unsigned char>(c)))
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Advertiser MakeAdvertiser(const ReferenceData& ref, const Population& pop, uint64_t seed, int64_t k) {
  Rng rng(seed, kAdvertiserStream, static_cast<uint64_t>(k));
  Advertiser a;
  const int64_t recruiters = pop.networks() * kRecruiters;
  a.wallet = L(ref, "wallet")[rng.Below(L(ref, "wallet").size())][0];
  if (k < recruiters) {  // a network's recruiter: the true person, phones and wallet
    const int64_t index = pop.Member(k / kRecruiters, kOrganisers + kBrokers + k % kRecruiters);
    const Person p = pop.Get(index);
    a.truth_id = Population::TrueId(index);
    a.network = fmt::format("N{:04d}", p.network);
    a.phone_count = p.phone_count;
    a.phones = {p.phones[0], p.phones[1]};
    a.wallet = L(ref, "wallet")[p.wallet_provider][0];
  } else {
    a.truth_id = fmt::format("ADV{:07d}", k);
    a.weapons = rng.Chance(0.4);
    a.phone_count = rng.Chance(0.3) ? 2 : 1;
    for (int j = 0; j < a.phone_count; ++j)
      a.phones[static_cast<size_t>(j)] =
          IndependentPhone(seed, 2 * static_cast<uint64_t>(k) + static_cast<uint64_t>(j));
  }
  a.agency = fmt::format("{} {}", L(ref, "ad_agency_a")[Row(ref, "ad_agency_a", rng)][0],
                         L(ref, "ad_agency_b")[Row(ref, "ad_agency_b", rng)][0]);
  const std::string slug = a.weapons ? "arms" : Slug(a.agency).substr(0, 10);
  if (rng.Chance(0.3)) a.email = fmt::format("{}{}@gmail.com", slug, k);
  if (rng.Chance(0.3)) a.handle = fmt::format("@{}_{}", slug, k);
  for (auto& image : a.images) image = Hex64(rng.Next()) + Hex64(rng.Next());
  a.templates = rng.Chance(0.25) ? 2 : 1;
  return a;
}

Template MakeTemplate(const ReferenceData& ref, uint64_t seed, int64_t k, int t) {
  Rng rng(seed, kAdvertiserStream, (static_cast<uint64_t>(k) << 2) | (1u + static_cast<unsigned>(t)) | (1ULL << 62));
  Template x;
  x.opener_a = Row(ref, "ad_opener_a", rng);
  x.opener_b = Row(ref, "ad_opener_b", rng);
  x.job = Row(ref, "ad_job", rng);
  x.job_line = Row(ref, "ad_job_line", rng);
  x.salary_line = Row(ref, "ad_salary_line", rng);
  x.fee_line = Row(ref, "ad_fee_line", rng);
  x.perk1 = Row(ref, "ad_perk", rng);
  x.perk2 = (x.perk1 + 1 + rng.Below(L(ref, "ad_perk").size() - 1)) % L(ref, "ad_perk").size();
  x.requirement = Row(ref, "ad_requirement", rng);
  x.contact_line = Row(ref, "ad_contact_line", rng);
  x.country = Row(ref, "ad_country", rng);
  x.city = Row(ref, "ad_city", rng);
  x.weapon = Row(ref, "ad_weapon", rng);
  x.weapon_line = Row(ref, "ad_weapon_line", rng);
  x.detail1 = Row(ref, "ad_weapon_detail", rng);
  x.detail2 = (x.detail1 + 1 + rng.Below(L(ref, "ad_weapon_detail").size() - 1)) % L(ref, "ad_weapon_detail").size();
  x.price_line = Row(ref, "ad_weapon_price", rng);
  x.delivery = Row(ref, "ad_weapon_delivery", rng);
  x.salary = 5000 * rng.Between(8, 50);
  x.fee = 50000 * rng.Between(2, 18);
  x.fee_shown = rng.Chance(0.4);
  return x;
}

// A typing slip in a plain sentence now and then: one letter doubled.
std::string MaybeTypo(std::string s, Rng& rng) {
  if (s.size() < 4 || !rng.Chance(0.12)) return s;
  const size_t at = 1 + rng.Below(s.size() - 2);
  if (std::isalpha(static_cast<unsigned char>(s[at]))) s.insert(at, 1, s[at]);
  return s;
}

// Everything one ad's placeholders are filled with.
struct Slots {
  const ReferenceData& ref;
  const Advertiser& a;
  const Template& t;
  Rng& rng;
  int64_t money = 0;  // the amount {money} stands for in the current sentence
};

// Appends `pattern` with its placeholders filled, the selectors among them labelled.
void Fill(LabelledText& out, std::string_view pattern, Slots& s) {
  std::string plain;
  auto flush = [&] {
    out.Add(MaybeTypo(plain, s.rng));
    plain.clear();
  };
  for (size_t i = 0; i < pattern.size();) {
    if (pattern[i] != '{') {
      plain += pattern[i++];
      continue;
    }
    const size_t close = pattern.find('}', i);
    const std::string_view name = pattern.substr(i + 1, close - i - 1);
    i = close + 1;
    if (name == "job") {
      plain += L(s.ref, "ad_job")[s.t.job][0];
      continue;
    }
    flush();
    const std::string& national = s.a.phones[s.rng.Below(static_cast<uint64_t>(s.a.phone_count))];
    if (name == "country") {
      const auto& row = L(s.ref, "ad_country")[s.t.country];
      out.AddLabelled("place", row[0], row[1]);
    } else if (name == "city") {
      const auto& row = L(s.ref, "ad_city")[s.t.city];
      out.AddLabelled("place", row[0], row[1]);
    } else if (name == "weapon") {
      const auto& row = L(s.ref, "ad_weapon")[s.t.weapon];
      out.AddLabelled("firearm", row[0], row[1]);
    } else if (name == "money") {
      out.AddLabelled("money", WriteRupees(s.money, s.rng), MoneyValue(s.money));
    } else if (name == "phone") {
      out.AddLabelled("phone", WritePhoneAs(national, DrawNumberStyle(s.rng), s.rng), "+92" + national);
    } else if (name == "wallet") {
      out.Add(s.a.wallet + " ");
      out.AddLabelled("wallet", WritePhoneAs(s.a.phones[0], DrawNumberStyle(s.rng), s.rng), "+92" + s.a.phones[0]);
    }
  }
  flush();
}

const std::string& Pick(const ReferenceData& ref, const char* list, size_t row) { return L(ref, list)[row][0]; }

}  // namespace

int64_t AdvertisersFor(int64_t ads) { return std::max<int64_t>(12, ads / kAdsPerAdvertiser); }

AdCounts WriteAds(const ReferenceData& ref, const Population& pop, uint64_t seed, int64_t ads, const AdFiles& files) {
  AdCounts counts;
  counts.advertisers = AdvertisersFor(ads);
  static const char* kPlatforms[] = {"facebook", "olx", "instagram", "telegram", "whatsapp-group"};
  std::string line;
  for (int64_t i = 0; i < ads; ++i) {
    Rng rng(seed, kAdStream, static_cast<uint64_t>(i));
    const int64_t k = static_cast<int64_t>(rng.Below(static_cast<uint64_t>(counts.advertisers)));
    const Advertiser a = MakeAdvertiser(ref, pop, seed, k);
    Template t = MakeTemplate(ref, seed, k, a.templates > 1 ? static_cast<int>(rng.Below(2)) : 0);
    // Edits of this copy: a sentence dropped or reworded.
    const bool drop_opener = rng.Chance(0.15), drop_perk2 = rng.Chance(0.2);
    if (rng.Chance(0.3)) t.perk2 = Row(ref, "ad_perk", rng);
    if (rng.Chance(0.2)) t.opener_b = Row(ref, "ad_opener_b", rng);
    if (rng.Chance(0.2)) t.detail2 = Row(ref, "ad_weapon_detail", rng);
    Slots s{ref, a, t, rng};
    LabelledText text;
    text.Add(a.weapons ? Pick(ref, "ad_weapon_opener", t.opener_a % L(ref, "ad_weapon_opener").size()) : a.agency);
    text.Add("\n");
    const size_t body_begin = text.text().size();
    auto sentence = [&](std::string_view pattern, int64_t money = 0) {
      if (text.text().size() > body_begin) text.Add(" ");
      s.money = money;
      Fill(text, pattern, s);
    };
    const double placement = rng.Unit();  // < 0.45 contact field, < 0.9 body, else no number
    if (a.weapons) {
      sentence(Pick(ref, "ad_weapon_line", t.weapon_line));
      sentence(Pick(ref, "ad_weapon_detail", t.detail1));
      if (!drop_perk2) sentence(Pick(ref, "ad_weapon_detail", t.detail2));
      sentence(Pick(ref, "ad_weapon_price", t.price_line), t.fee / 2 + t.salary);
      sentence(Pick(ref, "ad_weapon_delivery", t.delivery));
    } else {
      if (!drop_opener)
        sentence(Pick(ref, "ad_opener_a", t.opener_a) + " " + Pick(ref, "ad_opener_b", t.opener_b) + ".");
      sentence(Pick(ref, "ad_job_line", t.job_line));
      sentence(Pick(ref, "ad_salary_line", t.salary_line), t.salary);
      // The fee line (with its wallet number) comes two sentences before any contact number: a
      // number within six words after a wallet name is read as that wallet.
      if (t.fee_shown) sentence(Pick(ref, "ad_fee_line", t.fee_line), t.fee);
      sentence(Pick(ref, "ad_perk", t.perk1));
      if (!drop_perk2) sentence(Pick(ref, "ad_perk", t.perk2));
      sentence(Pick(ref, "ad_requirement", t.requirement));
    }
    if (placement >= 0.45 && placement < 0.9) sentence(Pick(ref, "ad_contact_line", t.contact_line));
    if (placement >= 0.9) sentence(Pick(ref, "ad_no_contact", t.contact_line % L(ref, "ad_no_contact").size()));
    if (!a.email.empty() && rng.Chance(0.4)) {
      text.Add(" Email: ");
      text.AddLabelled("email", a.email, a.email);
    }
    if (!a.handle.empty() && rng.Chance(0.4)) {
      text.Add(" Insta: ");
      text.AddLabelled("handle", a.handle, a.handle);
    }
    const size_t body_end = text.text().size();
    if (placement < 0.45) {
      text.Add("\n");
      const std::string& national = a.phones[rng.Below(static_cast<uint64_t>(a.phone_count))];
      text.AddLabelled("phone", WritePhoneAs(national, DrawNumberStyle(rng), rng), "+92" + national);
    }
    const std::string& all = text.text();
    const std::string id = fmt::format("ad-{:07d}", i);
    line.clear();
    line += "{\"id\":";
    AppendJsonString(line, id);
    line += ",\"platform\":";
    AppendJsonString(line, kPlatforms[rng.Below(std::size(kPlatforms))]);
    line += fmt::format(",\"posted\":\"2024-{:02d}-{:02d}\",\"title\":", 1 + rng.Below(12), 1 + rng.Below(28));
    AppendJsonString(line, std::string_view(all).substr(0, body_begin - 1));
    line += ",\"body\":";
    AppendJsonString(line, std::string_view(all).substr(body_begin, body_end - body_begin));
    line += ",\"contact\":";
    AppendJsonString(line, body_end < all.size() ? std::string_view(all).substr(body_end + 1) : std::string_view());
    line += ",\"image_hashes\":[";
    bool first = true;
    for (const auto& image : a.images) {
      if (!rng.Chance(0.3)) continue;
      if (!first) line += ',';
      AppendJsonString(line, image);
      first = false;
    }
    line += "]}\n";
    files.ads->Write(line);
    files.truth->CsvLine(id, a.truth_id, a.network);
    text.WriteBlock(*files.selectors, id, a.weapons ? "ad weapons" : "ad jobs");
    counts.labels += static_cast<int64_t>(text.labels());
    ++counts.ads;
  }
  return counts;
}

}  // namespace kashf::sim
