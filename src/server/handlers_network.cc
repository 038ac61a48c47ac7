// Network queries and money trails: added when the graph layer's public API (branch network) is
// on main; the endpoints are specified in docs/openapi.yaml.
#include "server_state.h"

namespace kashf::server {

void AddNetworkRoutes(Router&) {}

}  // namespace kashf::server
