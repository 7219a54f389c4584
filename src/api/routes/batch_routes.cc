// POST /v1/batches: a furnisher file streamed to disk and loaded by ingest as one batch.
// GET /v1/batches/{id}: the batch and its data-quality report.
// GET /v1/batches?after_id=&limit=: batches newest first, with their quarantine counts by rule.
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

#include "api/routes/common.h"
#include "api/routes/ops_params.h"
#include "api/routes/routes.h"
#include "api/server/errors.h"
#include "api/server/metrics.h"
#include "ingest/batch/pipeline.h"
#include "ingest/batch/quarantine.h"

namespace credo::api {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kMaxId = 999999999999999999;

bool IsSafeName(const std::string& text, size_t max) {
  if (text.empty() || text.size() > max) return false;
  for (char c : text) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return text != "." && text != "..";
}

// A spool file removed when the request ends, whatever happens.
class SpoolFile {
 public:
  explicit SpoolFile(const std::string& dir) {
    static std::atomic<uint64_t> counter{0};
    std::random_device device;
    path_ = (fs::path(dir) / ("credo-upload-" + std::to_string(getpid()) + "-" +
                              std::to_string(counter++) + "-" + std::to_string(device())))
                .string();
  }
  ~SpoolFile() {
    std::error_code ignored;
    fs::remove(path_, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

nlohmann::json BatchJson(const Batch& batch) {
  return {{"batch_id", batch.id},
          {"source", batch.source},
          {"file_name", batch.file_name},
          {"content_sha256", batch.content_hash},
          {"status", std::string(BatchStatusName(batch.status))},
          {"records_read", batch.records_read},
          {"records_accepted", batch.records_accepted},
          {"records_quarantined", batch.records_quarantined},
          {"created_at", batch.created_at},
          {"finished_at", batch.finished_at},
          {"message", batch.message}};
}

// Quarantined records of a batch by the rule they broke.
Result<nlohmann::json> QuarantineRuleCounts(Transaction& tx, BatchId batch_id) {
  const SqlValue params[] = {SqlValue::Int(batch_id)};
  CREDO_ASSIGN_OR_RETURN(
      auto rows, tx.Query("SELECT rule, COUNT(*) FROM quarantine WHERE batch_id = ? GROUP BY rule "
                          "ORDER BY rule",
                          params));
  nlohmann::json counts = nlohmann::json::object();
  for (const auto& row : rows) counts[row[0].bytes] = routes_internal::SqlInt(row[1]);
  return counts;
}

}  // namespace

void AddBatchRoutes(RouteTable& table) {
  Route upload;
  upload.method = "POST";
  upload.path = "/v1/batches";
  upload.permission = "batches.upload";
  upload.summary = "Upload a furnisher file (Metro 2 or canonical JSON lines) as the body; it is "
                   "streamed to disk and loaded as one batch (all or nothing, rejects "
                   "quarantined)";
  upload.tag = "batches";
  upload.streams_body = true;
  upload.query_params = {
      {"source", true, "the furnisher or feed name ([A-Za-z0-9._-], up to 64)"},
      {"format", false, "metro2 (default) or jsonl (canonical JSON lines)"},
      {"feed", false, "accounts, inquiries, companies, financial_statements or public_records"},
      {"file_name", false, "the file name recorded with the batch"},
      {"currency", false, "ISO 4217 code of amounts the records do not label (Metro 2); "
                          "default: the profile's"}};
  upload.success_status = 201;
  upload.response_summary = "{batch_id, status, records_read, records_accepted, "
                            "records_quarantined, already_loaded, summary, warnings}";
  upload.error_statuses = {413, 422};
  upload.handler = [](RequestContext& context) -> Result<ApiResponse> {
    const ApiRequest& request = context.request();
    for (const auto& [name, unused] : request.query) {
      if (name != "source" && name != "format" && name != "feed" && name != "file_name" &&
          name != "currency") {
        return MakeError(ErrorCode::kInvalidArgument,
                         "unknown query parameter '" + name +
                             "'; this route accepts source, format, feed, file_name and currency");
      }
    }
    std::string source = request.Query("source").value_or("");
    if (!IsSafeName(source, 64)) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "query parameter 'source' must be 1-64 characters of [A-Za-z0-9._-]");
    }
    std::string format_name = request.Query("format").value_or("metro2");
    auto format = ingest::ParseInputFormat(format_name);
    if (!format || *format == ingest::InputFormat::kCsv) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "query parameter 'format' must be metro2 or jsonl (CSV needs a mapping "
                       "file: load it with `credo ingest --mapping`)");
    }
    ingest::IngestOptions options;
    options.clock = &context.clock();
    if (auto feed = request.Query("feed")) {
      options.kind = ingest::ParseFeedKind(*feed);
      if (!options.kind) {
        return MakeError(ErrorCode::kInvalidArgument,
                         "query parameter 'feed' must be accounts, inquiries, companies, "
                         "financial_statements or public_records");
      }
    }
    std::string file_name = request.Query("file_name").value_or("upload");
    if (!IsSafeName(file_name, 128)) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "query parameter 'file_name' must be 1-128 characters of [A-Za-z0-9._-]");
    }
    options.file_name = file_name;
    options.currency = request.Query("currency").value_or("");
    if (!request.stream_body) {
      return MakeError(ErrorCode::kInvalidArgument, "send the file as the request body");
    }
    SpoolFile spool(context.services().upload_dir);
    {
      std::ofstream out(spool.path(), std::ios::binary | std::ios::trunc);
      if (!out) return MakeError(ErrorCode::kUnavailable, "cannot spool the upload");
      Status read = request.stream_body(
          [&out](const char* data, size_t size) {
            out.write(data, static_cast<std::streamsize>(size));
            return static_cast<bool>(out);
          },
          context.services().max_upload_bytes);
      if (!read.ok()) {
        if (read.error().code == ErrorCode::kResourceExhausted) {
          ApiResponse response = ErrorResponse(413, "payload_too_large", read.error().message);
          return response;
        }
        return read.error();
      }
      out.close();
      if (!out) return MakeError(ErrorCode::kUnavailable, "cannot spool the upload");
    }
    std::error_code size_error;
    if (fs::file_size(spool.path(), size_error) == 0) {
      return MakeError(ErrorCode::kInvalidArgument, "the body is empty; send the file's bytes");
    }
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    auto result = ingest::IngestFile(*store, spool.path(), source, *format, nullptr,
                                     context.profile(), options);
    Metrics* metrics = context.services().metrics;
    if (!result.ok()) {
      metrics->AddCounter("credo_ingest_batches_total", "Batches uploaded through the API.",
                          "outcome=\"refused\"");
      return result.error();
    }
    metrics->AddCounter("credo_ingest_batches_total", "Batches uploaded through the API.",
                        result->already_loaded ? "outcome=\"already_loaded\""
                                               : "outcome=\"committed\"");
    metrics->AddCounter("credo_ingest_records_total", "Records of uploaded batches by outcome.",
                        "outcome=\"accepted\"",
                        static_cast<double>(result->batch.records_accepted));
    metrics->AddCounter("credo_ingest_records_total", "Records of uploaded batches by outcome.",
                        "outcome=\"quarantined\"",
                        static_cast<double>(result->batch.records_quarantined));
    nlohmann::json body = BatchJson(result->batch);
    body["already_loaded"] = result->already_loaded;
    body["summary"] = result->Summary();
    body["warnings"] = result->dq.warnings;
    ApiResponse response = JsonResponse(body, result->already_loaded ? 200 : 201);
    response.SetHeader("Location", "/v1/batches/" + std::to_string(result->batch.id));
    return response;
  };
  table.Add(std::move(upload));

  Route get;
  get.method = "GET";
  get.path = "/v1/batches/{id}";
  get.permission = "batches.read";
  get.summary = "A batch and its data-quality report (outcomes, rules, completeness, drift)";
  get.tag = "batches";
  get.response_summary = "{batch: {...}, data_quality: {...} or null while not committed}";
  get.error_statuses = {404};
  get.handler = [](RequestContext& context) -> Result<ApiResponse> {
    CREDO_ASSIGN_OR_RETURN(int64_t id, PathId(context, "id"));
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    Batch batch;
    CREDO_TRY(store->WithReadTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(batch, tx.GetBatch(id));
      return Ok();
    }));
    nlohmann::json body = {{"batch", BatchJson(batch)}, {"data_quality", nullptr}};
    auto dq = ingest::ReadDqReport(*store, id);
    if (dq.ok()) {
      body["data_quality"] = nlohmann::json::parse(dq->ToJson(), nullptr, false);
    } else if (dq.error().code != ErrorCode::kNotFound) {
      return dq.error();
    }
    return JsonResponse(body);
  };
  table.Add(std::move(get));

  Route list;
  list.method = "GET";
  list.path = "/v1/batches";
  list.permission = "batches.read";
  list.summary = "Batches, newest first, with their record counts and quarantined records by rule";
  list.tag = "batches";
  list.query_params = {{"after_id", false, "page after this batch id (ids below it)"},
                       {"limit", false, "1-500, default 50"}};
  list.response_summary = "{batches: [{batch_id, source, file_name, status, received_at, "
                          "finished_at, records, accepted, quarantined, rejected_rules: {rule: "
                          "count}, message}], next_after_id (null on the last page)}";
  list.error_statuses = {422};
  list.handler = [](RequestContext& context) -> Result<ApiResponse> {
    const ApiRequest& request = context.request();
    CREDO_TRY(routes_internal::OnlyQueryParams(request, {"after_id", "limit"}));
    CREDO_ASSIGN_OR_RETURN(int64_t after_id,
                           routes_internal::IntegerParam(request, "after_id", 0, 0, kMaxId));
    CREDO_ASSIGN_OR_RETURN(int64_t limit, routes_internal::IntegerParam(request, "limit", 50, 1, 500));
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    nlohmann::json batches = nlohmann::json::array();
    bool more = false;
    CREDO_TRY(store->WithReadTransaction([&](Transaction& tx) -> Status {
      const SqlValue params[] = {SqlValue::Int(after_id == 0 ? kMaxId : after_id),
                                 SqlValue::Int(limit + 1)};
      CREDO_ASSIGN_OR_RETURN(
          auto ids, tx.Query("SELECT id FROM batches WHERE id < ? ORDER BY id DESC LIMIT ?", params));
      more = static_cast<int64_t>(ids.size()) > limit;
      if (more) ids.pop_back();
      for (const auto& row : ids) {
        CREDO_ASSIGN_OR_RETURN(Batch batch, tx.GetBatch(routes_internal::SqlInt(row[0])));
        nlohmann::json item = {{"batch_id", batch.id},
                               {"source", batch.source},
                               {"file_name", batch.file_name},
                               {"status", std::string(BatchStatusName(batch.status))},
                               {"received_at", batch.created_at},
                               {"finished_at", batch.finished_at},
                               {"records", batch.records_read},
                               {"accepted", batch.records_accepted},
                               {"quarantined", batch.records_quarantined},
                               {"message", batch.message}};
        CREDO_ASSIGN_OR_RETURN(item["rejected_rules"], QuarantineRuleCounts(tx, batch.id));
        batches.push_back(std::move(item));
      }
      return Ok();
    }));
    nlohmann::json next = nullptr;
    if (more && !batches.empty()) next = batches.back()["batch_id"];
    return JsonResponse({{"batches", batches}, {"next_after_id", next}});
  };
  table.Add(std::move(list));
}

}  // namespace credo::api
