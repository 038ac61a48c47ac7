// Synthetic firearm registry (see registry_generator.h). Deterministic: every firearm draws from
// its own SplitMix64 stream (core Rng) seeded by (seed, index), so GenerateSerials() and Generate() give the
// same serial, make and calibre for the same index.
#include "kashf/firearms/registry_generator.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <map>

#include "kashf/core/paths.h"
#include "kashf/core/random.h"
#include "kashf/firearms/chain_of_custody.h"
#include "kashf/firearms/firearm_registry.h"

namespace kashf::firearms {

struct RegistryGenerator::Config {
  struct Make {
    std::string make, country, place, serial;
    std::vector<std::string> types, calibres;
    int weight = 1;
  };
  struct District {
    std::string district, province;
    int weight = 1;
  };
  struct Campaign {
    std::string id;
    int64_t start = 0, end = 0;  // days since 1970-01-01
  };
  std::vector<Make> makes;
  int make_weight = 0;
  std::vector<District> districts;
  int district_weight = 0;
  std::vector<std::string> models, seizure_agencies, licensing_agencies, state_agencies, destruction_agencies,
      trade_agencies, contexts, trace_destinations, import_countries;
  std::vector<Campaign> campaigns;
};

namespace {

// Days since 1970-01-01 <-> civil date (H. Hinnant's algorithms).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

std::string CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return fmt::format("{:04d}-{:02d}-{:02d}", y + (m <= 2), m, d);
}

int64_t ParseDays(const std::string& iso) {
  return DaysFromCivil(std::stoi(iso.substr(0, 4)), static_cast<unsigned>(std::stoi(iso.substr(5, 2))),
                       static_cast<unsigned>(std::stoi(iso.substr(8, 2))));
}

std::vector<std::string> Strings(const YAML::Node& n) {
  std::vector<std::string> out;
  if (n)
    for (const auto& x : n) out.push_back(x.as<std::string>());
  return out;
}

std::string SerialFrom(const std::string& format, Rng& rng) {
  std::string s;
  for (char f : format) {
    if (f == 'A') s.push_back(static_cast<char>('A' + rng.Remainder(26)));
    else if (f == '9') s.push_back(static_cast<char>('0' + rng.Remainder(10)));
    else s.push_back(f);
  }
  return s;
}

const int64_t kLastDay = DaysFromCivil(2026, 6, 30);

struct Identity {
  const RegistryGenerator::Config::Make* make;
  std::string serial, calibre, type;
};

template <typename C>
Identity DrawIdentity(const C& cfg, Rng& rng) {
  auto w = static_cast<int>(rng.Remainder(static_cast<uint64_t>(cfg.make_weight)));
  const auto* make = &cfg.makes.back();
  for (const auto& m : cfg.makes) {
    if (w < m.weight) {
      make = &m;
      break;
    }
    w -= m.weight;
  }
  Identity id{make, SerialFrom(make->serial, rng), rng.Pick(make->calibres), rng.Pick(make->types)};
  return id;
}

// Weighted choice of a home district (weights from firearm-generator.yaml).
const RegistryGenerator::Config::District& DrawDistrict(const RegistryGenerator::Config& cfg, Rng& rng) {
  auto w = static_cast<int>(rng.Remainder(static_cast<uint64_t>(cfg.district_weight)));
  for (const auto& d : cfg.districts) {
    if (w < d.weight) return d;
    w -= d.weight;
  }
  return cfg.districts.back();
}

// One firearm's recorded life, drawn event by event from the firearm's own stream: its markings and
// home district, its origin (manufacture, import, or no lawful record), then a walk through the
// lifecycle state machine (firearm-lifecycle.yaml) until it leaves circulation or the period ends.
// The order of draws is part of the generator's output: reordering them changes every registry.
class FirearmLife {
 public:
  FirearmLife(const RegistryGenerator::Config& cfg, const LifecycleRules& rules, Rng& rng)
      : cfg_(cfg), rules_(rules), rng_(rng), home_country_(cfg.import_countries.front()) {}

  // Markings from `ident`, a model, the home district and the first day.
  void DrawFirearm(const Identity& ident, int64_t id) {
    ident_ = &ident;
    Firearm& f = sf_.firearm;
    f.id = id;
    f.serial = ident.serial;
    f.make = ident.make->make;
    f.model = rng_.Pick(cfg_.models);
    f.type = ident.type;
    f.calibre = ident.calibre;
    f.country_of_manufacture = ident.make->country;
    f.place_of_manufacture = ident.make->place;
    district_ = &DrawDistrict(cfg_, rng_);
    day_ = DaysFromCivil(2000 + static_cast<int64_t>(rng_.Remainder(20)), 1, 1) +
           static_cast<int64_t>(rng_.Remainder(365));
  }

  // Origin: local manufacture, import, or no lawful record (craft-made / unregistered).
  void DrawOrigin() {
    Firearm& f = sf_.firearm;
    if (f.type == "craft_made" || rng_.Chance(0.04)) {
      if (rng_.Chance(0.8) || !Surrender()) Seize();
    } else if (ident_->make->country == home_country_) {
      auto& e = Add("manufacture");
      e.place = ident_->make->place;
      e.agency = ident_->make->make;
      e.document = fmt::format("MFG-{}", f.serial);
    } else {
      auto& e = Add("import");
      e.agency = "Pakistan Customs";
      e.licence_number = fmt::format("IMP-{}-{}", e.date.substr(0, 4), 100000 + rng_.Remainder(900000));
      e.licence_expiry = CivilFromDays(day_ + 365);
      e.export_country = ident_->make->country;
      e.import_country = home_country_;
      e.final_recipient = rng_.Pick(cfg_.trade_agencies);
      e.document = e.licence_number;
      f.import_country = home_country_;
      f.import_year = std::stoi(e.date.substr(0, 4));
    }
  }

  // Up to eight events through the state machine, each 30 days to about four years after the last.
  void WalkLifecycle() {
    for (int step = 0; step < 8; ++step) {
      day_ += 30 + static_cast<int64_t>(rng_.Remainder(1500));
      if (day_ > kLastDay) break;
      if (!Step(rng_.Unit())) break;
    }
  }

  // The firearm with its final state and current licence; the life is spent afterwards.
  SyntheticFirearm Take() {
    sf_.firearm.state = state_;
    sf_.firearm.licence_number = (state_ == "licensed") ? holder_licence_ : "";
    sf_.firearm.bore_class.clear();
    return std::move(sf_);
  }

  const std::string& state() const { return state_; }
  int64_t day() const { return day_; }

 private:
  LifecycleEvent& Add(const std::string& kind) {
    LifecycleEvent e;
    e.firearm_id = sf_.firearm.id;
    e.kind = kind;
    e.date = CivilFromDays(day_);
    e.district = district_->district;
    e.place = district_->district;
    sf_.events.push_back(std::move(e));
    state_ = rules_.NextState(kind);
    return sf_.events.back();
  }
  void Seize() {
    auto& e = Add("seized");
    e.agency = rng_.Pick(cfg_.seizure_agencies);
    e.seizure_context = rng_.Pick(cfg_.contexts);
    e.document = fmt::format("FIR-{}-{}", e.date.substr(0, 4), 1000 + rng_.Remainder(9000));
  }
  // Handed in during a weapons-collection campaign still open on or after the current day; false
  // (and nothing recorded) when none is.
  bool Surrender() {
    std::vector<const RegistryGenerator::Config::Campaign*> open;
    for (const auto& c : cfg_.campaigns)
      if (c.end >= day_) open.push_back(&c);
    if (open.empty()) return false;
    const auto* c = open[rng_.Remainder(open.size())];
    day_ = std::max(day_, c->start) + static_cast<int64_t>(rng_.Remainder(static_cast<uint64_t>(
                                          std::max<int64_t>(1, c->end - std::max(day_, c->start)))));
    auto& e = Add("surrendered");
    e.agency = rng_.Pick(cfg_.seizure_agencies);
    e.campaign = c->id;
    e.document = fmt::format("{}-R{}", c->id, rng_.Remainder(100000));
    return true;
  }
  void Dispose(const char* kind) {
    auto& e = Add(kind);
    e.agency = rng_.Pick(cfg_.destruction_agencies);
    e.document = fmt::format("{}-{}", std::string(kind) == "destroyed" ? "D" : "DC", 10000 + rng_.Remainder(90000));
  }
  // licence_issue or licence_transfer to a new licensee in the home district.
  void License(const char* kind) {
    auto& e = Add(kind);
    e.agency = rng_.Pick(cfg_.licensing_agencies);
    e.holder = fmt::format("Licensee {:06d}", rng_.Remainder(1000000));
    e.licence_number = fmt::format("LIC-{}-{:07d}", district_->district.substr(0, 3), rng_.Remainder(10000000));
    e.document = e.licence_number;
    holder_licence_ = e.licence_number;
  }

  // One event from the current state for the uniform draw `r`; false when the record ends here.
  bool Step(double r) {
    if (state_ == "in_trade") return StepInTrade(r);
    if (state_ == "licensed") return StepLicensed(r);
    if (state_ == "state_stock") return StepStateStock(r);
    if (state_ == "lost" || state_ == "stolen") {
      if (r < 0.6) {
        Seize();
        return true;
      }
      return r < 0.7 && Surrender();
    }
    if (state_ == "seized") return StepSeized(r);
    if (state_ == "surrendered") {
      if (r >= 0.8) return false;
      Dispose(r < 0.7 ? "destroyed" : "deactivated");
      return true;
    }
    if (state_ == "deactivated") {
      if (r >= 0.2) return false;
      Dispose("destroyed");
      return true;
    }
    if (state_ == "exported") {
      if (r >= 0.2) return false;
      Add("transit").transit_country = "ae";
      return true;
    }
    return false;
  }
  bool StepInTrade(double r) {
    if (r < 0.72) {
      License("licence_issue");
    } else if (r < 0.86) {
      auto& e = Add("state_acquisition");
      e.agency = rng_.Pick(cfg_.state_agencies);
      e.document = fmt::format("SA-{}", rng_.Remainder(100000));
    } else if (r < 0.9) {
      auto& e = Add("export");
      e.agency = "Pakistan Customs";
      e.licence_number = fmt::format("EXP-{}", 100000 + rng_.Remainder(900000));
      e.export_country = home_country_;
      e.import_country = ident_->make->country == home_country_ ? "ae" : ident_->make->country;
      e.final_recipient = "Licensed dealer abroad";
      e.document = e.licence_number;
    } else {
      return false;
    }
    return true;
  }
  bool StepLicensed(double r) {
    if (r < 0.2) License("licence_transfer");
    else if (r < 0.3) Add("lost").agency = rng_.Pick(cfg_.seizure_agencies);
    else if (r < 0.4) Add("stolen").agency = rng_.Pick(cfg_.seizure_agencies);
    else if (r < 0.45) return Surrender();
    else if (r < 0.5) Seize();
    else return false;
    return true;
  }
  bool StepStateStock(double r) {
    if (r < 0.1) {
      auto& e = Add("state_stock_release");
      e.agency = rng_.Pick(cfg_.state_agencies);
      e.document = fmt::format("REL-{}", rng_.Remainder(100000));
      sf_.firearm.state_stock_mark = fmt::format("{}-GOV", home_country_);
    } else if (r < 0.14) {
      Add(r < 0.12 ? "lost" : "stolen").agency = rng_.Pick(cfg_.state_agencies);
    } else if (r < 0.2) {
      Dispose("destroyed");
    } else {
      return false;
    }
    return true;
  }
  bool StepSeized(double r) {
    if (r < 0.45) {
      Dispose("destroyed");
    } else if (r < 0.55) {
      Dispose("deactivated");
    } else if (r < 0.65 && !holder_licence_.empty()) {
      auto& e = Add("returned");
      e.agency = "Court";
      e.holder = "Returned licensee";
      e.licence_number = holder_licence_;
      e.document = fmt::format("ORDER-{}", rng_.Remainder(100000));
    } else {
      return false;
    }
    return true;
  }

  const RegistryGenerator::Config& cfg_;
  const LifecycleRules& rules_;
  Rng& rng_;
  const std::string home_country_;
  const Identity* ident_ = nullptr;
  const RegistryGenerator::Config::District* district_ = nullptr;
  SyntheticFirearm sf_;
  int64_t day_ = 0;
  std::string state_ = "none";
  std::string holder_licence_;
};

// A lost or stolen weapon later seized with a partly obliterated serial: a separate found-weapon
// record with id `id`, as an officer would create it before a partial-serial search. `day` is the
// last day drawn for the original and moves on to the seizure.
SyntheticFirearm DrawFoundWeapon(const RegistryGenerator::Config& cfg, Rng& rng, const SyntheticFirearm& original,
                                 int64_t id, int64_t& day) {
  SyntheticFirearm found;
  found.firearm = original.firearm;
  found.firearm.id = id;
  found.firearm.import_country.clear();
  found.firearm.import_year = 0;
  found.firearm.licence_number.clear();
  found.firearm.state_stock_mark.clear();
  std::string s = original.firearm.serial;
  size_t hidden = 1 + rng.Remainder(std::max<size_t>(1, s.size() / 3));
  for (size_t k = 0; k < hidden; ++k) s[rng.Remainder(s.size())] = '?';
  found.firearm.serial = s;
  day = std::min(kLastDay, day + 30 + static_cast<int64_t>(rng.Remainder(700)));
  LifecycleEvent e;
  e.firearm_id = found.firearm.id;
  e.kind = "seized";
  e.date = CivilFromDays(std::max(day, ParseDays(original.events.back().date)));
  e.district = e.place = rng.Pick(cfg.districts).district;
  e.agency = rng.Pick(cfg.seizure_agencies);
  e.seizure_context = rng.Pick(cfg.contexts);
  e.document = fmt::format("FIR-{}-{}", e.date.substr(0, 4), 1000 + rng.Remainder(9000));
  e.note = "serial partly obliterated";
  found.events.push_back(e);
  found.firearm.state = "seized";
  return found;
}

// A trace request (ITI para. 17) for the seized weapon `target` (id `target_id`), numbered after
// `*trace_no`, and in 70 % of cases its answer, found from the chain of custody of `origin` (the
// registered weapon `target` was found to be). Nothing when `target` has no seizure.
void DrawTrace(const RegistryGenerator::Config& cfg, const LifecycleRules& rules, Rng& rng, int64_t target_id,
               const SyntheticFirearm& target, const SyntheticFirearm& origin, int* trace_no, SyntheticRegistry* out) {
  const LifecycleEvent* seizure = nullptr;
  for (const auto& e : target.events)
    if (e.kind == "seized") seizure = &e;
  if (!seizure) return;
  TraceRequest t;
  int64_t tday = std::min(kLastDay, ParseDays(seizure->date) + 7 + static_cast<int64_t>(rng.Remainder(60)));
  t.date = CivilFromDays(tday);
  t.id = fmt::format("TR-{}-{:06d}", t.date.substr(0, 4), ++*trace_no);
  t.firearm_id = target_id;
  t.requesting_agency = seizure->agency;
  t.requested_party = rng.Pick(cfg.trace_destinations);
  t.illicit_reason = fmt::format(
      "seized ({}){}", seizure->seizure_context,
      target.firearm.serial.find('?') != std::string::npos ? " with obliterated serial" : " without licence");
  t.legal_basis = "Arms Ordinance 1965 s.13; Firearms Protocol Art. 12.4";
  t.markings = DescribeMarkings(target.firearm);
  t.type = target.firearm.type;
  t.calibre = target.firearm.calibre;
  t.intended_use = "criminal investigation and prosecution";
  out->trace_requests.push_back(t);
  if (!rng.Chance(0.7)) return;
  TraceAnswer a;
  a.request_id = t.id;
  a.date = CivilFromDays(std::min(kLastDay, tday + 10 + static_cast<int64_t>(rng.Remainder(90))));
  if (a.date < t.date) a.date = t.date;
  a.responder = t.requested_party;
  ChainOfCustody chain = ComputeChainOfCustody(origin.events, rules);
  if (!chain.diversions.empty()) {
    a.outcome = "origin_established";
    a.last_lawful_holder = chain.diversions.back().last_lawful_holder;
    a.diversion_point = chain.diversions.back().explanation;
    a.text = "matched the national register";
  } else if (target.firearm.type == "craft_made") {
    a.outcome = "not_traceable";
    a.text = "craft-made, no maker's marking";
  } else {
    a.outcome = rng.Chance(0.5) ? "origin_established" : "no_record";
    a.text = a.outcome == "no_record" ? "no record of this serial" : "manufacturer records the first lawful buyer";
  }
  out->trace_answers.push_back(a);
}

}  // namespace

Result<RegistryGenerator> RegistryGenerator::Create(const GeneratorOptions& options, const LifecycleRules& rules) {
  RegistryGenerator g;
  g.options_ = options;
  g.rules_ = &rules;
  auto cfg = std::make_shared<Config>();
  std::string path =
      options.config_path.empty() ? DataPath("data/reference/firearm-generator.yaml") : options.config_path;
  try {
    YAML::Node y = YAML::LoadFile(path);
    for (const auto& m : y["makes"]) {
      Config::Make mk{m["make"].as<std::string>(),
                      m["country"].as<std::string>(),
                      m["place"].as<std::string>(""),
                      m["serial"].as<std::string>(),
                      Strings(m["types"]),
                      Strings(m["calibres"]),
                      m["weight"].as<int>(1)};
      if (mk.types.empty() || mk.calibres.empty())
        return Status::InvalidArgument(fmt::format("{}: make '{}' needs types and calibres", path, mk.make));
      cfg->make_weight += mk.weight;
      cfg->makes.push_back(std::move(mk));
    }
    for (const auto& d : y["districts"]) {
      cfg->districts.push_back(
          {d["district"].as<std::string>(), d["province"].as<std::string>(""), d["weight"].as<int>(1)});
      cfg->district_weight += cfg->districts.back().weight;
    }
    cfg->models = Strings(y["models"]);
    cfg->import_countries = Strings(y["import_countries"]);
    cfg->seizure_agencies = Strings(y["agencies"]["seizure"]);
    cfg->licensing_agencies = Strings(y["agencies"]["licensing"]);
    cfg->state_agencies = Strings(y["agencies"]["state"]);
    cfg->destruction_agencies = Strings(y["agencies"]["destruction"]);
    cfg->trade_agencies = Strings(y["agencies"]["trade"]);
    cfg->contexts = Strings(y["seizure_contexts"]);
    cfg->trace_destinations = Strings(y["trace_destinations"]);
    for (const auto& c : y["campaigns"])
      cfg->campaigns.push_back(
          {c["id"].as<std::string>(), ParseDays(c["start"].as<std::string>()), ParseDays(c["end"].as<std::string>())});
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(fmt::format("{}: {}", path, e.what()));
  }
  for (const auto* list :
       {&cfg->models, &cfg->import_countries, &cfg->seizure_agencies, &cfg->licensing_agencies, &cfg->state_agencies,
        &cfg->destruction_agencies, &cfg->trade_agencies, &cfg->contexts, &cfg->trace_destinations})
    if (list->empty())
      return Status::InvalidArgument(
          fmt::format("{}: every list (models, agencies, contexts ...) needs an entry", path));
  if (cfg->makes.empty() || cfg->districts.empty())
    return Status::InvalidArgument(fmt::format("{}: needs makes and districts", path));
  g.config_ = std::move(cfg);
  return g;
}

std::vector<SerialRecord> RegistryGenerator::GenerateSerials() {
  std::vector<SerialRecord> out;
  out.reserve(options_.count);
  for (size_t i = 0; i < options_.count; ++i) {
    Rng rng(options_.seed * 0x100000001b3ULL + i);
    Identity id = DrawIdentity(*config_, rng);
    out.push_back({static_cast<int64_t>(i + 1), std::move(id.serial), id.make->make, std::move(id.calibre)});
  }
  return out;
}

Result<SyntheticRegistry> RegistryGenerator::Generate() {
  const Config& cfg = *config_;
  SyntheticRegistry out;
  out.firearms.reserve(options_.count);
  int trace_no = 0;
  for (size_t i = 0; out.firearms.size() < options_.count; ++i) {
    Rng rng(options_.seed * 0x100000001b3ULL + i);
    const Identity ident = DrawIdentity(cfg, rng);
    FirearmLife life(cfg, *rules_, rng);
    const auto original_id = static_cast<int64_t>(out.firearms.size() + 1);
    life.DrawFirearm(ident, original_id);
    life.DrawOrigin();
    life.WalkLifecycle();
    const bool diverted = life.state() == "lost" || life.state() == "stolen";
    int64_t day = life.day();
    out.firearms.push_back(life.Take());

    std::vector<int64_t> seized_ids;  // the weapons of this draw whose last event is a seizure
    if (!out.firearms.back().events.empty() && out.firearms.back().events.back().kind == "seized")
      seized_ids.push_back(original_id);
    if (diverted && rng.Chance(options_.obliterated_share * 4) && out.firearms.size() < options_.count) {
      const auto found_id = static_cast<int64_t>(out.firearms.size() + 1);
      SyntheticFirearm found = DrawFoundWeapon(cfg, rng, out.firearms.back(), found_id, day);
      out.firearms.push_back(std::move(found));
      seized_ids.push_back(found_id);
    }
    // Trace requests for seized weapons, about half of them.
    for (int64_t sid : seized_ids) {
      if (!rng.Chance(0.5)) continue;
      const SyntheticFirearm& target = out.firearms[static_cast<size_t>(sid - 1)];
      const SyntheticFirearm& origin = out.firearms[static_cast<size_t>(original_id - 1)];
      DrawTrace(cfg, *rules_, rng, sid, target, origin, &trace_no, &out);
    }
  }
  return out;
}

Result<SimulationSummary> SimulateIntoRegistry(FirearmRegistry& registry, const GeneratorOptions& options) {
  KASHF_ASSIGN_OR_RETURN(RegistryGenerator gen, RegistryGenerator::Create(options, registry.rules()));
  KASHF_ASSIGN_OR_RETURN(SyntheticRegistry data, gen.Generate());
  SimulationSummary sum;
  KASHF_RETURN_IF_ERROR(registry.Begin());
  auto run = [&]() -> Status {
    std::map<int64_t, int64_t> id_of;
    std::map<std::string, std::string> request_of;
    for (auto& sf : data.firearms) {
      Firearm f = sf.firearm;
      f.state = "none";
      if (f.import_year == 0) f.import_country.clear();
      int64_t synthetic = f.id;
      KASHF_ASSIGN_OR_RETURN(int64_t id, registry.AddFirearm(f));
      id_of[synthetic] = id;
      ++sum.firearms;
      for (auto e : sf.events) {
        e.firearm_id = id;
        KASHF_ASSIGN_OR_RETURN(int64_t eid, registry.RecordEvent(e));
        (void)eid;
        ++sum.events;
      }
    }
    for (auto t : data.trace_requests) {
      std::string synthetic = t.id;
      t.firearm_id = id_of.at(t.firearm_id);
      t.id.clear();
      KASHF_ASSIGN_OR_RETURN(std::string id, registry.CreateTraceRequest(t));
      request_of[synthetic] = id;
      ++sum.trace_requests;
    }
    for (auto a : data.trace_answers) {
      a.request_id = request_of.at(a.request_id);
      KASHF_ASSIGN_OR_RETURN(int64_t id, registry.RecordTraceAnswer(a));
      (void)id;
      ++sum.trace_answers;
    }
    return Status::Ok();
  };
  Status st = run();
  if (!st.ok()) {
    (void)registry.Rollback();
    return st.WithContext("simulated registry refused by the lifecycle rules");
  }
  KASHF_RETURN_IF_ERROR(registry.Commit());
  return sum;
}

}  // namespace kashf::firearms
