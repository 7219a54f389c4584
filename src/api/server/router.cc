#include "api/server/router.h"

#include <cstdio>
#include <cstdlib>

#include "api/server/store_pool.h"

namespace credo::api {

Result<Store*> RequestContext::store() { return services_.stores->ForThisThread(); }

std::vector<std::string> SplitPath(std::string_view path) {
  std::vector<std::string> segments;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start) segments.emplace_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return segments;
}

namespace {

bool IsParameter(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

bool MatchTemplate(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
                   std::map<std::string, std::string>& params) {
  if (pattern.size() != path.size()) return false;
  std::map<std::string, std::string> found;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (IsParameter(pattern[i])) {
      found[pattern[i].substr(1, pattern[i].size() - 2)] = path[i];
    } else if (pattern[i] != path[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

}  // namespace

void RouteTable::Add(Route route) {
  if (route.path.empty() || route.path.front() != '/' || !route.handler) {
    std::fprintf(stderr, "credo api: route %s %s is malformed\n", route.method.c_str(),
                 route.path.c_str());
    std::abort();
  }
  for (const Route& existing : routes_) {
    if (existing.method == route.method && existing.path == route.path) {
      std::fprintf(stderr, "credo api: route %s %s is declared twice\n", route.method.c_str(),
                   route.path.c_str());
      std::abort();
    }
  }
  routes_.push_back(std::move(route));
}

RouteMatch RouteTable::Match(std::string_view method, std::string_view path) const {
  RouteMatch match;
  std::vector<std::string> segments = SplitPath(path);
  // Literal segments win over parameters: /v1/me/report is not /v1/{x}/report. Try routes with
  // fewer parameters first.
  const Route* best = nullptr;
  int best_parameters = 1 << 20;
  std::map<std::string, std::string> best_params;
  for (const Route& route : routes_) {
    std::vector<std::string> pattern = SplitPath(route.path);
    std::map<std::string, std::string> params;
    if (!MatchTemplate(pattern, segments, params)) continue;
    if (route.method != method) {
      match.allowed_methods.push_back(route.method);
      continue;
    }
    int parameters = static_cast<int>(params.size());
    if (parameters < best_parameters) {
      best = &route;
      best_parameters = parameters;
      best_params = std::move(params);
    }
  }
  if (best != nullptr) {
    match.route = best;
    match.path_params = std::move(best_params);
    match.allowed_methods.clear();
  }
  return match;
}

}  // namespace credo::api
