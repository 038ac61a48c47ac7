// Civil-society reports as an early-warning series source (kashf/warning/event.h): one Event per
// report, source "report", record "report:<id>", dimensions district, province and report_category.
// No free text, contact, submitter or partner agency reaches an Event.
#pragma once
#include <vector>

#include "kashf/core/result.h"
#include "kashf/reports/report_store.h"
#include "kashf/warning/event.h"

namespace kashf::reports {

Result<std::vector<warning::Event>> ReportEvents(ReportStore& store);

}  // namespace kashf::reports
