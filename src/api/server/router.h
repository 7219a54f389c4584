// credo api/server: the route table: every route the server answers, declared once.
//
// A Route says its method, path template ("/v1/reports/{id}"), the permission that guards it
// (checked against the caller's role; empty for public routes), what it accepts (an ObjectSchema
// for JSON bodies, query parameters, or a streamed body) and returns (a summary, media types,
// the error statuses it may answer), and its handler. The router matches requests to routes by
// template; the OpenAPI document (openapi.h) is generated from the same table, so the two cannot
// drift apart. Handlers are thin: they check input, call one library function and render JSON.
// Thread safety: the table is built before the server starts and only read afterwards.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "api/server/caller.h"
#include "api/server/exchange.h"
#include "api/server/json_body.h"
#include "compliance/record_writer.h"
#include "core/date.h"
#include "core/profile.h"
#include "store/store.h"

namespace credo {
class WalCheckpointer;
}

namespace credo::api {

class Metrics;
class StorePool;

//! What handlers may use: shared by every request, owned by the Server.
struct ApiServices {
  StorePool* stores = nullptr;
  const JurisdictionProfile* profile = nullptr;
  const Clock* clock = nullptr;
  Authenticator* authenticator = nullptr;
  Metrics* metrics = nullptr;
  //! Where report pulls and score calls commit their read records (group commit; null: each in
  //! its own transaction on the worker's Store).
  compliance::RecordWriter* record_writer = nullptr;
  //! The SQLite bureau's background checkpoints (counted in /metrics); null when none run.
  const WalCheckpointer* checkpointer = nullptr;
  size_t max_json_bytes = 1 << 20;        //!< JSON bodies above this: 413
  size_t max_upload_bytes = 512u << 20;   //!< batch uploads above this: 413
  std::string upload_dir;                 //!< where uploads are spooled before ingest
  std::string decision_config_dir;        //!< decision rule files; empty: the built-in ones
};

//! One request being served: the request, who sent it, and the services.
class RequestContext {
 public:
  RequestContext(const ApiRequest& request, const Caller& caller, ApiServices& services)
      : request_(request), caller_(caller), services_(services) {}
  const ApiRequest& request() const { return request_; }
  const Caller& caller() const { return caller_; }
  ApiServices& services() { return services_; }
  const JurisdictionProfile& profile() const { return *services_.profile; }
  const Clock& clock() const { return *services_.clock; }
  //! This worker thread's Store (opened on first use).
  Result<Store*> store();

 private:
  const ApiRequest& request_;
  const Caller& caller_;
  ApiServices& services_;
};

using Handler = std::function<Result<ApiResponse>(RequestContext&)>;

struct QueryParam {
  std::string name;
  bool required = false;
  std::string description;
};

struct Route {
  std::string method;  //!< GET, POST, DELETE
  std::string path;    //!< template with {name} segments
  std::string permission;      //!< RoleMayUse permission; empty: no permission check
  bool requires_caller = true; //!< false: public (no credentials needed)
  std::string summary;
  std::string tag;             //!< OpenAPI grouping ("reports", "batches" ...)
  std::shared_ptr<const ObjectSchema> request_schema;  //!< JSON body, or null
  std::vector<QueryParam> query_params;
  bool streams_body = false;   //!< the body is streamed to the handler (request().stream_body)
  std::string stream_media_type = "application/octet-stream";
  std::string response_summary;
  std::vector<std::string> produces = {"application/json"};
  int success_status = 200;
  std::vector<int> error_statuses;  //!< the 4xx/5xx this route may answer (documented)
  Handler handler;
};

struct RouteMatch {
  const Route* route = nullptr;
  std::map<std::string, std::string> path_params;
  //! Methods the path allows when it matched a template but not the method (for 405).
  std::vector<std::string> allowed_methods;
};

class RouteTable {
 public:
  //! Adds a route; a second route with the same method and template replaces nothing and is a
  //! programming error (aborts), as is a template that does not start with '/'.
  void Add(Route route);
  //! The route for `method` and `path`, with the path parameters; route == nullptr when none.
  RouteMatch Match(std::string_view method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

//! Splits "/v1/reports/{id}" into {"v1", "reports", "{id}"} (empty segments dropped).
std::vector<std::string> SplitPath(std::string_view path);

}  // namespace credo::api
