// Route table of the API: method + path pattern ("/api/v1/entities/{id}") -> handler, with the
// permission it needs (none = public) and whether it takes a JSON body. A literal segment beats a
// parameter ("/firearms/search" is not "/firearms/{id}"), whatever the order of registration.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "kashf/auth/roles.h"
#include "kashf/core/result.h"

namespace kashf::server {

struct Call;

// What a handler answers on success (errors are a Status, or a Reply with an error status).
// The NOLINT: the implicit default constructor is noexcept, and clang-tidy 14 finds a throw inside
// nlohmann::json's default constructor that only a value type other than null could reach.
struct Reply {  // NOLINT(bugprone-exception-escape)
  int status = 200;
  nlohmann::json body;
  std::vector<std::pair<std::string, std::string>> headers;
};

using HandlerFn = std::function<Result<Reply>(Call&)>;

struct Route {
  std::string method;
  std::string pattern;
  std::optional<auth::Permission> permission;  // nullopt: no login needed
  bool json_body = false;                      // body must be a JSON object (else 415/400)
  HandlerFn handler;
  std::string summary;  // one line, for the endpoint list
};

struct RouteMatch {
  const Route* route = nullptr;               // nullptr: no route for this method and path
  std::map<std::string, std::string> params;  // {name} -> value
  std::vector<std::string> allowed_methods;   // when the path exists under other methods (405)
};

class Router {
 public:
  void Add(Route route);
  RouteMatch Find(const std::string& method, const std::string& path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  static bool Match(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
                    std::map<std::string, std::string>* params, int* literals);
  std::vector<Route> routes_;
  std::vector<std::vector<std::string>> segments_;
};

// "/a/b/" -> {"a", "b"}; empty segments dropped.
std::vector<std::string> PathSegments(const std::string& path);

}  // namespace kashf::server
