// A survivor's case, in the field groups of the IOM Human Trafficking Case Data Standard v2
// (HTCDS): person, victim context, perpetrator roles, case status and referrals, events, support
// plan, consent. The identity (name, CNIC ...) is kept apart in `Identity`: it is encrypted at rest
// and never travels with the case record, so a VictimCase may be shown, logged or counted freely.
#pragma once
#include <string>
#include <vector>

namespace kashf::victims {

// The secret part (HTCDS "person" identifiers). Only IdentityVault turns it into ciphertext and back.
struct Identity {
  std::string full_name;
  std::string father_name;    // s/o, d/o, w/o
  std::string national_id;    // CNIC "NNNNN-NNNNNNN-N" or another country's id
  std::string date_of_birth;  // YYYY-MM-DD or empty
  std::string phone;
};

// HTCDS "events": recruitment / transit / exploitation, with place and date.
struct CaseEvent {
  std::string kind;     // recruitment | transit | exploitation
  std::string country;  // ISO 3166-1 alpha-3, upper case
  std::string city;
  std::string date;  // YYYY-MM-DD
};

// One step of the NRM, with the date and who decided it (for decision stages).
struct StageRecord {
  std::string stage;      // an id from data/reference/nrm.yaml
  std::string date;       // YYYY-MM-DD
  std::string authority;  // deciding authority (required where the stage says so)
  std::string note;
};

// HTCDS "referral in / out".
struct Referral {
  std::string direction;  // in | out
  std::string service;    // an id from data/reference/services.tsv
  std::string provider;   // organisation, e.g. "Dar-ul-Aman Lahore"
  std::string date;
  bool identity_shared = false;  // requires consent "referral_identity"
};

// HTCDS "consent": one decision per purpose; the latest record for a purpose is in force.
struct ConsentRecord {
  std::string purpose;  // an id from nrm.yaml consent_purposes
  bool granted = false;
  std::string date;
  std::string recorded_by;
};

struct VictimCase {
  std::string id;                 // "case-000001"; assigned by the registry
  std::string agency;             // the agency that owns the case (need-to-know scope)
  std::string registration_date;  // YYYY-MM-DD
  // Person (non-identifying part).
  std::string sex;               // female | male | other | unknown
  int age_at_registration = -1;  // -1 unknown
  std::string citizenship;       // ISO alpha-3
  // Victim context.
  std::string trafficking_status;  // possible | actual
  std::string status_decided_by;   // e.g. "fia", "ngo", "court"
  int age_when_trafficked = -1;
  std::string recruiter_relation;             // family | friend | intimate_partner | employer | agent | other | unknown
  std::string recruitment_method;             // job_offer | marriage_offer | abduction | debt | other | unknown
  std::vector<std::string> means_of_control;  // HTCDS v2 control flags, e.g. debt_bondage, threats
  std::vector<std::string> exploitation_types;  // forced_labour | sexual_exploitation | forced_marriage | other
  std::string labour_sector;                    // e.g. construction, domestic_work, agriculture, brick_kilns
  int months_trafficked = -1;
  // Perpetrator roles seen in the case (no perpetrator identities are stored here).
  std::vector<std::string> perpetrator_roles;  // recruiter | transporter | smuggler | exploiter
  std::vector<CaseEvent> events;
  std::vector<std::string> support_plan;  // service ids the survivor needs
  std::vector<std::string> offences;      // ids from data/reference/offences.tsv
  // NRM.
  std::vector<StageRecord> stages;  // oldest first; the last is the current stage
  int extensions = 0;               // extensions of the current stage's deadline
  std::vector<Referral> referrals;
  std::vector<ConsentRecord> consents;

  const std::string& CurrentStage() const;  // "" when no stage recorded
  // The latest consent decision for `purpose` is a grant.
  bool HasConsent(const std::string& purpose) const;
  // Countries of the events in date order, without repeats, joined by '>' ("PAK>IRN>TUR>GRC").
  std::string Route() const;
  // Country of the first exploitation event, or "" if none.
  std::string CountryOfExploitation() const;
};

}  // namespace kashf::victims
