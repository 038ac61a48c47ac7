// Fixtures shared by the ingest tests.
#pragma once
#include <string>

namespace kashf::testing {

// A small FIR-register mapping (Person + Case + Involvement) over columns
// fir_no, rec_id, accused_name, father_name, cnic, phone, date.
inline const char* kFirMapping = R"(dataset: test-fir
required: [fir_no]
entities:
  accused:
    schema: Person
    keys: [rec_id]
    properties:
      name: accused_name
      fatherName: father_name
      cnic: {column: cnic, invalid: keep}
      phone: phone
  case:
    schema: Case
    keys: [fir_no]
    properties:
      caseNumber: fir_no
      openedDate: date
  inv:
    schema: Involvement
    keys: [fir_no, rec_id]
    properties:
      party: {entity: accused}
      case: {entity: case}
      role: {literal: accused}
)";

inline const char* kFirHeader = "fir_no,rec_id,accused_name,father_name,cnic,phone,date\n";

// A people file mapped as a new user would: a name built from two columns, an address from four,
// and a birth date in the file's own layout (several layouts tried in order).
inline const char* kPeopleMapping = R"(dataset: people
record_id: rec_id
entities:
  person:
    schema: Person
    properties:
      name: "{given_name} {surname}"
      address: {template: "{street_number} {address_1}, {suburb} {postcode}", invalid: skip}
      birthDate: {column: dob, format: ["%Y%m%d", "%Y"], invalid: skip}
)";

// A surveillance log: one row per attendance of a meeting; the attendee is known only by the id
// another dataset ("subscribers") gave him (a reference-only entity with `dataset:`).
inline const char* kMeetingsMapping = R"(dataset: surveillance
entities:
  attendee:
    schema: Person
    dataset: subscribers
    keys: [person_id]
  meeting:
    schema: Meeting
    keys: [meeting_id]
    properties:
      date: date
      place: place
      attendee: {entity: attendee}
)";

}  // namespace kashf::testing
