// Synthetic survivors' cases. Every draw comes from core's SplitMix64 Rng (kashf/core/random.h) and its
// own weighted choice, so output does not depend on the standard library's distributions.
#include "kashf/victims/case_generator.h"

#include <algorithm>

#include <fmt/format.h>

#include "kashf/core/random.h"
#include "kashf/victims/civil_date.h"

namespace kashf::victims {
namespace {

// Uniform in [lo, hi] by remainder (Rng::Remainder), the draw this generator's outputs were made with.
int Uniform(Rng& rng, int lo, int hi) {
  return lo + static_cast<int>(rng.Remainder(static_cast<uint64_t>(int64_t{hi} - lo + 1)));
}

struct RouteProfile {
  std::vector<std::string> countries;  // recruitment ... exploitation
  std::vector<std::string> cities;
  double weight;
  double female_share;
  std::vector<double> exploitation_weights;  // forced_labour, sexual_exploitation, forced_marriage, other
  std::vector<std::string> sectors;
};

const std::vector<RouteProfile>& Routes() {
  static const std::vector<RouteProfile> routes = {
      {{"PAK", "IRN", "TUR", "GRC"},
       {"Gujranwala", "Zahedan", "Van", "Athens"},
       0.22,
       0.08,
       {0.85, 0.05, 0.0, 0.10},
       {"agriculture", "construction", "manufacturing"}},
      {{"PAK", "ARE"},
       {"Sialkot", "Dubai"},
       0.14,
       0.35,
       {0.80, 0.15, 0.0, 0.05},
       {"domestic_work", "construction", "hospitality"}},
      {{"PAK", "SAU"},
       {"Peshawar", "Riyadh"},
       0.13,
       0.30,
       {0.90, 0.05, 0.0, 0.05},
       {"domestic_work", "construction", "agriculture"}},
      {{"PAK", "QAT"}, {"Rawalpindi", "Doha"}, 0.04, 0.20, {0.90, 0.05, 0.0, 0.05}, {"construction", "hospitality"}},
      {{"PAK", "OMN"}, {"Karachi", "Muscat"}, 0.04, 0.25, {0.90, 0.05, 0.0, 0.05}, {"domestic_work", "fishing"}},
      {{"PAK", "LBY", "ITA"},
       {"Mandi Bahauddin", "Benghazi", "Lampedusa"},
       0.08,
       0.05,
       {0.75, 0.10, 0.0, 0.15},
       {"agriculture", "construction"}},
      {{"PAK"},
       {"Lahore"},
       0.22,
       0.60,
       {0.55, 0.25, 0.15, 0.05},
       {"brick_kilns", "agriculture", "domestic_work", "begging"}},
      {{"AFG", "PAK"},
       {"Jalalabad", "Peshawar"},
       0.06,
       0.45,
       {0.45, 0.30, 0.20, 0.05},
       {"begging", "domestic_work", "carpet_weaving"}},
      {{"BGD", "IND", "PAK"},
       {"Jessore", "Kolkata", "Karachi"},
       0.03,
       0.85,
       {0.15, 0.55, 0.30, 0.00},
       {"domestic_work"}},
      {{"PAK", "MYS"},
       {"Faisalabad", "Kuala Lumpur"},
       0.02,
       0.20,
       {0.85, 0.10, 0.0, 0.05},
       {"manufacturing", "agriculture"}},
      {{"PAK", "CHN"}, {"Gujranwala", "Beijing"}, 0.02, 0.98, {0.05, 0.35, 0.60, 0.00}, {"domestic_work"}},
  };
  return routes;
}

const std::vector<std::string> kExploitation = {"forced_labour", "sexual_exploitation", "forced_marriage", "other"};
const std::vector<std::string> kFemaleNames = {"Nasreen", "Shazia",  "Rukhsana", "Farzana", "Samina",
                                               "Kausar",  "Parveen", "Sadia",    "Ayesha",  "Zainab",
                                               "Mehwish", "Bushra",  "Nabila",   "Tahira"};
const std::vector<std::string> kMaleNames = {"Imran",  "Waqas",  "Bilal",  "Zeeshan", "Asif",   "Tariq",
                                             "Naveed", "Kamran", "Sajid",  "Adnan",   "Rizwan", "Shahid",
                                             "Usman",  "Faisal", "Arshad", "Junaid"};
const std::vector<std::string> kFamily = {"Akhtar",   "Hussain", "Iqbal", "Javed",    "Mahmood", "Rasheed",
                                          "Siddiqui", "Qureshi", "Butt",  "Chaudhry", "Malik",   "Awan",
                                          "Bhatti",   "Khan",    "Shah",  "Rehman"};
const std::vector<std::string> kMeans = {
    "debt_bondage",       "threats",        "physical_abuse",          "sexual_abuse",
    "withheld_documents", "withheld_wages", "restricted_movement",     "psychological_abuse",
    "threats_to_family",  "false_promises", "excessive_working_hours", "denied_food_or_sleep"};
const std::vector<std::string> kRelations = {"family", "friend", "intimate_partner", "employer", "agent", "unknown"};
const std::vector<double> kRelationWeights = {0.15, 0.15, 0.06, 0.14, 0.40, 0.10};
const std::vector<std::string> kRecruitment = {"job_offer", "marriage_offer", "abduction", "debt", "other", "unknown"};
const std::vector<std::string> kDeciders = {"fia", "police", "ngo", "labour_inspectorate"};
const std::vector<std::string> kServices = {"shelter",   "medical",    "psychological",
                                            "legal_aid", "livelihood", "education"};

int DrawAge(Rng& rng, bool female) {
  // Weights per CTDC band 0-8, 9-17, 18-20, 21-23, 24-26, 27-29, 30-38, 39-47, 48+.
  static const std::vector<double> kMale = {0.02, 0.14, 0.12, 0.15, 0.16, 0.13, 0.18, 0.07, 0.03};
  static const std::vector<double> kFemale = {0.04, 0.22, 0.14, 0.13, 0.11, 0.09, 0.15, 0.08, 0.04};
  static const int lo[] = {1, 9, 18, 21, 24, 27, 30, 39, 48};
  static const int hi[] = {8, 17, 20, 23, 26, 29, 38, 47, 65};
  size_t band = rng.Weighted(female ? kFemale : kMale);
  return Uniform(rng, lo[band], hi[band]);
}

std::string Cnic(Rng& rng, bool female) {
  int last = Uniform(rng, 0, 4) * 2 + (female ? 0 : 1);  // odd for men, even for women
  return fmt::format("{}{:04}-{:07}-{}", Uniform(rng, 1, 7), Uniform(rng, 0, 9999), Uniform(rng, 0, 9999999), last);
}

// A plausible NRM history: follows the main path, sometimes closing early, up to a random depth.
std::vector<StageRecord> History(Rng& rng, const NrmProcess& process, int64_t start_day) {
  static const std::vector<std::string> kPath = {"identification",
                                                 "referral",
                                                 "reasonable_grounds",
                                                 "recovery_reflection",
                                                 "services",
                                                 "conclusive_decision",
                                                 "justice_participation",
                                                 "return_reintegration",
                                                 "follow_up",
                                                 "closure"};
  std::vector<StageRecord> out;
  int depth = Uniform(rng, 1, static_cast<int>(kPath.size()));
  int64_t day = start_day;
  for (int i = 0; i < depth; ++i) {
    const NrmStage* s = process.Find(kPath[static_cast<size_t>(i)]);
    if (!s) break;
    std::string authority = s->requires_authority ? (s->authorities.empty() ? "fia" : rng.Pick(s->authorities)) : "";
    out.push_back({s->id, DateFromDayNumber(day), authority, ""});
    int budget = s->deadline_days.value_or(30);
    day += rng.Chance(0.85) ? Uniform(rng, 0, budget) : budget + Uniform(rng, 1, 30);  // some late
    bool may_close = std::find(s->next.begin(), s->next.end(), "closure") != s->next.end();
    if (i >= 2 && may_close && rng.Chance(0.05)) {
      out.push_back({"closure", DateFromDayNumber(day), "", "closed early"});
      break;
    }
  }
  return out;
}

// The HTCDS v2 fields added after the first generator, drawn from their own generator so the
// earlier fields (and every golden file built on them) stay as they were.
void AddHtcdsV2Fields(Rng& rng, NewCase& nc, const std::string& today) {
  static const std::vector<std::string> kLanguages = {"urd", "pan", "pus", "snd", "skr", "bal"};
  static const std::vector<std::string> kEducation = {"none",     "primary", "lower_secondary", "upper_secondary",
                                                      "tertiary", "unknown"};
  static const std::vector<std::string> kMarital = {"single", "married", "divorced", "widowed", "unknown"};
  static const std::vector<std::string> kVulnerabilities = {"poverty",   "migration",      "discrimination",
                                                            "education", "abuse_physical", "addiction"};
  VictimCase& c = nc.record;
  c.primary_language = rng.Pick(kLanguages);
  if (rng.Chance(0.3)) c.secondary_language = "eng";
  c.education = rng.Pick(kEducation);
  c.marital_status = c.age_at_registration < 16 ? "single" : rng.Pick(kMarital);
  c.number_of_children = c.age_at_registration < 16 ? 0 : Uniform(rng, 0, 4);
  if (c.citizenship != "PAK" && rng.Chance(0.1)) c.additional_citizenships.push_back("PAK");
  if (rng.Chance(0.1)) c.means_of_control.push_back("psychoactive_substances");
  if (rng.Chance(0.2)) c.recruitment_methods.push_back("internet");
  for (const auto& v : kVulnerabilities)
    if (rng.Chance(0.2)) c.vulnerabilities.push_back(v);
  for (const auto& e : c.exploitation_types)
    if (e == "sexual_exploitation") {
      c.sexual_exploitation_types.push_back(rng.Chance(0.8) ? "prostitution" : "private_sexual_services");
      if (rng.Chance(0.2)) c.sexual_exploitation_types.push_back("pornography");
    }
  if (rng.Chance(0.1)) c.exploitation_types.push_back("other");  // a second type: CTDC flags see every type
  for (const auto& s : c.support_plan)
    c.support_objectives.push_back({s, "agreed with the survivor at intake", c.registration_date, today, "",
                                    rng.Chance(0.5) ? "in_progress" : "planned"});
  for (auto& r : c.referrals) {
    r.reason = "additional_services_required";
    r.outcome = rng.Chance(0.8) ? "accepted" : "pending";
  }
  c.case_owner = "intake";
  if (c.CurrentStage() == "closure") {
    c.case_status = "closed";
    c.closure_reason = c.stages.back().note.empty() ? "services completed" : c.stages.back().note;
  }
}

}  // namespace

std::vector<NewCase> GenerateCases(const GeneratorOptions& options, const NrmProcess& process) {
  Rng rng(options.seed * 0x2545F4914F6CDD1DULL + 17);
  Rng extra(options.seed * 0x9E3779B97F4A7C15ULL + 29);  // HTCDS v2 fields; keeps `rng`'s sequence as before
  std::vector<double> route_weights;
  for (const auto& r : Routes()) route_weights.push_back(r.weight);
  int64_t first_day = *DayNumber(fmt::format("{}-01-01", options.first_year));
  int64_t last_day = *DayNumber(fmt::format("{}-12-31", options.last_year));
  std::vector<NewCase> out;
  out.reserve(static_cast<size_t>(options.count));
  for (int64_t n = 0; n < options.count; ++n) {
    const RouteProfile& route = Routes()[rng.Weighted(route_weights)];
    NewCase nc;
    VictimCase& c = nc.record;
    bool female = rng.Chance(route.female_share);
    c.agency = options.agencies.empty() ? "" : rng.Pick(options.agencies);
    int64_t reg_day = first_day + static_cast<int64_t>(rng.Remainder(static_cast<uint64_t>(last_day - first_day + 1)));
    c.registration_date = DateFromDayNumber(reg_day);
    c.sex = female ? "female" : (rng.Chance(0.01) ? "other" : "male");
    c.age_at_registration = DrawAge(rng, female);
    c.citizenship = route.countries.front() == "PAK" || route.countries.size() == 1 ? "PAK" : route.countries.front();
    c.trafficking_status = rng.Chance(0.6) ? "actual" : "possible";
    c.status_decided_by = rng.Pick(kDeciders);
    c.months_trafficked = Uniform(rng, 0, 48);
    c.age_when_trafficked = std::max(0, c.age_at_registration - c.months_trafficked / 12);
    c.recruiter_relation = kRelations[rng.Weighted(kRelationWeights)];
    c.recruitment_methods.push_back(rng.Pick(kRecruitment));
    for (const auto& m : kMeans)
      if (rng.Chance(0.25)) c.means_of_control.push_back(m);
    std::string exploitation = kExploitation[rng.Weighted(route.exploitation_weights)];
    if (!female && exploitation == "forced_marriage") exploitation = "forced_labour";
    c.exploitation_types.push_back(exploitation);
    if (exploitation == "forced_labour") c.labour_sector = rng.Pick(route.sectors);
    c.perpetrators.push_back({{"recruiter_or_intermediary"}, "", "", "", "", ""});
    if (route.countries.size() > 1)
      c.perpetrators.push_back({{rng.Chance(0.5) ? "smuggler" : "transporter"}, "", "", "", "", ""});
    c.perpetrators.push_back({{"exploiter"}, "", "", "", "", ""});
    int64_t event_day = reg_day - 30 * std::max(1, c.months_trafficked) - Uniform(rng, 0, 60);
    for (size_t i = 0; i < route.countries.size(); ++i) {
      std::string kind = i == 0 ? "recruitment" : (i + 1 == route.countries.size() ? "exploitation" : "transit");
      c.events.push_back({kind, route.countries[i], route.cities[i], DateFromDayNumber(event_day), "", ""});
      event_day += Uniform(rng, 3, 40);
    }
    if (route.countries.size() == 1)
      c.events.push_back({"exploitation", route.countries[0], "Kasur", DateFromDayNumber(event_day), "", ""});
    for (const auto& s : kServices)
      if (rng.Chance(0.4)) c.support_plan.push_back(s);
    c.offences.push_back(route.countries.size() > 2 && rng.Chance(0.5) ? "pk-psma-2018-s3" : "pk-ptpa-2018-s3");
    c.stages = History(rng, process, reg_day);
    std::string today = c.stages.back().date;
    for (const auto& p : process.consent_purposes()) {
      double p_grant = p.id == "statistics" ? 0.93 : p.id == "referral_identity" ? 0.7 : 0.4;
      if (rng.Chance(0.95)) c.consents.push_back({p.id, rng.Chance(p_grant), c.registration_date, "intake"});
    }
    for (const auto& s : c.support_plan)
      if (rng.Chance(0.7))
        c.referrals.push_back({"out", s, s == "shelter" ? "Dar-ul-Aman" : "Partner NGO", today, false, "", "", "", ""});
    Identity& id = nc.identity;
    id.first_name = female ? rng.Pick(kFemaleNames) : rng.Pick(kMaleNames);
    id.second_name = rng.Pick(kFamily);
    id.full_name = id.DisplayName();
    id.father_name = fmt::format("{} {}", rng.Pick(kMaleNames), rng.Pick(kFamily));
    id.national_id =
        c.citizenship == "PAK" ? Cnic(rng, female) : fmt::format("{}{:09}", c.citizenship, Uniform(rng, 0, 999999999));
    id.date_of_birth = DateFromDayNumber(reg_day - 365 * c.age_at_registration - Uniform(rng, 0, 364));
    id.phone = fmt::format("+92 3{:02} {:07}", Uniform(rng, 0, 49), Uniform(rng, 0, 9999999));
    AddHtcdsV2Fields(extra, nc, today);
    out.push_back(std::move(nc));
  }
  return out;
}

}  // namespace kashf::victims
