// Synthetic firearm registry (see registry_generator.h). Deterministic: every firearm draws from
// its own SplitMix64 stream seeded by (seed, index), so GenerateSerials() and Generate() give the
// same serial, make and calibre for the same index.
#include "kashf/firearms/registry_generator.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <map>

#include "kashf/core/paths.h"
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

class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t Next() {
    uint64_t z = (s_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  uint64_t Below(uint64_t n) { return n ? Next() % n : 0; }
  double Unit() { return static_cast<double>(Next() >> 11) * (1.0 / 9007199254740992.0); }
  bool Chance(double p) { return Unit() < p; }
  template <typename T>
  const T& Pick(const std::vector<T>& v) { return v[Below(v.size())]; }

 private:
  uint64_t s_;
};

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
  if (n) for (const auto& x : n) out.push_back(x.as<std::string>());
  return out;
}

std::string SerialFrom(const std::string& format, Rng& rng) {
  std::string s;
  for (char f : format) {
    if (f == 'A') s.push_back(static_cast<char>('A' + rng.Below(26)));
    else if (f == '9') s.push_back(static_cast<char>('0' + rng.Below(10)));
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
  auto w = static_cast<int>(rng.Below(static_cast<uint64_t>(cfg.make_weight)));
  const auto* make = &cfg.makes.back();
  for (const auto& m : cfg.makes) {
    if (w < m.weight) { make = &m; break; }
    w -= m.weight;
  }
  Identity id{make, SerialFrom(make->serial, rng), rng.Pick(make->calibres), rng.Pick(make->types)};
  return id;
}

}  // namespace

Result<RegistryGenerator> RegistryGenerator::Create(const GeneratorOptions& options, const LifecycleRules& rules) {
  RegistryGenerator g;
  g.options_ = options;
  g.rules_ = &rules;
  auto cfg = std::make_shared<Config>();
  std::string path = options.config_path.empty() ? DataPath("data/reference/firearm-generator.yaml") : options.config_path;
  try {
    YAML::Node y = YAML::LoadFile(path);
    for (const auto& m : y["makes"]) {
      Config::Make mk{m["make"].as<std::string>(), m["country"].as<std::string>(), m["place"].as<std::string>(""),
                      m["serial"].as<std::string>(), Strings(m["types"]), Strings(m["calibres"]), m["weight"].as<int>(1)};
      if (mk.types.empty() || mk.calibres.empty())
        return Status::InvalidArgument(fmt::format("{}: make '{}' needs types and calibres", path, mk.make));
      cfg->make_weight += mk.weight;
      cfg->makes.push_back(std::move(mk));
    }
    for (const auto& d : y["districts"]) {
      cfg->districts.push_back({d["district"].as<std::string>(), d["province"].as<std::string>(""), d["weight"].as<int>(1)});
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
      cfg->campaigns.push_back({c["id"].as<std::string>(), ParseDays(c["start"].as<std::string>()), ParseDays(c["end"].as<std::string>())});
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(fmt::format("{}: {}", path, e.what()));
  }
  for (const auto* list : {&cfg->models, &cfg->import_countries, &cfg->seizure_agencies, &cfg->licensing_agencies,
                           &cfg->state_agencies, &cfg->destruction_agencies, &cfg->trade_agencies, &cfg->contexts,
                           &cfg->trace_destinations})
    if (list->empty()) return Status::InvalidArgument(fmt::format("{}: every list (models, agencies, contexts ...) needs an entry", path));
  if (cfg->makes.empty() || cfg->districts.empty()) return Status::InvalidArgument(fmt::format("{}: needs makes and districts", path));
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
    Identity ident = DrawIdentity(cfg, rng);
    SyntheticFirearm sf;
    Firearm& f = sf.firearm;
    f.id = static_cast<int64_t>(out.firearms.size() + 1);
    f.serial = ident.serial;
    f.make = ident.make->make;
    f.model = rng.Pick(cfg.models);
    f.type = ident.type;
    f.calibre = ident.calibre;
    f.country_of_manufacture = ident.make->country;
    f.place_of_manufacture = ident.make->place;
    auto w = static_cast<int>(rng.Below(static_cast<uint64_t>(cfg.district_weight)));
    const auto* district = &cfg.districts.back();
    for (const auto& d : cfg.districts) {
      if (w < d.weight) { district = &d; break; }
      w -= d.weight;
    }
    const std::string home_country = cfg.import_countries.front();
    int64_t day = DaysFromCivil(2000 + static_cast<int64_t>(rng.Below(20)), 1, 1) + static_cast<int64_t>(rng.Below(365));
    std::string state = "none";
    std::string holder_licence;
    auto add = [&](const std::string& kind) -> LifecycleEvent& {
      LifecycleEvent e;
      e.firearm_id = f.id;
      e.kind = kind;
      e.date = CivilFromDays(day);
      e.district = district->district;
      e.place = district->district;
      sf.events.push_back(std::move(e));
      state = rules_->NextState(kind);
      return sf.events.back();
    };
    auto seize = [&]() {
      auto& e = add("seized");
      e.agency = rng.Pick(cfg.seizure_agencies);
      e.seizure_context = rng.Pick(cfg.contexts);
      e.document = fmt::format("FIR-{}-{}", e.date.substr(0, 4), 1000 + rng.Below(9000));
    };
    auto surrender = [&]() -> bool {
      std::vector<const Config::Campaign*> open;
      for (const auto& c : cfg.campaigns)
        if (c.end >= day) open.push_back(&c);
      if (open.empty()) return false;
      const auto* c = open[rng.Below(open.size())];
      day = std::max(day, c->start) + static_cast<int64_t>(rng.Below(static_cast<uint64_t>(std::max<int64_t>(1, c->end - std::max(day, c->start)))));
      auto& e = add("surrendered");
      e.agency = rng.Pick(cfg.seizure_agencies);
      e.campaign = c->id;
      e.document = fmt::format("{}-R{}", c->id, rng.Below(100000));
      return true;
    };
    auto dispose = [&](const char* kind) {
      auto& e = add(kind);
      e.agency = rng.Pick(cfg.destruction_agencies);
      e.document = fmt::format("{}-{}", std::string(kind) == "destroyed" ? "D" : "DC", 10000 + rng.Below(90000));
    };

    // Origin: local manufacture, import, or no lawful record (craft-made / unregistered).
    bool local = ident.make->country == home_country;
    if (f.type == "craft_made" || rng.Chance(0.04)) {
      if (rng.Chance(0.8) || !surrender()) seize();
    } else if (local) {
      auto& e = add("manufacture");
      e.place = ident.make->place;
      e.agency = ident.make->make;
      e.document = fmt::format("MFG-{}", f.serial);
    } else {
      auto& e = add("import");
      e.agency = "Pakistan Customs";
      e.licence_number = fmt::format("IMP-{}-{}", e.date.substr(0, 4), 100000 + rng.Below(900000));
      e.licence_expiry = CivilFromDays(day + 365);
      e.export_country = ident.make->country;
      e.import_country = home_country;
      e.final_recipient = rng.Pick(cfg.trade_agencies);
      e.document = e.licence_number;
      f.import_country = home_country;
      f.import_year = std::stoi(e.date.substr(0, 4));
    }
    // Walk the state machine.
    for (int step = 0; step < 8; ++step) {
      day += 30 + static_cast<int64_t>(rng.Below(1500));
      if (day > kLastDay) break;
      double r = rng.Unit();
      if (state == "in_trade") {
        if (r < 0.72) {
          auto& e = add("licence_issue");
          e.agency = rng.Pick(cfg.licensing_agencies);
          e.holder = fmt::format("Licensee {:06d}", rng.Below(1000000));
          e.licence_number = fmt::format("LIC-{}-{:07d}", district->district.substr(0, 3), rng.Below(10000000));
          e.document = e.licence_number;
          holder_licence = e.licence_number;
        } else if (r < 0.86) {
          auto& e = add("state_acquisition");
          e.agency = rng.Pick(cfg.state_agencies);
          e.document = fmt::format("SA-{}", rng.Below(100000));
        } else if (r < 0.9) {
          auto& e = add("export");
          e.agency = "Pakistan Customs";
          e.licence_number = fmt::format("EXP-{}", 100000 + rng.Below(900000));
          e.export_country = home_country;
          e.import_country = ident.make->country == home_country ? "ae" : ident.make->country;
          e.final_recipient = "Licensed dealer abroad";
          e.document = e.licence_number;
        } else {
          break;
        }
      } else if (state == "licensed") {
        if (r < 0.2) {
          auto& e = add("licence_transfer");
          e.agency = rng.Pick(cfg.licensing_agencies);
          e.holder = fmt::format("Licensee {:06d}", rng.Below(1000000));
          e.licence_number = fmt::format("LIC-{}-{:07d}", district->district.substr(0, 3), rng.Below(10000000));
          e.document = e.licence_number;
          holder_licence = e.licence_number;
        } else if (r < 0.3) {
          add("lost").agency = rng.Pick(cfg.seizure_agencies);
        } else if (r < 0.4) {
          add("stolen").agency = rng.Pick(cfg.seizure_agencies);
        } else if (r < 0.45) {
          if (!surrender()) break;
        } else if (r < 0.5) {
          seize();
        } else {
          break;
        }
      } else if (state == "state_stock") {
        if (r < 0.1) {
          auto& e = add("state_stock_release");
          e.agency = rng.Pick(cfg.state_agencies);
          e.document = fmt::format("REL-{}", rng.Below(100000));
          f.state_stock_mark = fmt::format("{}-GOV", home_country);
        } else if (r < 0.14) {
          add(r < 0.12 ? "lost" : "stolen").agency = rng.Pick(cfg.state_agencies);
        } else if (r < 0.2) {
          dispose("destroyed");
        } else {
          break;
        }
      } else if (state == "lost" || state == "stolen") {
        if (r < 0.6) seize();
        else if (r < 0.7) { if (!surrender()) break; }
        else break;
      } else if (state == "seized") {
        if (r < 0.45) dispose("destroyed");
        else if (r < 0.55) dispose("deactivated");
        else if (r < 0.65 && !holder_licence.empty()) {
          auto& e = add("returned");
          e.agency = "Court";
          e.holder = "Returned licensee";
          e.licence_number = holder_licence;
          e.document = fmt::format("ORDER-{}", rng.Below(100000));
        } else break;
      } else if (state == "surrendered") {
        if (r < 0.7) dispose("destroyed");
        else if (r < 0.8) dispose("deactivated");
        else break;
      } else if (state == "deactivated") {
        if (r < 0.2) dispose("destroyed");
        else break;
      } else if (state == "exported") {
        if (r < 0.2) add("transit").transit_country = "ae";
        else break;
      } else {
        break;
      }
    }
    f.state = state;
    f.licence_number = (state == "licensed") ? holder_licence : "";
    f.bore_class.clear();

    // A lost or stolen weapon later seized with a partly obliterated serial: a separate found-weapon
    // record, as an officer would create it before a partial-serial search.
    const bool diverted = state == "lost" || state == "stolen";
    int64_t original_id = f.id;
    out.firearms.push_back(std::move(sf));
    std::vector<int64_t> seized_ids;
    const Firearm& orig = out.firearms.back().firearm;
    if (!out.firearms.back().events.empty() && out.firearms.back().events.back().kind == "seized") seized_ids.push_back(original_id);
    if (diverted && rng.Chance(options_.obliterated_share * 4) && out.firearms.size() < options_.count) {
      SyntheticFirearm found;
      found.firearm = orig;
      found.firearm.id = static_cast<int64_t>(out.firearms.size() + 1);
      found.firearm.import_country.clear();
      found.firearm.import_year = 0;
      found.firearm.licence_number.clear();
      found.firearm.state_stock_mark.clear();
      std::string s = orig.serial;
      size_t hidden = 1 + rng.Below(std::max<size_t>(1, s.size() / 3));
      for (size_t k = 0; k < hidden; ++k) s[rng.Below(s.size())] = '?';
      found.firearm.serial = s;
      day = std::min(kLastDay, day + 30 + static_cast<int64_t>(rng.Below(700)));
      LifecycleEvent e;
      e.firearm_id = found.firearm.id;
      e.kind = "seized";
      e.date = CivilFromDays(std::max(day, ParseDays(out.firearms.back().events.back().date)));
      e.district = e.place = rng.Pick(cfg.districts).district;
      e.agency = rng.Pick(cfg.seizure_agencies);
      e.seizure_context = rng.Pick(cfg.contexts);
      e.document = fmt::format("FIR-{}-{}", e.date.substr(0, 4), 1000 + rng.Below(9000));
      e.note = "serial partly obliterated";
      found.events.push_back(e);
      found.firearm.state = "seized";
      seized_ids.push_back(found.firearm.id);
      out.firearms.push_back(std::move(found));
    }
    // Trace requests for seized weapons (ITI para. 17), about half of them answered.
    for (int64_t sid : seized_ids) {
      if (!rng.Chance(0.5)) continue;
      const SyntheticFirearm& target = out.firearms[static_cast<size_t>(sid - 1)];
      const LifecycleEvent* seizure = nullptr;
      for (const auto& e : target.events)
        if (e.kind == "seized") seizure = &e;
      if (!seizure) continue;
      TraceRequest t;
      int64_t tday = std::min(kLastDay, ParseDays(seizure->date) + 7 + static_cast<int64_t>(rng.Below(60)));
      t.date = CivilFromDays(tday);
      t.id = fmt::format("TR-{}-{:06d}", t.date.substr(0, 4), ++trace_no);
      t.firearm_id = sid;
      t.requesting_agency = seizure->agency;
      t.requested_party = rng.Pick(cfg.trace_destinations);
      t.illicit_reason = fmt::format("seized ({}){}", seizure->seizure_context,
                                     target.firearm.serial.find('?') != std::string::npos ? " with obliterated serial" : " without licence");
      t.legal_basis = "Arms Ordinance 1965 s.13; Firearms Protocol Art. 12.4";
      t.markings = DescribeMarkings(target.firearm);
      t.type = target.firearm.type;
      t.calibre = target.firearm.calibre;
      t.intended_use = "criminal investigation and prosecution";
      out.trace_requests.push_back(t);
      if (!rng.Chance(0.7)) continue;
      TraceAnswer a;
      a.request_id = t.id;
      a.date = CivilFromDays(std::min(kLastDay, tday + 10 + static_cast<int64_t>(rng.Below(90))));
      if (a.date < t.date) a.date = t.date;
      a.responder = t.requested_party;
      const SyntheticFirearm& origin = sid == original_id ? target : out.firearms[static_cast<size_t>(original_id - 1)];
      ChainOfCustody chain = ComputeChainOfCustody(origin.events, *rules_);
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
      out.trace_answers.push_back(a);
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
