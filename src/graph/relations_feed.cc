#include "graph/relations_feed.h"

#include <fstream>
#include <map>
#include <sstream>
#include <vector>

#include <openssl/evp.h>

#include "core/identifier.h"
#include "core/money.h"
#include "core/records.h"

namespace credo::graph {
namespace {

std::string Sha256Hex(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  static const char kDigits[] = "0123456789abcdef";
  std::string hex;
  for (unsigned i = 0; i < length; ++i) {
    hex += kDigits[digest[i] >> 4];
    hex += kDigits[digest[i] & 15];
  }
  return hex;
}

//! One CSV line into fields (RFC 4180 quotes; a quoted field does not span lines here).
Result<std::vector<std::string>> SplitCsv(std::string_view line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"' && fields.back().empty()) {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c != '\r') {
      fields.back() += c;
    }
  }
  if (quoted) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "unbalanced quote: a quoted field never closes; double quotes inside a field "
                     "as \"\"");
  }
  return fields;
}

struct Reject {
  std::string field;
  std::string rule;
  std::string value;
  std::string message;
};

class RowLoader {
 public:
  RowLoader(Transaction& txn, const RelationsFeedOptions& options, RelationsFeedResult& result)
      : txn_(txn), options_(options), result_(result) {}

  //! The id End returns, with create false, for an end it would create.
  static constexpr SubjectId kWouldCreate = 0;

  //! Finds (or, with `create`, creates) the subject an end names; a Reject explains a failure.
  //! With `create` false nothing is written: an end that would be created gives kWouldCreate,
  //! and `key` (when given) receives the end's identity so two ends can be compared first.
  std::optional<SubjectId> End(const std::string& side, const std::string& kind_text,
                               const std::string& value, const std::string& name, Reject& reject,
                               Status& store_error, bool create = true,
                               std::string* key = nullptr) {
    auto kind = ParseIdentifierKind(kind_text);
    if (!kind.ok()) {
      reject = {side + "_identifier_kind", "GR-202", kind_text,
                "unknown identifier kind: use cn_resident_id, cn_uscc, us_ssn, us_ein or other"};
      return std::nullopt;
    }
    auto identifier = MakeIdentifier(*kind, value);
    if (!identifier.ok()) {
      reject = {side + "_identifier", "GR-203", MaskIdentifier(value),
                identifier.error().message + "; fix the identifier in the source file"};
      return std::nullopt;
    }
    std::string cache_key = kind_text + "|" + identifier->value;
    if (key != nullptr) *key = cache_key;
    if (auto it = cache_.find(cache_key); it != cache_.end()) return it->second;
    auto found = txn_.FindSubjectsByIdentifier(*identifier);
    if (!found.ok()) {
      store_error = std::move(found).error();
      return std::nullopt;
    }
    if (!found->empty()) return cache_[cache_key] = found->front();
    if (!options_.create_missing || name.empty()) {
      reject = {side + "_identifier", "GR-204", MaskIdentifier(identifier->value),
                "no subject in the bureau holds this identifier" +
                    std::string(name.empty() ? " and the row gives no name to create it" : "") +
                    ": load the registry or the furnisher file that names it first"};
      return std::nullopt;
    }
    if (!create) return kWouldCreate;
    Subject subject;
    bool organization = *kind == IdentifierKind::kCnUnifiedSocialCredit ||
                        *kind == IdentifierKind::kUsEin;
    if (organization) {
      subject.kind = SubjectKind::kOrganization;
      subject.organization.name = name;
      subject.organization.identifiers.push_back(*identifier);
    } else {
      subject.kind = SubjectKind::kPerson;
      subject.person.full_name = name;
      subject.person.identifiers.push_back(*identifier);
    }
    auto created = txn_.InsertSubject(subject);
    if (!created.ok()) {
      store_error = std::move(created).error();
      return std::nullopt;
    }
    ++result_.subjects_created;
    return cache_[cache_key] = *created;
  }

 private:
  Transaction& txn_;
  const RelationsFeedOptions& options_;
  RelationsFeedResult& result_;
  std::map<std::string, SubjectId> cache_;
};

}  // namespace

Result<RelationsFeedResult> LoadRelationsFile(Store& store, const std::string& path,
                                              const RelationsFeedOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return MakeError(ErrorCode::kNotFound, "cannot open the relations file", path);
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string bytes = buffer.str();
  const std::string hash = Sha256Hex(bytes);
  std::string file_name = path.substr(path.find_last_of('/') == std::string::npos
                                          ? 0
                                          : path.find_last_of('/') + 1);

  // Header first: a file without the needed columns changes nothing.
  std::vector<std::string> lines;
  {
    size_t start = 0;
    while (start < bytes.size()) {
      size_t end = bytes.find('\n', start);
      if (end == std::string::npos) end = bytes.size();
      lines.push_back(bytes.substr(start, end - start));
      start = end + 1;
    }
  }
  if (lines.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "the relations file is empty: it needs a header line", file_name + ":1");
  }
  auto header = SplitCsv(lines[0]);
  if (!header.ok()) {
    return MakeError(ErrorCode::kInvalidArgument, header.error().message, file_name + ":1");
  }
  std::map<std::string, size_t> column;
  for (size_t i = 0; i < header->size(); ++i) column[(*header)[i]] = i;
  for (const char* needed : {"kind", "from_identifier_kind", "from_identifier",
                             "to_identifier_kind", "to_identifier"}) {
    if (!column.contains(needed)) {
      return MakeError(ErrorCode::kInvalidArgument,
                       std::string("the header has no column '") + needed +
                           "': a relations file needs kind, from_identifier_kind, "
                           "from_identifier, to_identifier_kind, to_identifier",
                       file_name + ":1");
    }
  }

  RelationsFeedResult result;
  CREDO_TRY(store.WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(std::optional<Batch> earlier, txn.FindBatchByContentHash(hash));
    if (earlier) {
      result.batch_id = earlier->id;
      result.already_loaded = true;
      result.rows = earlier->records_read;
      result.accepted = earlier->records_accepted;
      result.quarantined = earlier->records_quarantined;
    }
    return Ok();
  }));
  if (result.already_loaded) return result;

  Status loaded = store.WithTransaction([&](Transaction& txn) -> Status {
    Batch batch;
    batch.source = options.source;
    batch.file_name = file_name;
    batch.content_hash = hash;
    CREDO_ASSIGN_OR_RETURN(result.batch_id, txn.CreateBatch(batch));
    RowLoader loader(txn, options, result);
    int64_t offset = static_cast<int64_t>(lines[0].size()) + 1;
    for (size_t index = 1; index < lines.size(); ++index) {
      const std::string& line = lines[index];
      int64_t line_offset = offset;
      offset += static_cast<int64_t>(line.size()) + 1;
      if (line.empty() || line == "\r") continue;
      ++result.rows;
      RawRecord raw;
      raw.batch_id = result.batch_id;
      raw.source = options.source;
      raw.line = static_cast<int64_t>(index) + 1;
      raw.byte_offset = line_offset;
      raw.payload = line;
      CREDO_ASSIGN_OR_RETURN(int64_t raw_id, txn.InsertRawRecord(raw));
      (void)raw_id;
      Reject reject;
      Status store_error = Ok();
      auto fields = SplitCsv(line);
      auto get = [&](const char* name) -> std::string {
        auto it = column.find(name);
        if (it == column.end() || !fields.ok() || it->second >= fields->size()) return {};
        return (*fields)[it->second];
      };
      std::optional<Relation> relation;
      if (!fields.ok()) {
        reject = {"", "GR-201", "", fields.error().message};
      } else if (auto kind = ParseRelationKind(get("kind")); !kind.ok()) {
        reject = {"kind", "GR-205", get("kind"), kind.error().message};
      } else {
        Relation r;
        r.kind = *kind;
        // Both ends are checked, and the whole row validated, before a missing end is created:
        // a rejected row leaves no subject behind.
        std::string from_key;
        std::string to_key;
        auto from = loader.End("from", get("from_identifier_kind"), get("from_identifier"),
                               get("from_name"), reject, store_error, false, &from_key);
        std::optional<SubjectId> to;
        if (from) {
          to = loader.End("to", get("to_identifier_kind"), get("to_identifier"), get("to_name"),
                          reject, store_error, false, &to_key);
        }
        if (!store_error.ok()) return store_error;
        if (from && to) {
          auto currency = Currency::Parse(get("currency").empty() ? "CNY" : get("currency"));
          std::string percent_text = get("percent");
          std::string amount_text = get("amount");
          char* end = nullptr;
          double percent = percent_text.empty() ? 0 : std::strtod(percent_text.c_str(), &end);
          if (!currency.ok()) {
            reject = {"currency", "GR-206", get("currency"), currency.error().message};
          } else if (!percent_text.empty() && (end == nullptr || *end != '\0' || percent < 0 ||
                                               percent > 100)) {
            reject = {"percent", "GR-207", percent_text,
                      "a shareholding percent is a number from 0 to 100"};
          } else if (r.kind == RelationKind::kShareholding && percent_text.empty()) {
            reject = {"percent", "GR-207", "", "a shareholding row needs its percent"};
          } else {
            r.percent = percent;
            r.amount.currency = *currency;
            if (!amount_text.empty()) {
              auto amount = Money::ParseDecimal(amount_text, *currency);
              if (!amount.ok() || amount->minor_units < 0) {
                reject = {"amount", "GR-208", amount_text,
                          "the amount is a non-negative decimal in major units (e.g. 1500000.00)"};
              } else {
                r.amount = *amount;
              }
            }
            r.role = get("role");
            for (const char* date_field : {"since", "until"}) {
              std::string text = get(date_field);
              if (text.empty() || !reject.rule.empty()) continue;
              auto date = Date::ParseIso(text);
              if (!date.ok()) {
                reject = {date_field, "GR-209", text, "dates are ISO YYYY-MM-DD"};
              } else if (std::string(date_field) == "since") {
                r.since = *date;
              } else {
                r.until = *date;
              }
            }
            const bool same_end =
                from_key == to_key ||
                (*from != RowLoader::kWouldCreate && *to != RowLoader::kWouldCreate && *from == *to);
            if (same_end && reject.rule.empty()) {
              reject = {"to_identifier", "GR-210", MaskIdentifier(get("to_identifier")),
                        "both ends are the same subject"};
            }
            if (reject.rule.empty()) {
              // The row is valid: now find or create its ends.
              from = loader.End("from", get("from_identifier_kind"), get("from_identifier"),
                                get("from_name"), reject, store_error);
              if (from) {
                to = loader.End("to", get("to_identifier_kind"), get("to_identifier"),
                                get("to_name"), reject, store_error);
              }
              if (!store_error.ok()) return store_error;
              if (from && to && reject.rule.empty()) {
                r.from = *from;
                r.to = *to;
                relation = r;
              }
            }
          }
        }
      }
      if (relation) {
        CREDO_ASSIGN_OR_RETURN(int64_t id, txn.UpsertRelation(*relation, result.batch_id));
        (void)id;
        ++result.accepted;
        continue;
      }
      QuarantineEntry entry;
      entry.batch_id = result.batch_id;
      entry.source = options.source;
      entry.line = raw.line;
      entry.byte_offset = line_offset;
      entry.field = reject.field;
      entry.rule = reject.rule;
      entry.masked_value = reject.value;
      entry.message = reject.message;
      CREDO_ASSIGN_OR_RETURN(int64_t quarantine_id, txn.InsertQuarantine(entry));
      (void)quarantine_id;
      ++result.quarantined;
    }
    if (result.rows > 0 &&
        static_cast<double>(result.quarantined) / static_cast<double>(result.rows) >
            options.max_reject_ratio) {
      return MakeError(ErrorCode::kInvalidArgument,
                       std::to_string(result.quarantined) + " of " + std::to_string(result.rows) +
                           " rows were rejected, more than the allowed share " +
                           std::to_string(options.max_reject_ratio) +
                           ": nothing was loaded; fix the file (see the rules GR-2xx) and retry",
                       file_name);
    }
    return txn.FinishBatch(result.batch_id, BatchStatus::kCommitted, result.rows, result.accepted,
                           result.quarantined);
  });
  if (!loaded.ok()) return std::move(loaded).error();
  return result;
}

}  // namespace credo::graph
