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

}  // namespace kashf::testing
