#include "text_leads.h"

#include <filesystem>

#include <fmt/format.h>

#include "ad_sim.h"
#include "labelled_text.h"
#include "noise.h"
#include "obfuscated_numbers.h"

namespace kashf::sim {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string>& RowOf(const ReferenceData& ref, const char* list, Rng& rng) {
  const auto& rows = ref.List(list);
  return rows[rng.Below(rows.size())];
}

void AddPhone(LabelledText& t, const std::string& national, Rng& rng) {
  t.AddLabelled("phone", WritePhoneAs(national, DrawNumberStyle(rng), rng), "+92" + national);
}
void AddWallet(LabelledText& t, const ReferenceData& ref, const Person& p, Rng& rng) {
  t.Add(ref.List("wallet")[p.wallet_provider][0] + " ");
  t.AddLabelled("wallet", WritePhoneAs(p.phones[0], DrawNumberStyle(rng), rng), "+92" + p.phones[0]);
}
void AddMoney(LabelledText& t, int64_t amount, Rng& rng) {
  t.AddLabelled("money", WriteRupees(amount, rng), MoneyValue(amount));
}
void AddPlace(LabelledText& t, const std::vector<std::string>& row) { t.AddLabelled("place", row[0], row[1]); }

// One chat export between recruiter `r` and victim `v`: the recruitment script, each line kept with
// a probability, written in the Android or iOS layout.
int64_t WriteChat(const ReferenceData& ref, const Person& r, const Person& v, uint64_t seed, int64_t chat,
                  const std::string& path, BufferedFile& selectors, int64_t& labels) {
  Rng rng(seed, kChatStream, static_cast<uint64_t>(chat));
  const bool ios = rng.Chance(0.4);
  const std::string rname = LatinName(ref, r.given, 0.2, rng), vname = LatinName(ref, v.given, 0.2, rng);
  const std::string vsender = rng.Chance(0.3) ? "+92 " + v.phones[0].substr(0, 3) + " " + v.phones[0].substr(3) : vname;
  const auto& country = RowOf(ref, "ad_country", rng);
  const auto& city = RowOf(ref, "ad_city", rng);
  const std::string& job = RowOf(ref, "ad_job", rng)[0];
  const int64_t salary = 5000 * rng.Between(8, 50), fee = 50000 * rng.Between(2, 18);
  const int month = static_cast<int>(rng.Between(1, 12)), day0 = static_cast<int>(rng.Between(1, 20));
  BufferedFile f;
  if (!f.Open(path).ok()) return -1;
  int64_t line = 0, messages = 0;
  int minute = static_cast<int>(rng.Between(0, 600));
  auto stamp = [&](int day) {
    minute += static_cast<int>(rng.Between(1, 90));
    const int h = (minute / 60) % 24, m = minute % 60;
    return ios ? fmt::format("[{:02d}/{:02d}/2024, {:02d}:{:02d}:{:02d}] ", day, month, h, m, rng.Below(60))
               : fmt::format("{:02d}/{:02d}/2024, {:02d}:{:02d} - ", day, month, h, m);
  };
  if (!ios) {
    f.Write(stamp(day0) + "Messages and calls are end-to-end encrypted. No one outside of this chat can read them.\n");
    ++line;
  }
  auto message = [&](bool from_recruiter, const LabelledText& t) {
    f.Write(stamp(day0 + static_cast<int>(messages / 6)) + (from_recruiter ? rname : vsender) + ": " + t.text() + "\n");
    ++line;
    ++messages;
    t.WriteBlock(selectors, fmt::format("chat-{:04d}.txt:{}", chat, line), "chat");
    labels += static_cast<int64_t>(t.labels());
  };
  LabelledText t;
  t.Add("Assalam o alaikum, apka ad dekha tha ");
  AddPlace(t, country);
  t.Add(" wali naukri ka.");
  message(false, t);
  t = {};
  t.Add("Walaikum salam. Haan " + job + " ki jagah khali hai, tankhwa ");
  AddMoney(t, salary, rng);
  t.Add(".");
  message(true, t);
  t = {};
  t.Add("Kitna kharcha aayega sab mila kar?");
  message(false, t);
  t = {};
  t.Add("Total ");
  AddMoney(t, fee, rng);
  t.Add(". Aadha advance ");
  AddWallet(t, ref, r, rng);
  t.Add(" par bhejo.");
  message(true, t);
  if (rng.Chance(0.7)) {
    t = {};
    t.Add("Theek hai. Mera number save kar lein ");
    AddPhone(t, v.phones[0], rng);
    message(false, t);
  }
  t = {};
  t.Add("CNIC aur passport ki copy bhejo.");
  message(true, t);
  t = {};
  t.Add(rng.Chance(0.5) ? "CNIC " : "شناختی کارڈ ");
  t.AddLabelled("cnic", WriteCnicInText(v.cnic, rng), CnicValue(v.cnic));
  message(false, t);
  t = {};
  t.Add(ios ? fmt::format("<attached: {:08d}-PHOTO-2024-{:02d}-{:02d}.jpg>", line, month, day0)
            : fmt::format("IMG-2024{:02d}{:02d}-WA{:04d}.jpg (file attached)", month, day0, line));
  message(false, t);
  if (r.phone_count > 1 && rng.Chance(0.8)) {
    t = {};
    t.Add("Paise bhej kar screenshot bhejna. Mera doosra number ");
    AddPhone(t, r.phones[1], rng);
    message(true, t);
  }
  t = {};
  t.Add("Bhej diye ");
  AddMoney(t, fee / 2, rng);
  t.Add(".");
  message(false, t);
  t = {};
  t.Add("Flight ");
  AddPlace(t, city);
  t.Add(" se hogi, taiyar raho. Kisi ko batana nahi.");
  message(true, t);
  return f.Close().ok() ? messages : -1;
}

int64_t WriteNarrative(const ReferenceData& ref, const Population& pop, uint64_t seed, int64_t k, BufferedFile& csv,
                       BufferedFile& selectors) {
  Rng rng(seed, kNarrativeStream, static_cast<uint64_t>(k));
  const int64_t n = static_cast<int64_t>(rng.Below(static_cast<uint64_t>(pop.networks())));
  const Person r = pop.Get(pop.Member(n, kOrganisers + kBrokers + static_cast<int64_t>(rng.Below(kRecruiters))));
  const Person v = pop.Get(pop.Member(
      n, kOrganisers + kBrokers + kRecruiters + kTransporters + static_cast<int64_t>(rng.Below(kNetworkSize - 26))));
  const std::string& district = ref.districts[v.district].name;
  const int64_t day = DaysFromCivil(2024, 1, 1) + static_cast<int64_t>(rng.Below(360));
  const std::string date = FormatDate(day, 'D');
  LabelledText t;
  t.Add(fmt::format("Complainant {} {} {} r/o ", LatinName(ref, v.given, 0.35, rng), v.female ? "d/o" : "s/o",
                    LatinName(ref, v.father, 0.35, rng)));
  t.AddLabelled("place", district, district);
  t.Add(fmt::format(" stated that accused {} met {} and promised a job of {} in ", LatinName(ref, r.given, 0.35, rng),
                    v.female ? "her" : "him", RowOf(ref, "ad_job", rng)[0]));
  AddPlace(t, RowOf(ref, "ad_country", rng));
  t.Add(" on a salary of ");
  AddMoney(t, 5000 * rng.Between(8, 50), rng);
  t.Add(". On ");
  t.AddLabelled("date", date, FormatDate(day, 'I'));
  t.Add(v.female ? " she paid " : " he paid ");
  AddMoney(t, 50000 * rng.Between(2, 18), rng);
  t.Add(" through ");
  AddWallet(t, ref, r, rng);
  t.Add(v.female ? " and handed over her passport. The accused used mobile "
                 : " and handed over his passport. The accused used mobile ");
  AddPhone(t, r.phones[0], rng);
  t.Add(" and then switched it off.");
  if (rng.Chance(0.6)) {
    t.Add(" Accused CNIC ");
    t.AddLabelled("cnic", WriteCnicInText(r.cnic, rng), CnicValue(r.cnic));
    t.Add(".");
  }
  const std::string fir = fmt::format("FIR-T{:06d}", k);
  csv.CsvLine(fir, district, date, t.text());
  t.WriteBlock(selectors, fir, "fir narrative");
  return static_cast<int64_t>(t.labels());
}

}  // namespace

Result<TextLeadsCounts> WriteTextLeads(const ReferenceData& ref, const Population& pop, uint64_t seed, int64_t ads,
                                       const std::string& out_dir) {
  const std::string dir = out_dir + "/text";
  std::error_code ec;
  for (const char* sub : {"chats", "truth"}) {
    fs::create_directories(fs::path(dir) / sub, ec);
    if (ec) return Status::IoError(fmt::format("{}/{}: cannot create the folder ({})", dir, sub, ec.message()));
  }
  TextLeadsCounts counts;
  BufferedFile ad_file, advertisers, selectors, narratives;
  KASHF_RETURN_IF_ERROR(ad_file.Open(dir + "/ads.jsonl"));
  KASHF_RETURN_IF_ERROR(advertisers.Open(dir + "/truth/ad-advertisers.csv"));
  KASHF_RETURN_IF_ERROR(selectors.Open(dir + "/truth/selectors.txt"));
  KASHF_RETURN_IF_ERROR(narratives.Open(dir + "/fir-narratives.csv"));
  advertisers.Write("ad_id,advertiser,network\n");
  selectors.Write(
      "# Labelled selectors of the simulated ads, chat messages and FIR narratives (kashf simulate).\n"
      "# Score the extractors: kashf text evaluate --set text/truth/selectors.txt\n");
  const AdCounts ad_counts = WriteAds(ref, pop, seed, ads, {&ad_file, &advertisers, &selectors});
  counts.ads = ad_counts.ads;
  counts.advertisers = ad_counts.advertisers;
  counts.labels = ad_counts.labels;

  counts.chats = std::max<int64_t>(10, ads / 50);
  for (int64_t c = 0; c < counts.chats; ++c) {
    const int64_t n = c % pop.networks();
    const Person r = pop.Get(pop.Member(n, kOrganisers + kBrokers + (c / pop.networks()) % kRecruiters));
    const Person v = pop.Get(pop.Member(
        n, kOrganisers + kBrokers + kRecruiters + kTransporters + (c / pop.networks()) % (kNetworkSize - 26)));
    const std::string path = fmt::format("{}/chats/chat-{:04d}.txt", dir, c);
    const int64_t m = WriteChat(ref, r, v, seed, c, path, selectors, counts.labels);
    if (m < 0) return Status::IoError(fmt::format("{}: cannot write the chat export", path));
    counts.messages += m;
  }
  narratives.Write("fir_no,district,date,narrative\n");
  counts.narratives = std::max<int64_t>(20, ads / 20);
  for (int64_t k = 0; k < counts.narratives; ++k)
    counts.labels += WriteNarrative(ref, pop, seed, k, narratives, selectors);
  counts.labelled_texts = counts.ads + counts.messages + counts.narratives;
  KASHF_RETURN_IF_ERROR(ad_file.Close());
  KASHF_RETURN_IF_ERROR(advertisers.Close());
  KASHF_RETURN_IF_ERROR(selectors.Close());
  KASHF_RETURN_IF_ERROR(narratives.Close());
  return counts;
}

}  // namespace kashf::sim
