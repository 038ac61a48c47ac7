// JSON shapes of library values in API responses (one place, so every endpoint agrees).
#pragma once
#include <nlohmann/json.hpp>

#include "kashf/auth/account_store.h"
#include "kashf/firearms/chain_of_custody.h"
#include "kashf/firearms/firearm.h"
#include "kashf/firearms/lifecycle_event.h"
#include "kashf/firearms/trace_request.h"
#include "kashf/store/store.h"

namespace kashf::server {

nlohmann::json UserJson(const auth::User& u);
nlohmann::json AgencyJson(const auth::Agency& a);
nlohmann::json StatementJson(const Statement& s);
nlohmann::json FirearmJson(const firearms::Firearm& f);
nlohmann::json EventJson(const firearms::LifecycleEvent& e);
nlohmann::json CustodyJson(const firearms::ChainOfCustody& c);
nlohmann::json TraceRequestJson(const firearms::TraceRequest& r);
nlohmann::json TraceAnswerJson(const firearms::TraceAnswer& a);
// "2026-11-22T19:08:09Z", or null for 0.
nlohmann::json TimeJson(int64_t unix_seconds);

}  // namespace kashf::server
