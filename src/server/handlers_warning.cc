// Early warning over HTTP: count series (trends) and alerts with their explanation, and the
// analyst's decisions on them (kashf/warning/). Victim series for roles without read_entities obey
// the CTDC small-cell rule and carry no record ids.
#include <fmt/format.h>

#include "body_reader.h"
#include "json_views.h"
#include "server_state.h"

namespace kashf::server {
namespace {

using auth::Permission;

Result<Reply> NotYet(Call&) { return Status::Unimplemented("early warning is being built (issue 17)"); }

}  // namespace

void AddWarningRoutes(Router& r) {
  r.Add({"GET", "/api/v1/trends", Permission::kReadTrends, false, NotYet,
         "count series by week/month with a breakdown (source, period, by, filter, from, to)"});
  r.Add({"GET", "/api/v1/alerts", Permission::kReadAlerts, false, NotYet, "early-warning alerts"});
  r.Add({"POST", "/api/v1/alerts/run", Permission::kDecideAlerts, false, NotYet,
         "evaluate every watched series and store new alerts"});
  r.Add({"GET", "/api/v1/alerts/{alert_id}", Permission::kReadAlerts, false, NotYet,
         "one alert with its explanation and series history"});
  r.Add({"POST", "/api/v1/alerts/{alert_id}/acknowledge", Permission::kDecideAlerts, false, NotYet,
         "acknowledge an alert"});
  r.Add({"POST", "/api/v1/alerts/{alert_id}/dismiss", Permission::kDecideAlerts, true, NotYet,
         "dismiss an alert with a reason"});
  r.Add({"POST", "/api/v1/alerts/{alert_id}/escalate", Permission::kDecideAlerts, true, NotYet,
         "escalate an alert to a case"});
  r.Add({"GET", "/api/v1/reference/warning", Permission::kReadReference, false, NotYet,
         "series dimensions, detectors and watched series"});
}

}  // namespace kashf::server
