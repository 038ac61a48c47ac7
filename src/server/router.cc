#include "router.h"

namespace kashf::server {

std::vector<std::string> PathSegments(const std::string& path) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    if (j > i) out.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

void Router::Add(Route route) {
  segments_.push_back(PathSegments(route.pattern));
  routes_.push_back(std::move(route));
}

bool Router::Match(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
                   std::map<std::string, std::string>* params, int* literals) {
  if (pattern.size() != path.size()) return false;
  *literals = 0;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const std::string& p = pattern[i];
    if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
      (*params)[p.substr(1, p.size() - 2)] = path[i];
    } else if (p == path[i]) {
      ++*literals;
    } else {
      return false;
    }
  }
  return true;
}

RouteMatch Router::Find(const std::string& method, const std::string& path) const {
  RouteMatch best;
  int best_literals = -1;
  auto parts = PathSegments(path);
  int best_any = -1;
  for (size_t i = 0; i < routes_.size(); ++i) {
    std::map<std::string, std::string> params;
    int literals = 0;
    if (!Match(segments_[i], parts, &params, &literals)) continue;
    best_any = std::max(best_any, literals);
    if (routes_[i].method == method && literals > best_literals) {
      best.route = &routes_[i];
      best.params = std::move(params);
      best_literals = literals;
    }
  }
  if (best.route && best_literals == best_any) return best;
  // The path names a resource (its best match) that does not answer this method.
  RouteMatch none;
  for (size_t i = 0; i < routes_.size(); ++i) {
    std::map<std::string, std::string> params;
    int literals = 0;
    if (Match(segments_[i], parts, &params, &literals) && literals == best_any)
      none.allowed_methods.push_back(routes_[i].method);
  }
  if (best.route && none.allowed_methods.empty()) return best;
  return none;
}

}  // namespace kashf::server
