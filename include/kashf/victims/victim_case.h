// A survivor's case, in the field groups of the IOM Human Trafficking Case Data Standard v2
// (HTCDS): person, victim context, perpetrator context, historic trafficking events, case status and
// referrals, support plan, consent. The identity (names, ids, contact, address) is kept apart in
// `Identity`: it is encrypted at rest and never travels with the case record, so a VictimCase may be
// shown, logged or counted freely. docs/htcds-coverage.md maps every HTCDS field to a field here;
// picklist values are data (data/reference/htcds_picklists.tsv), not code.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace kashf::victims {

// A point of a historic event (HTCDS hte_Latitude / hte_Longitude, WGS 84 decimal degrees). Kept
// in the sealed part: the coordinates of a recruitment or exploitation site can identify a survivor.
struct EventPoint {
  size_t event = 0;  // index into VictimCase::events
  double latitude = 0;
  double longitude = 0;
};

// One note in the case's comment thread (HTCDS case comment). Free text about a survivor: sealed.
struct CaseComment {
  std::string date;  // YYYY-MM-DD
  std::string author;
  std::string text;
};

// The secret part: HTCDS "person" identifiers and contact, and the free text and coordinates that
// can identify a survivor (vulnerability details, event coordinates, case comments). Only
// IdentityVault turns it into ciphertext and back; no field ever appears in a log, an error message
// or an aggregate export, and an HTCDS export carries it only when the key is given.
struct Identity {
  // The name as one string, as recorded before name parts existed (older cases), or as given when
  // the parts are unknown. DisplayName() prefers the parts.
  std::string full_name;
  std::string father_name;    // s/o, d/o, w/o
  std::string national_id;    // CNIC "NNNNN-NNNNNNN-N" or another country's id
  std::string date_of_birth;  // YYYY-MM-DD or empty (HTCDS prs_Birthdate)
  std::string phone;          // HTCDS prs_MobilePhone (E.164 where known)
  // HTCDS prs_FirstName / prs_MiddleName / prs_SecondName.
  std::string first_name;
  std::string middle_name;
  std::string second_name;
  std::string email;  // HTCDS prs_Email
  // HTCDS prs_Mailing* address.
  std::string address_street;
  std::string address_city;
  std::string address_state;
  std::string address_postal_code;
  std::string address_country;  // ISO alpha-3
  std::string home_phone;       // HTCDS prs_HomePhone
  // HTCDS vic_DetailsOfVulnerabilities (free text beside the vulnerability picklist).
  std::string vulnerability_details;
  std::vector<EventPoint> event_points;  // at most one per event
  std::vector<CaseComment> comments;     // oldest first

  // "first middle second" when any part is set, else full_name.
  std::string DisplayName() const;
  // At least one name (a part or full_name) is set.
  bool HasName() const;
};

// HTCDS "historic trafficking events": recruitment / transit / exploitation, with place and date.
struct CaseEvent {
  std::string kind;     // recruitment | transit | exploitation
  std::string country;  // ISO 3166-1 alpha-3, upper case
  std::string city;
  std::string date;         // YYYY-MM-DD
  std::string state;        // state / province
  std::string description;  // free text (hte_Description); never exported
};

// One step of the NRM, with the date and who decided it (for decision stages).
struct StageRecord {
  std::string stage;      // an id from data/reference/nrm.yaml
  std::string date;       // YYYY-MM-DD
  std::string authority;  // deciding authority (required where the stage says so)
  std::string note;
};

// HTCDS "referral in / out" (cas_Referring*/Referred*, Incoming*/Outgoing*).
struct Referral {
  std::string direction;  // in | out
  std::string service;    // an id from data/reference/services.tsv
  std::string provider;   // organisation, e.g. "Dar-ul-Aman Lahore"
  std::string date;
  bool identity_shared = false;  // requires consent "referral_identity"
  std::string case_worker;       // primary case worker at the other organisation (a staff member, not the survivor)
  std::string reason;            // htcds_picklists referral_reason: additional_services_required | ...
  std::string details;           // special arrangements and logistics (free text)
  std::string outcome;           // htcds_picklists referral_outcome: accepted | declined | completed | pending
};

// HTCDS "consent": one decision per purpose; the latest record for a purpose is in force.
struct ConsentRecord {
  std::string purpose;  // an id from nrm.yaml consent_purposes
  bool granted = false;
  std::string date;
  std::string recorded_by;
};

// HTCDS "person perpetrator context": one perpetrator as seen in this case. The perpetrator's
// identity is not stored here; `entity_id` links to the intelligence side (an entity id in the
// statement store), readable there only under that side's need-to-know rules.
struct PerpetratorRecord {
  std::vector<std::string> roles;  // htcds_picklists perpetrator_role (per_RoleInProcess, multi-select)
  std::string role_details;        // per_RoleDetails (free text)
  std::string organisation;        // per_Organisation: a group or business, by name or entity id
  std::string entity_id;           // link to an entity of the intelligence side, or ""
  std::string sex;                 // female | male | other | unknown
  std::string citizenship;         // ISO alpha-3
};

// HTCDS "support plan": one objective with its dates.
struct SupportObjective {
  std::string service;         // an id from data/reference/services.tsv
  std::string objective;       // what the survivor and case worker agreed to reach
  std::string start_date;      // YYYY-MM-DD
  std::string target_date;     // YYYY-MM-DD
  std::string completed_date;  // YYYY-MM-DD or ""
  std::string status;          // planned | in_progress | achieved | discontinued
};

struct VictimCase {
  std::string id;                 // "case-000001"; assigned by the registry
  std::string agency;             // the agency that owns the case (need-to-know scope)
  std::string registration_date;  // YYYY-MM-DD
  // The case's id in the system it was imported from (HTCDS cas_CaseId of the import), or "". An
  // import skips a case whose source id is already registered, so re-importing adds nothing.
  std::string source_id;
  // Person (non-identifying part).
  std::string sex;                                   // female | male | other | unknown (HTCDS prs_Gender)
  int age_at_registration = -1;                      // -1 unknown
  std::string citizenship;                           // primary citizenship, ISO alpha-3 (HTCDS prs_Citizenship)
  std::vector<std::string> additional_citizenships;  // further citizenships, ISO alpha-3
  std::string primary_language;                      // ISO 639-3, e.g. "urd", "pan", "eng"
  std::string secondary_language;
  std::string education;       // htcds_picklists education (highest level completed)
  std::string marital_status;  // htcds_picklists marital_status
  int number_of_children = -1;
  bool deceased = false;
  // Victim context.
  std::string trafficking_status;  // possible | actual
  std::string status_decided_by;   // e.g. "fia", "ngo", "court"
  int age_when_trafficked = -1;
  std::string recruiter_relation;  // family | friend | intimate_partner | employer | agent | other | unknown
  std::vector<std::string> recruitment_methods;    // htcds_picklists recruitment_method (all kept)
  std::vector<std::string> recruitment_platforms;  // websites and apps used to recruit
  std::vector<std::string> means_of_control;       // htcds_picklists means_of_control
  std::vector<std::string>
      exploitation_types;     // forced_labour | sexual_exploitation | forced_marriage | other (all kept)
  std::string labour_sector;  // e.g. construction, domestic_work, agriculture, brick_kilns
  std::vector<std::string> sexual_exploitation_types;  // htcds_picklists sexual_exploitation
  std::vector<std::string> exploitation_platforms;     // websites and apps used in the exploitation
  std::vector<std::string> vulnerabilities;            // htcds_picklists vulnerability
  int months_trafficked = -1;
  // Perpetrator context.
  std::vector<PerpetratorRecord> perpetrators;
  std::vector<CaseEvent> events;
  std::vector<std::string> support_plan;             // service ids the survivor needs
  std::vector<SupportObjective> support_objectives;  // the plan's objectives with dates
  std::vector<std::string> offences;                 // ids from data/reference/offences.tsv
  // Case (HTCDS cas_): status, owner and closure.
  std::string case_status = "active";  // active | follow_up | closed | closed_referred
  std::string case_owner;              // user name of the responsible case worker
  std::string closure_reason;          // why the case was closed (free text); "" while open
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
  // Every role of every perpetrator, without repeats, in first-seen order.
  std::vector<std::string> PerpetratorRoles() const;
};

}  // namespace kashf::victims
