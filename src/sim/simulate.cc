// kashf simulate: one streaming pass per data file over a counter-based random stream (random.h);
// people come from Population (population.h), their written forms from noise.h.
#include "kashf/sim/simulate.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <xlsxwriter.h>

#include "kashf/core/paths.h"
#include "meetings.h"
#include "noise.h"
#include "population.h"
#include "random.h"
#include "reference.h"
#include "text_leads.h"
#include "text_out.h"

namespace kashf::sim {
namespace {

namespace fs = std::filesystem;

// Shares of the total row count per data file.
constexpr double kFirShare = 0.14, kFiaShare = 0.10, kSindhShare = 0.06, kCustomsShare = 0.05, kTransactionShare = 0.35,
                 kMeetingShare = 0.02;  // calls take the rest
constexpr double kPersonsPerRow = 0.12;
// Day numbers of the simulated period, 2019-01-01 .. 2024-12-31.
const int64_t kFirstDay = DaysFromCivil(2019, 1, 1);
const int64_t kLastDay = DaysFromCivil(2024, 12, 31);

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// Everything one run shares.
struct Context {
  const SimulationOptions& opt;
  const ReferenceData& ref;
  const Population& pop;
  std::string out;
  BufferedFile truth;  // truth/records.csv
  BufferedFile bad;    // truth/bad-rows.csv
  int64_t truth_lines = 0;
  SimulationSummary summary;
  int64_t meetings = 0;  // meetings written (their reports go into the call records)

  void Truth(const char* dataset, const char* schema, const std::string& key, const std::string& id) {
    truth.CsvLine(std::string_view(dataset), std::string_view(schema), key, id);
    ++truth_lines;
  }
  // Decides whether row `row` of data file `file` is made invalid.
  bool IsBad(uint64_t file, int64_t row) const {
    return Rng(opt.seed, kBadRowStream, (file << 40) | static_cast<uint64_t>(row)).Chance(opt.bad_row_rate);
  }
  void RecordBad(DatasetSummary& ds, int64_t line, const char* reason) {
    ++ds.bad_rows;
    bad.CsvLine(ds.dataset, std::to_string(line), std::string_view(reason));
  }
};

// How an agency wrote down one person.
struct WrittenPerson {
  std::string name, father, cnic, phone;
};

WrittenPerson WriteLatin(const Context& c, const Person& p, Rng& rng, double variant_boost = 1.0) {
  const auto& o = c.opt;
  WrittenPerson w;
  std::vector<size_t> tokens = p.given;
  if (p.clan >= 0 && rng.Chance(0.8)) tokens.push_back(static_cast<size_t>(p.clan));
  w.name = LatinName(c.ref, tokens, std::min(1.0, o.name_variant_rate * variant_boost), rng);
  if (!rng.Chance(o.father_missing_rate)) w.father = LatinName(c.ref, p.father, o.name_variant_rate, rng);
  if (!rng.Chance(o.cnic_missing_rate)) w.cnic = WriteCnic(p.cnic, o.cnic_no_dash_rate, o.cnic_typo_rate, rng);
  if (!rng.Chance(o.phone_missing_rate))
    w.phone = WritePhone(p.phones[rng.Below(static_cast<uint64_t>(p.phone_count))], o.phone_typo_rate, rng);
  if (rng.Chance(0.2)) {
    w.name = Upper(w.name);
    w.father = Upper(w.father);
  }
  return w;
}

// A person index for an agency record: a network member (role drawn by `weights` over
// organiser, broker, recruiter, transporter, victim) with probability `network_share`, else one of
// the "offender pool" (first half of the general population).
int64_t PickPerson(const Population& pop, Rng& rng, double network_share, const int (&weights)[5],
                   int64_t network = -1) {
  if (network >= 0 || rng.Chance(network_share)) {
    int64_t n = network >= 0 ? network : static_cast<int64_t>(rng.Below(static_cast<uint64_t>(pop.networks())));
    int total = 0;
    for (int w : weights) total += w;
    int64_t u = static_cast<int64_t>(rng.Below(static_cast<uint64_t>(total)));
    static constexpr int64_t kStart[5] = {0, kOrganisers, kOrganisers + kBrokers, kOrganisers + kBrokers + kRecruiters,
                                          kOrganisers + kBrokers + kRecruiters + kTransporters};
    static constexpr int64_t kCount[5] = {kOrganisers, kBrokers, kRecruiters, kTransporters,
                                          kNetworkSize - kOrganisers - kBrokers - kRecruiters - kTransporters};
    for (int r = 0; r < 5; ++r) {
      if (u < weights[r]) return pop.Member(n, kStart[r] + static_cast<int64_t>(rng.Below(kCount[r])));
      u -= weights[r];
    }
  }
  return pop.Other(static_cast<int64_t>(rng.Below(static_cast<uint64_t>(std::max<int64_t>(1, pop.others() / 2)))));
}

// How police write down a role (organisers pass themselves off as small agents).
const char* RecordedRole(Role r, Rng& rng) {
  switch (r) {
    case Role::kOrganiser: return "agent";
    case Role::kBroker: return rng.Chance(0.5) ? "facilitator" : "agent";
    case Role::kRecruiter: return rng.Chance(0.7) ? "agent" : "sub-agent";
    case Role::kTransporter: return rng.Chance(0.6) ? "driver" : "facilitator";
    default: return "accused";
  }
}

int64_t RandomDay(Rng& rng) { return rng.Between(kFirstDay, kLastDay); }

const std::string& Station(const Context& c, size_t district, Rng& rng) {
  thread_local std::string s;
  const auto& st = c.ref.List("station");
  s = c.ref.districts[district].name + " " + st[rng.Below(st.size())][0];
  return s;
}

// ---------------------------------------------------------------------------------------------
// 1. punjab-police-fir.csv
Status WriteFir(Context& c, int64_t target, DatasetSummary& ds) {
  BufferedFile f;
  KASHF_RETURN_IF_ERROR(f.Open(c.out + "/" + ds.data_file));
  f.Write(
      "fir_no,police_station,district,fir_date,section,offence,accused_no,rec_id,accused_name,relation,father_name,"
      "cnic,phone,home_district,accused_role\n");
  const auto& offences = c.ref.List("fir_offence");
  static constexpr int kFirDefault[5] = {1, 9, 50, 40, 0}, kFirShielded[5] = {0, 10, 50, 40, 0};
  const int(&kFirWeights)[5] = c.opt.shielded_leaders ? kFirShielded : kFirDefault;
  int64_t row = 0;
  for (int64_t fir = 0; row < target; ++fir) {
    Rng rng(c.opt.seed, kFirStream, static_cast<uint64_t>(fir));
    size_t district = c.ref.district_pick.Pick(rng.Below(c.ref.district_pick.total()));
    std::string station = Station(c, district, rng);
    int64_t day = RandomDay(rng);
    std::string date = FormatDate(day, 'D');
    bool network_case = rng.Chance(0.35);
    const std::vector<std::string>* off = nullptr;
    do off = &offences[rng.Below(offences.size())];
    while (((*off)[2] == "network") != network_case);
    int64_t net = network_case ? static_cast<int64_t>(rng.Below(static_cast<uint64_t>(c.pop.networks()))) : -1;
    std::string fir_no = fmt::format("{}/{}", fir + 1, date.substr(6));
    int64_t accused = rng.Between(1, 3);
    for (int64_t j = 1; j <= accused && row < target; ++j, ++row) {
      Person p = c.pop.Get(network_case ? PickPerson(c.pop, rng, 1.0, kFirWeights, net)
                                        : PickPerson(c.pop, rng, 0.0, kFirWeights));
      WrittenPerson w = WriteLatin(c, p, rng);
      std::string rec_id = fmt::format("PF-{}-{}", fir + 1, j);
      std::string row_date = date;
      if (c.IsBad(1, row)) {
        row_date = fmt::format("{}/{:02d}/{}", 30 + rng.Below(2), 2, date.substr(6));  // 30/02 or 31/02
        c.RecordBad(ds, row + 2, "impossible date in fir_date");
      } else {
        c.Truth("punjab-police-fir", "Person", rec_id, Population::TrueId(p.index));
      }
      f.CsvLine(fir_no, station, c.ref.districts[district].name, row_date, (*off)[0], (*off)[1], std::to_string(j),
                rec_id, w.name, std::string_view(p.female ? "d/o" : "s/o"), w.father, w.cnic, w.phone,
                rng.Chance(0.7) ? c.ref.districts[p.district].name : std::string(),
                std::string_view(network_case ? RecordedRole(p.role, rng) : "accused"));
    }
  }
  ds.rows = row;
  return f.Close();
}

// ---------------------------------------------------------------------------------------------
// 2. fia-ahtc-cases.jsonl
Status WriteFia(Context& c, int64_t target, DatasetSummary& ds) {
  BufferedFile f;
  KASHF_RETURN_IF_ERROR(f.Open(c.out + "/" + ds.data_file));
  const auto& offences = c.ref.List("fia_offence");
  static constexpr int kSuspectDefault[5] = {2, 15, 50, 33, 0}, kSuspectShielded[5] = {0, 17, 50, 33, 0};
  const int(&kSuspectWeights)[5] = c.opt.shielded_leaders ? kSuspectShielded : kSuspectDefault;
  static constexpr int kVictimWeights[5] = {0, 0, 0, 0, 1};
  int64_t row = 0;
  std::string line;
  for (int64_t cs = 0; row < target; ++cs) {
    Rng rng(c.opt.seed, kFiaStream, static_cast<uint64_t>(cs));
    int64_t net = static_cast<int64_t>(rng.Below(static_cast<uint64_t>(c.pop.networks())));
    bool network_case = rng.Chance(0.85);
    size_t district = c.ref.district_pick.Pick(rng.Below(c.ref.district_pick.total()));
    int64_t day = RandomDay(rng);
    const auto& off = offences[rng.Below(offences.size())];
    std::string case_no = fmt::format("FIA/AHTC/{}/{}", FormatDate(day, 'I').substr(0, 4), cs + 1);
    int64_t suspects = rng.Between(1, 3), victims = network_case ? rng.Between(0, 3) : 0;
    int64_t victims_count = victims + rng.Between(0, 6);
    // Route: the network's (all victims of a network share it).
    const Route& route = c.ref.routes[c.pop.Get(c.pop.Member(net, kNetworkSize - 1)).route];
    for (int64_t j = 0; j < suspects + victims && row < target; ++j, ++row) {
      bool victim = j >= suspects;
      Person p = c.pop.Get(
          victim ? PickPerson(c.pop, rng, 1.0, kVictimWeights, net)
                 : PickPerson(c.pop, rng, network_case ? 1.0 : 0.0, kSuspectWeights, network_case ? net : -1));
      WrittenPerson w = WriteLatin(c, p, rng, 1.4);
      std::string id = fmt::format("{}-{}{}", case_no, victim ? "V" : "S", j + 1);
      if (c.IsBad(2, row)) {
        w.name += "\xC3\x28";  // an invalid UTF-8 sequence
        c.RecordBad(ds, row + 1, "invalid UTF-8 in suspect/victim name");
      } else {
        c.Truth("fia-ahtc-cases", "Person", id, Population::TrueId(p.index));
      }
      line = "{\"case_no\":";
      AppendJsonString(line, case_no);
      line += ",\"circle\":";
      AppendJsonString(line, "AHTC " + c.ref.districts[district].name);
      line += ",\"registered_on\":";
      AppendJsonString(line, FormatDate(day, 'I'));
      line += ",\"section\":";
      AppendJsonString(line, off[0]);
      line += ",\"offence\":";
      AppendJsonString(line, off.size() > 1 ? off[1] : off[0]);
      line += ",\"route\":{\"origin\":";
      AppendJsonString(line, route.origin);
      line += ",\"transit\":[";
      for (size_t t = 0; t < route.transit.size(); ++t) {
        if (t) line += ',';
        AppendJsonString(line, route.transit[t]);
      }
      line += "],\"destination\":";
      AppendJsonString(line, route.destination);
      line += fmt::format("}},\"victims_count\":{},\"{}\":{{\"id\":", victims_count, victim ? "victim" : "suspect");
      AppendJsonString(line, id);
      line += ",\"name\":";
      AppendJsonString(line, w.name);
      if (!w.father.empty()) {
        line += ",\"father_name\":";
        AppendJsonString(line, w.father);
      }
      if (!w.cnic.empty()) {
        line += ",\"cnic\":";
        AppendJsonString(line, w.cnic);
      }
      if (!rng.Chance(0.3)) {
        line += ",\"passport_no\":";
        AppendJsonString(line, p.passport);
      }
      if (!w.phone.empty()) {
        line += ",\"phone\":";
        AppendJsonString(line, w.phone);
      }
      if (victim) {
        line += fmt::format(",\"gender\":\"{}\",\"age\":{}", p.female ? "female" : "male",
                            std::stoi(FormatDate(day, 'I').substr(0, 4)) - p.birth_year);
        line += ",\"origin_district\":";
        AppendJsonString(line, c.ref.districts[p.district].name);
      } else {
        line += ",\"role\":";
        AppendJsonString(line, RecordedRole(p.role, rng));
      }
      line += "}}\n";
      f.Write(line);
    }
  }
  ds.rows = row;
  return f.Close();
}

// ---------------------------------------------------------------------------------------------
// 3. sindh-police-register.xlsx (names in Urdu script)
Status WriteSindh(Context& c, int64_t target, DatasetSummary& ds) {
  std::string path = c.out + "/" + ds.data_file;
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.use_zip64 = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  if (!wb) return Status::IoError(path + ": cannot create the workbook");
  // A fixed creation time (2024-01-01) keeps the file byte-identical for a seed: libxlsxwriter
  // otherwise stamps docProps/core.xml and every zip entry with the current time.
  lxw_doc_properties properties{};
  properties.created = 1704067200;
  workbook_set_properties(wb, &properties);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Register");
  const char* header[] = {
      "register_no",      "thana", "district", "entry_date", "name_urdu", "relation_urdu", "father_name_urdu",
      "name_with_father", "cnic",  "phone",    "section",    "offence",   "role"};
  for (lxw_col_t col = 0; col < 13; ++col) worksheet_write_string(ws, 0, col, header[col], nullptr);
  const auto& offences = c.ref.List("fir_offence");
  static constexpr int kWeights[5] = {0, 10, 50, 40, 0};
  int64_t row = 0;
  for (; row < target; ++row) {
    Rng rng(c.opt.seed, kSindhStream, static_cast<uint64_t>(row));
    const auto& off = offences[rng.Below(offences.size())];
    bool network = off[2] == "network";
    Person p = c.pop.Get(PickPerson(c.pop, rng, network ? 1.0 : 0.0, kWeights));
    size_t district = c.ref.district_pick.Pick(rng.Below(c.ref.district_pick.total()));
    std::vector<size_t> tokens = p.given;
    if (p.clan >= 0 && rng.Chance(0.6)) tokens.push_back(static_cast<size_t>(p.clan));
    std::string name = UrduName(c.ref, tokens);
    std::string relation = p.female ? "بنت" : "ولد";
    std::string father = rng.Chance(c.opt.father_missing_rate) ? std::string() : UrduName(c.ref, p.father);
    std::string cnic = rng.Chance(c.opt.cnic_missing_rate)
                           ? std::string()
                           : WriteCnic(p.cnic, c.opt.cnic_no_dash_rate, c.opt.cnic_typo_rate, rng);
    std::string phone =
        rng.Chance(c.opt.phone_missing_rate) ? std::string() : WritePhone(p.phones[0], c.opt.phone_typo_rate, rng);
    std::string reg = fmt::format("SR-{}", row + 1);
    if (c.IsBad(3, row)) {
      reg.clear();
      c.RecordBad(ds, row + 2, "empty required field register_no");
    } else {
      c.Truth("sindh-police-register", "Person", reg, Population::TrueId(p.index));
    }
    auto r = static_cast<lxw_row_t>(row + 1);
    const std::string full_name = father.empty() ? name : fmt::format("{} {} {}", name, relation, father);
    std::string cells[13] = {reg,
                             Station(c, district, rng),
                             c.ref.districts[district].name,
                             FormatDate(RandomDay(rng), 'H'),
                             name,
                             relation,
                             father,
                             full_name,
                             cnic,
                             phone,
                             off[0],
                             off[1],
                             network ? RecordedRole(p.role, rng) : "accused"};
    for (lxw_col_t col = 0; col < 13; ++col) {
      if (!cells[col].empty()) worksheet_write_string(ws, r, col, cells[col].c_str(), nullptr);
    }
  }
  ds.rows = row;
  if (workbook_close(wb) != LXW_NO_ERROR) return Status::IoError(path + ": writing the workbook failed");
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------
// 4. customs-seizures.csv
struct Gun {
  int64_t index;
  const std::vector<std::string>* model;
  std::string serial, import_country, import_year;
  int64_t owner;
};

Gun MakeGun(const Context& c, int64_t f) {
  Rng rng(c.opt.seed, kFirearmStream, static_cast<uint64_t>(f));
  const auto& models = c.ref.List("firearm");
  Gun g{f, &models[rng.Below(models.size())], {}, {}, {}, 0};
  if (rng.Chance(0.5))
    g.serial = fmt::format("{}{}{:06d}", static_cast<char>('A' + rng.Below(26)), static_cast<char>('A' + rng.Below(26)),
                           rng.Below(1000000));
  else g.serial = fmt::format("{:08d}", rng.Below(100000000));
  if ((*g.model)[4] != "Pakistan" && rng.Chance(0.6)) {  // import marking often missing (Art. 8.1(b))
    g.import_country = "Pakistan";
    g.import_year = std::to_string(rng.Between(1995, 2020));
  }
  static constexpr int kDefault[5] = {1, 10, 45, 44, 0}, kShielded[5] = {0, 11, 45, 44, 0};
  g.owner = PickPerson(c.pop, rng, 0.5, c.opt.shielded_leaders ? kShielded : kDefault);
  return g;
}

Status WriteCustoms(Context& c, int64_t target, DatasetSummary& ds) {
  BufferedFile f;
  KASHF_RETURN_IF_ERROR(f.Open(c.out + "/" + ds.data_file));
  f.Write(
      "seizure_no,seizure_date,collectorate,place,firearm_serial,make,model,firearm_type,calibre,country_of_"
      "manufacture,"
      "import_mark_country,import_mark_year,bore_class,seized_from_id,seized_from_name,seized_from_father,seized_from_"
      "cnic,seized_from_phone\n");
  const auto& offices = c.ref.List("collectorate");
  int64_t guns = std::max<int64_t>(20, target * 3 / 4);
  for (int64_t row = 0; row < target; ++row) {
    Rng rng(c.opt.seed, kCustomsStream, static_cast<uint64_t>(row));
    Gun g = MakeGun(c, static_cast<int64_t>(rng.Below(static_cast<uint64_t>(guns))));
    int64_t day = RandomDay(rng);
    std::string no = fmt::format("CS-{}-{:06d}", FormatDate(day, 'I').substr(0, 4), row + 1);
    std::string serial = rng.Chance(0.15) ? ObliterateSerial(g.serial, rng) : g.serial;
    bool person_known = rng.Chance(0.85);
    Person p = c.pop.Get(g.owner);
    WrittenPerson w;
    std::string pid;
    if (person_known) {
      w = WriteLatin(c, p, rng);
      pid = no + "-P";
    }
    if (c.IsBad(4, row)) {
      serial.clear();
      c.RecordBad(ds, row + 2, "empty required field firearm_serial");
    } else {
      c.Truth("customs-seizures", "Firearm", no, fmt::format("F{:07d}", g.index));
      if (person_known) c.Truth("customs-seizures", "Person", pid, Population::TrueId(p.index));
    }
    const auto& m = *g.model;
    f.CsvLine(no, FormatDate(day, 'P'), offices[rng.Below(offices.size())][0], c.ref.districts[p.district].name, serial,
              m[0], m[1], m[2], m[3], m[4], g.import_country, g.import_year, m[5], pid, w.name, w.father, w.cnic,
              w.phone);
  }
  ds.rows = target;
  return f.Close();
}

// ---------------------------------------------------------------------------------------------
// 5. transactions.csv: bank transfers, mobile wallets, hawala dealer-to-dealer settlements.
enum class Channel { kBank, kWallet, kHawala };

// Bits of "this account appeared in a valid row", 3 per person (bank, wallet, hawala code).
class SeenBits {
 public:
  SeenBits(int64_t persons, int per) : per_(per), bits_(static_cast<size_t>(persons * per), false) {}
  void Set(int64_t person, int k) { bits_[static_cast<size_t>(person * per_ + k)] = true; }
  bool Get(int64_t person, int k) const { return bits_[static_cast<size_t>(person * per_ + k)]; }

 private:
  int per_;
  std::vector<bool> bits_;
};

std::string HawalaCode(const Person& p) { return fmt::format("HWD-{:06d}", p.index); }
std::string WalletNumber(const Person& p) { return "0" + p.phones[0]; }

Status WriteTransactions(Context& c, int64_t target, DatasetSummary& ds, SeenBits& seen) {
  BufferedFile f;
  KASHF_RETURN_IF_ERROR(f.Open(c.out + "/" + ds.data_file));
  f.Write(
      "txn_id,txn_date,channel,provider,sender_account,sender_name,receiver_account,receiver_name,amount,currency,"
      "reference\n");
  const Population& pop = c.pop;
  const auto& banks = c.ref.List("bank");
  const auto& wallets = c.ref.List("wallet");
  int64_t hawala_others = std::max<int64_t>(1, pop.others() / kOtherHawalaEvery);
  auto other_dealer = [&](Rng& rng) {
    return pop.Other(static_cast<int64_t>(rng.Below(static_cast<uint64_t>(hawala_others))) * kOtherHawalaEvery + 5);
  };
  for (int64_t row = 0; row < target; ++row) {
    Rng rng(c.opt.seed, kTransactionStream, static_cast<uint64_t>(row));
    int64_t from = 0, to = 0, amount = 0;
    Channel ch = rng.Chance(0.6) ? Channel::kWallet : Channel::kBank;
    int64_t n = static_cast<int64_t>(rng.Below(static_cast<uint64_t>(pop.networks())));
    auto member = [&](int64_t start, int64_t count) {
      return pop.Member(n, start + static_cast<int64_t>(rng.Below(static_cast<uint64_t>(count))));
    };
    const int64_t kB = kOrganisers, kR = kB + kBrokers, kT = kR + kRecruiters, kV = kT + kTransporters;
    if (rng.Chance(0.35)) {
      uint64_t kind = rng.Below(100);
      if (kind < 30) {  // a victim's family pays the recruiter
        int64_t v = member(kV, kNetworkSize - kV);
        from = pop.FamilyOf(v);
        to = pop.Member(n, kR + (v % kRecruiters));
        amount = rng.Between(150, 1500) * 1000;
      } else if (kind < 50) {  // recruiter passes money up to his broker
        int64_t r = member(kR, kRecruiters);
        from = r;
        to = pop.Member(n, kB + (r % kBrokers));
        amount = rng.Between(100, 800) * 1000;
      } else if (kind < 60) {  // broker pays a transporter
        from = member(kB, kBrokers);
        to = member(kT, kTransporters);
        amount = rng.Between(20, 150) * 1000;
        ch = Channel::kWallet;
      } else if (kind < 75) {  // hawala settlement: the network's dealer-broker with another dealer
        from = member(kB, kHawalaBrokers);
        to = rng.Chance(0.5) && pop.networks() > 1
                 ? pop.Member((n + 1) % pop.networks(), kB + static_cast<int64_t>(rng.Below(kHawalaBrokers)))
                 : other_dealer(rng);
        if (rng.Chance(0.5)) std::swap(from, to);
        amount = rng.Between(500, 5000) * 1000;
        ch = Channel::kHawala;
      } else if (kind < 95) {  // brokers pass the proceeds to the organisers
        from = member(kB, kBrokers);
        to = member(0, kOrganisers);
        // Shielded: organiser o hears only from its lieutenant (broker slot o); the other brokers
        // pay a lieutenant.
        const int64_t slot = from - pop.Member(n, kB);
        if (c.opt.shielded_leaders) to = slot < kOrganisers ? pop.Member(n, slot) : member(kB, kOrganisers);
        amount = rng.Between(1000, 10000) * 1000;
        ch = rng.Chance(0.8) ? Channel::kBank : Channel::kWallet;
      } else {  // organisers move money between themselves
        from = pop.Member(n, 0);
        to = pop.Member(n, 1);
        if (rng.Chance(0.5)) std::swap(from, to);
        amount = rng.Between(2000, 20000) * 1000;
        ch = Channel::kBank;
      }
    } else if (rng.Chance(0.02)) {  // background hawala between independent dealers
      from = other_dealer(rng);
      to = other_dealer(rng);
      amount = rng.Between(100, 3000) * 1000;
      ch = Channel::kHawala;
    } else {  // background: ordinary payments between acquaintances
      int64_t k = static_cast<int64_t>(rng.Below(static_cast<uint64_t>(pop.others())));
      from = pop.Other(k);
      to = pop.Other(static_cast<int64_t>(SplitMix64(c.opt.seed ^ (static_cast<uint64_t>(k) * 8 + rng.Below(5))) >> 1));
      amount = rng.Between(5, 2000) * 100;
    }
    Person a = pop.Get(from), b = pop.Get(to);
    if (ch == Channel::kBank && (a.bank_account.empty() || b.bank_account.empty())) ch = Channel::kWallet;
    int64_t day = RandomDay(rng);
    std::string date, provider, acc_a, acc_b;
    int bit = 0;
    switch (ch) {
      case Channel::kBank:
        date = FormatDate(day, 'I');
        provider = banks[a.bank][0];
        acc_a = a.bank_account;
        acc_b = b.bank_account;
        bit = 0;
        break;
      case Channel::kWallet:
        date = FormatDate(day, 'D');
        provider = wallets[a.wallet_provider][0];
        acc_a = WalletNumber(a);
        acc_b = WalletNumber(b);
        bit = 1;
        break;
      case Channel::kHawala:
        date = FormatDate(day, 'I');
        provider = "hawala";
        acc_a = HawalaCode(a);
        acc_b = HawalaCode(b);
        bit = 2;
        break;
    }
    std::string name_a = LatinName(c.ref, a.given, c.opt.name_variant_rate, rng);
    std::string name_b = LatinName(c.ref, b.given, c.opt.name_variant_rate, rng);
    if (ch == Channel::kBank) {
      name_a = Upper(name_a);
      name_b = Upper(name_b);
    }
    std::string amount_text = std::to_string(amount);
    if (c.IsBad(5, row)) {
      amount_text = amount_text.substr(0, 1) + "O" + amount_text.substr(1);  // letter O for zero
      c.RecordBad(ds, row + 2, "non-numeric amount");
    } else {
      seen.Set(from, bit);
      seen.Set(to, bit);
    }
    static const char* kChannelName[] = {"bank", "wallet", "hawala"};
    f.CsvLine(fmt::format("TX{:09d}", row + 1), date, std::string_view(kChannelName[static_cast<int>(ch)]), provider,
              acc_a, name_a, acc_b, name_b, amount_text, std::string_view("PKR"),
              ch == Channel::kHawala ? fmt::format("ledger {}", rng.Below(100000)) : std::string());
  }
  ds.rows = target;
  KASHF_RETURN_IF_ERROR(f.Close());
  for (int64_t i = 0; i < pop.persons(); ++i) {
    bool any = seen.Get(i, 0) || seen.Get(i, 1) || seen.Get(i, 2);
    if (!any) continue;
    Person p = pop.Get(i);
    if (seen.Get(i, 0)) c.Truth("transactions", "Person", p.bank_account, Population::TrueId(i));
    if (seen.Get(i, 1)) c.Truth("transactions", "Person", WalletNumber(p), Population::TrueId(i));
    if (seen.Get(i, 2)) c.Truth("transactions", "Person", HawalaCode(p), Population::TrueId(i));
  }
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------
// 6. call-records.csv (numbers only)
std::string PhoneTrueId(int64_t person, int k) { return fmt::format("PH{:07d}-{}", person, k + 1); }

Status WriteCalls(Context& c, int64_t target, DatasetSummary& ds, SeenBits& seen) {
  BufferedFile f;
  KASHF_RETURN_IF_ERROR(f.Open(c.out + "/" + ds.data_file));
  f.Write("call_id,call_date,start_time,caller,receiver,duration_s\n");
  const Population& pop = c.pop;
  // Row `row`: a call from one of person a's phones to one of person b's on the day `day_of` draws.
  auto write = [&](int64_t row, int64_t a, int64_t b, Rng& rng, auto day_of) {
    Person pa = pop.Get(a), pb = pop.Get(b);
    int ka = static_cast<int>(rng.Below(static_cast<uint64_t>(pa.phone_count)));
    int kb = static_cast<int>(rng.Below(static_cast<uint64_t>(pb.phone_count)));
    const int64_t day = day_of(rng);
    std::string date = FormatDate(day, 'I');
    if (c.IsBad(6, row)) {
      date = date.substr(0, 4) + "-02-30";
      c.RecordBad(ds, row + 2, "impossible date in call_date");
    } else {
      seen.Set(a, ka);
      seen.Set(b, kb);
    }
    uint64_t seconds = rng.Below(86400);
    int64_t duration = rng.Chance(0.15) ? 0 : static_cast<int64_t>(5 + rng.Below(600));
    f.CsvLine(fmt::format("CDR{:010d}", row + 1), date,
              fmt::format("{:02d}:{:02d}:{:02d}", seconds / 3600, seconds / 60 % 60, seconds % 60),
              "92" + pa.phones[ka], "92" + pb.phones[kb], std::to_string(duration));
  };
  for (int64_t row = 0; row < target; ++row) {
    Rng rng(c.opt.seed, kCallStream, static_cast<uint64_t>(row));
    int64_t n = static_cast<int64_t>(rng.Below(static_cast<uint64_t>(pop.networks())));
    auto member = [&](int64_t start, int64_t count) {
      return pop.Member(n, start + static_cast<int64_t>(rng.Below(static_cast<uint64_t>(count))));
    };
    const int64_t kB = kOrganisers, kR = kB + kBrokers, kT = kR + kRecruiters, kV = kT + kTransporters;
    int64_t a = 0, b = 0;
    if (rng.Chance(0.35)) {
      uint64_t kind = rng.Below(100);
      if (kind < 15) {
        a = member(0, kOrganisers);
        // Shielded: an organiser talks only to its lieutenant (the broker in its slot).
        b = c.opt.shielded_leaders ? pop.Member(n, kB + (a - pop.Member(n, 0))) : member(kB, kBrokers);
      } else if (kind < 20) {
        a = pop.Member(n, 0);
        b = pop.Member(n, 1);
      } else if (kind < 30) {
        a = member(kB, kBrokers);
        b = pop.networks() > 1 ? pop.Member((n + 1) % pop.networks(), kB + static_cast<int64_t>(rng.Below(kBrokers)))
                               : member(kB, kBrokers);
      } else if (kind < 55) {
        b = member(kR, kRecruiters);
        a = pop.Member(n, kB + (b % kBrokers));
      } else if (kind < 75) {
        a = member(kR, kRecruiters);
        b = member(kT, kTransporters);
      } else if (kind < 92) {
        b = member(kV, kNetworkSize - kV);
        a = pop.Member(n, kR + (b % kRecruiters));
      } else {
        a = member(kV, kNetworkSize - kV);
        b = pop.FamilyOf(a);
      }
    } else {
      int64_t k = static_cast<int64_t>(rng.Below(static_cast<uint64_t>(pop.others())));
      a = pop.Other(k);
      b = pop.Other(static_cast<int64_t>(SplitMix64(c.opt.seed ^ (static_cast<uint64_t>(k) * 8 + rng.Below(5))) >> 1));
    }
    if (rng.Chance(0.5)) std::swap(a, b);
    write(row, a, b, rng, [](Rng& r) { return RandomDay(r); });
  }
  // Reports after the meetings the organiser did not attend (meetings.h): each reporter calls it
  // once, on the meeting's day or up to kReportDays days later.
  int64_t row = target;
  for (int64_t k = 0; k < c.meetings; ++k) {
    const Meeting m = PlanMeeting(pop, c.opt.seed, k, c.opt.shielded_leaders, kFirstDay, kLastDay);
    Rng rng(c.opt.seed, kCallStream, (uint64_t{1} << 40) | static_cast<uint64_t>(k));
    for (int64_t a : m.reporters)
      write(row++, a, m.organiser, rng, [&m](Rng& r) { return m.day + r.Between(0, kReportDays); });
  }
  ds.rows = row;
  KASHF_RETURN_IF_ERROR(f.Close());
  for (int64_t i = 0; i < pop.persons(); ++i) {
    if (!seen.Get(i, 0) && !seen.Get(i, 1)) continue;
    Person p = pop.Get(i);
    for (int k = 0; k < 2; ++k) {
      if (seen.Get(i, k)) c.Truth("call-records", "Phone", "92" + p.phones[k], PhoneTrueId(i, k));
    }
  }
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------
// 7. surveillance-meetings.csv: cells meeting at dated places, one row per attendee (meetings.h).
Status WriteMeetings(Context& c, int64_t target, DatasetSummary& ds) {
  BufferedFile f;
  KASHF_RETURN_IF_ERROR(f.Open(c.out + "/" + ds.data_file));
  f.Write("meeting_id,meeting_date,place,district,rec_id,attendee_name,relation,father_name,cnic,phone\n");
  static constexpr const char* kPlaces[] = {"guest house", "hotel", "tea stall", "bus stand", "dera", "warehouse"};
  int64_t row = 0, k = 0;
  for (; row < target; ++k) {
    const Meeting m = PlanMeeting(c.pop, c.opt.seed, k, c.opt.shielded_leaders, kFirstDay, kLastDay);
    Rng rng(c.opt.seed, kMeetingStream, (uint64_t{1} << 40) | static_cast<uint64_t>(k));
    const std::string id = fmt::format("MTG-{}", k + 1), date = FormatDate(m.day, 'I');
    const size_t district = c.ref.district_pick.Pick(rng.Below(c.ref.district_pick.total()));
    const std::string& district_name = c.ref.districts[district].name;
    const std::string place = fmt::format("{} in {}", kPlaces[rng.Below(std::size(kPlaces))], district_name);
    for (size_t j = 0; j < m.attendees.size(); ++j, ++row) {
      const Person p = c.pop.Get(m.attendees[j]);
      const WrittenPerson w = WriteLatin(c, p, rng);
      const std::string rec_id = fmt::format("SM-{}-{}", k + 1, j + 1);
      std::string row_date = date;
      if (c.IsBad(7, row)) {
        row_date.clear();
        c.RecordBad(ds, row + 2, "empty required field meeting_date");
      } else {
        c.Truth("surveillance-meetings", "Person", rec_id, Population::TrueId(p.index));
      }
      f.CsvLine(id, row_date, place, district_name, rec_id, w.name, std::string_view(p.female ? "d/o" : "s/o"),
                w.father, w.cnic, w.phone);
    }
  }
  c.meetings = k;
  ds.rows = row;
  return f.Close();
}

// ---------------------------------------------------------------------------------------------
Status WriteRolesAndNetworks(Context& c) {
  BufferedFile roles, networks, owners;
  KASHF_RETURN_IF_ERROR(roles.Open(c.out + "/truth/roles.csv"));
  KASHF_RETURN_IF_ERROR(networks.Open(c.out + "/truth/networks.csv"));
  KASHF_RETURN_IF_ERROR(owners.Open(c.out + "/truth/phones.csv"));
  roles.Write("true_id,kind,role\n");
  networks.Write("true_id,network_id\n");
  owners.Write("true_id,owner_true_id\n");
  for (int64_t i = 0; i < c.pop.persons(); ++i) {
    Person p = c.pop.Get(i);
    std::string id = Population::TrueId(i);
    roles.CsvLine(id, std::string_view("person"), std::string_view(RoleName(p.role)));
    if (p.hawala_dealer) roles.CsvLine(id, std::string_view("person"), std::string_view("hawala_dealer"));
    if (p.network >= 0) networks.CsvLine(id, fmt::format("N{:04d}", p.network));
    for (int k = 0; k < p.phone_count; ++k) {
      std::string ph = PhoneTrueId(i, k);
      roles.CsvLine(ph, std::string_view("phone"), std::string_view(RoleName(p.role)));
      owners.CsvLine(ph, id);
      if (p.network >= 0) networks.CsvLine(ph, fmt::format("N{:04d}", p.network));
    }
  }
  KASHF_RETURN_IF_ERROR(roles.Close());
  KASHF_RETURN_IF_ERROR(networks.Close());
  return owners.Close();
}

Status CopyMapping(const std::string& home, const std::string& out, const std::string& dataset) {
  std::string from = home + "/mappings/sim/" + dataset + ".yaml";
  std::ifstream in(from, std::ios::binary);
  if (!in) return Status::NotFound(from + ": mapping missing (is KASHF_HOME set to the Kashf folder?)");
  std::stringstream text;
  text << in.rdbuf();
  BufferedFile f;
  KASHF_RETURN_IF_ERROR(f.Open(out + "/mappings/" + dataset + ".yaml"));
  f.Write(text.str());
  return f.Close();
}

constexpr const char* kReadme =
    R"(Synthetic data written by `kashf simulate` (all people, numbers and events are invented).

data/punjab-police-fir.csv      police FIR register: one row per accused (Latin-script names, s/o, CNIC, phone)
data/fia-ahtc-cases.jsonl       FIA anti-human-trafficking circle case list: one JSON object per suspect or victim
data/sindh-police-register.xlsx police register with names in Urdu script
data/customs-seizures.csv       customs firearm seizure log (markings; '?' = obliterated character)
data/transactions.csv           bank transfers, mobile wallets (keyed by mobile number), hawala ledger settlements
data/call-records.csv           call-detail records (phone numbers only)
data/surveillance-meetings.csv  police surveillance log of meetings: one row per attendee (name, CNIC, phone)
mappings/<dataset>.yaml         how each file maps to Kashf entities (docs/mapping.md); use with `kashf ingest`
truth/records.csv               dataset,schema,key,true_id: the true person/phone/firearm of every record entity
truth/roles.csv                 true_id,kind,role: organiser, broker, recruiter, transporter, victim, hawala_dealer, other
truth/networks.csv              true_id,network_id: members (and their phones) of each trafficking network
truth/phones.csv                true_id,owner_true_id: who owns each phone
truth/bad-rows.csv              dataset,line,reason: rows made invalid on purpose (ingest should reject them)
text/ads.jsonl                  online ads: recruiters' job offers abroad, weapon sale posts (id,title,body,contact,image_hashes)
text/chats/chat-NNNN.txt        WhatsApp chat exports (Android and iOS layouts) between recruiters and victims
text/fir-narratives.csv         FIR narratives naming the recruiter's phone, wallet and CNIC
text/truth/ad-advertisers.csv   ad_id,advertiser,network: who posted each ad (kashf text cluster --truth)
text/truth/selectors.txt        labelled selectors of every ad, message and narrative (kashf text evaluate --set)
)";

}  // namespace

Result<SimulationSummary> Simulate(const SimulationOptions& options) {
  if (options.out_dir.empty()) return Status::InvalidArgument("no output folder given (use --out DIR)");
  if (options.ads < 0 || options.ads > 100'000'000)
    return Status::InvalidArgument(fmt::format("ads must be between 0 and 100,000,000 (got {})", options.ads));
  if (options.records < 100 || options.records > 100'000'000) {
    return Status::InvalidArgument(
        fmt::format("records must be between 100 and 100,000,000 (got {})", options.records));
  }
  for (double r :
       {options.bad_row_rate, options.name_variant_rate, options.cnic_missing_rate, options.cnic_typo_rate,
        options.cnic_no_dash_rate, options.phone_missing_rate, options.phone_typo_rate, options.father_missing_rate}) {
    if (!(r >= 0.0 && r <= 1.0)) return Status::InvalidArgument("noise and bad-row rates must be between 0 and 1");
  }
  std::string home = options.home.empty() ? KashfHome() : options.home;
  KASHF_ASSIGN_OR_RETURN(ReferenceData ref, ReferenceData::Load(home));
  std::error_code ec;
  for (const char* sub : {"data", "mappings", "truth"}) {
    fs::create_directories(fs::path(options.out_dir) / sub, ec);
    if (ec)
      return Status::IoError(fmt::format("{}/{}: cannot create the folder ({})", options.out_dir, sub, ec.message()));
  }
  int64_t persons = std::max<int64_t>(400, static_cast<int64_t>(static_cast<double>(options.records) * kPersonsPerRow));
  int64_t networks =
      std::max<int64_t>(1, std::min<int64_t>(persons / (2 * kNetworkSize), std::max<int64_t>(2, persons / 1200)));
  Population pop(ref, options.seed, persons, networks);
  Context c{options, ref, pop, options.out_dir, {}, {}, 0, {}};
  KASHF_RETURN_IF_ERROR(c.truth.Open(c.out + "/truth/records.csv"));
  KASHF_RETURN_IF_ERROR(c.bad.Open(c.out + "/truth/bad-rows.csv"));
  c.truth.Write("dataset,schema,key,true_id\n");
  c.bad.Write("dataset,line,reason\n");

  auto rows = [&](double share) {
    return std::max<int64_t>(10, static_cast<int64_t>(static_cast<double>(options.records) * share));
  };
  int64_t fixed = rows(kFirShare) + rows(kFiaShare) + rows(kSindhShare) + rows(kCustomsShare) +
                  rows(kTransactionShare) + rows(kMeetingShare);
  int64_t call_rows = std::max<int64_t>(10, options.records - fixed);
  auto dataset = [](const char* name, const char* ext) {
    return DatasetSummary{name, fmt::format("data/{}.{}", name, ext), fmt::format("mappings/{}.yaml", name), 0, 0};
  };
  std::vector<DatasetSummary> ds = {dataset("punjab-police-fir", "csv"),      dataset("fia-ahtc-cases", "jsonl"),
                                    dataset("sindh-police-register", "xlsx"), dataset("customs-seizures", "csv"),
                                    dataset("transactions", "csv"),           dataset("call-records", "csv"),
                                    dataset("surveillance-meetings", "csv")};
  KASHF_RETURN_IF_ERROR(WriteFir(c, rows(kFirShare), ds[0]));
  KASHF_RETURN_IF_ERROR(WriteFia(c, rows(kFiaShare), ds[1]));
  KASHF_RETURN_IF_ERROR(WriteSindh(c, rows(kSindhShare), ds[2]));
  KASHF_RETURN_IF_ERROR(WriteCustoms(c, rows(kCustomsShare), ds[3]));
  {
    SeenBits seen(persons, 3);
    KASHF_RETURN_IF_ERROR(WriteTransactions(c, rows(kTransactionShare), ds[4], seen));
  }
  KASHF_RETURN_IF_ERROR(WriteMeetings(c, rows(kMeetingShare), ds[6]));  // before the calls: they carry its reports
  {
    SeenBits seen(persons, 2);
    KASHF_RETURN_IF_ERROR(WriteCalls(c, call_rows, ds[5], seen));
  }
  KASHF_RETURN_IF_ERROR(WriteRolesAndNetworks(c));
  for (const auto& d : ds) KASHF_RETURN_IF_ERROR(CopyMapping(home, c.out, d.dataset));
  KASHF_RETURN_IF_ERROR(c.truth.Close());
  KASHF_RETURN_IF_ERROR(c.bad.Close());
  {
    BufferedFile readme;
    KASHF_RETURN_IF_ERROR(readme.Open(c.out + "/README.txt"));
    readme.Write(kReadme);
    KASHF_RETURN_IF_ERROR(readme.Close());
  }
  SimulationSummary s;
  if (options.text) {
    const int64_t ads = options.ads > 0 ? options.ads : std::max<int64_t>(300, options.records / 10);
    KASHF_ASSIGN_OR_RETURN(TextLeadsCounts t, WriteTextLeads(ref, pop, options.seed, ads, c.out));
    s.ads = t.ads;
    s.advertisers = t.advertisers;
    s.chats = t.chats;
    s.chat_messages = t.messages;
    s.narratives = t.narratives;
    s.text_labels = t.labels;
  }
  for (const auto& d : ds) {
    s.rows += d.rows;
    s.bad_rows += d.bad_rows;
  }
  s.datasets = std::move(ds);
  s.persons = persons;
  s.networks = networks;
  s.truth_records = c.truth_lines;
  return s;
}

}  // namespace kashf::sim
