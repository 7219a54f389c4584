// Application events: normalisation, blind-index rows, the module's schema.
#include "fraud/application.h"

#include <cctype>
#include <string>

namespace credo::fraud {

namespace {

// The store's own namespaces for identity phones and e-mails (store/repository/subjects.cc
// indexes them under these kinds), so an application's phone meets the same phone of an identity.
std::optional<std::string_view> StoreNamespaceOf(PointKind kind) {
  if (kind == PointKind::kPhone) return "phone";
  if (kind == PointKind::kEmail) return "email";
  return std::nullopt;
}

std::string Trim(std::string_view text) {
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  return std::string(text.substr(begin, end - begin));
}

Error FieldError(std::string_view field, std::string_view value, std::string message) {
  return MakeError(ErrorCode::kInvalidArgument,
                   message + " (value " + MaskIdentifier(value) + ")",
                   "application." + std::string(field));
}

// IPv4 dotted quad (leading zeros dropped) or IPv6 (hex digits and colons, lower-cased).
Result<std::string> NormalizeIp(std::string_view text) {
  std::string ip = Trim(text);
  if (ip.find(':') != std::string::npos) {
    std::string lower;
    for (char c : ip) {
      if (!std::isxdigit(static_cast<unsigned char>(c)) && c != ':' && c != '.') {
        return FieldError("ip", ip, "an IPv6 address holds hex digits, ':' and '.' only");
      }
      lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    return lower;
  }
  std::string out;
  int parts = 0;
  size_t position = 0;
  while (true) {
    size_t dot = ip.find('.', position);
    std::string_view part = std::string_view(ip).substr(
        position, dot == std::string::npos ? std::string::npos : dot - position);
    if (part.empty() || part.size() > 3) {
      return FieldError("ip", ip, "an IPv4 address is four numbers 0-255 separated by dots");
    }
    int value = 0;
    for (char c : part) {
      if (!std::isdigit(static_cast<unsigned char>(c))) {
        return FieldError("ip", ip, "an IPv4 address is four numbers 0-255 separated by dots");
      }
      value = value * 10 + (c - '0');
    }
    if (value > 255) return FieldError("ip", ip, "an IPv4 part is at most 255");
    if (!out.empty()) out.push_back('.');
    out += std::to_string(value);
    ++parts;
    if (dot == std::string::npos) break;
    position = dot + 1;
  }
  if (parts != 4) {
    return FieldError("ip", ip, "an IPv4 address is four numbers 0-255 separated by dots");
  }
  return out;
}

}  // namespace

std::string_view PointKindName(PointKind kind) {
  switch (kind) {
    case PointKind::kPhone: return "phone";
    case PointKind::kEmail: return "email";
    case PointKind::kAddress: return "address";
    case PointKind::kDevice: return "device";
    case PointKind::kIp: return "ip";
    case PointKind::kInstitution: return "institution";
    case PointKind::kIdentifier: return "identifier";
    case PointKind::kName: return "name";
    case PointKind::kBirthDate: return "birth_date";
  }
  return "unknown";
}

std::string PointNamespace(PointKind kind) { return "fraud." + std::string(PointKindName(kind)); }

std::string NormalizeAddressLine(std::string_view line) {
  std::string out;
  bool pending_space = false;
  for (unsigned char c : line) {
    if (c < 0x80 && (std::isspace(c) || std::ispunct(c))) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c < 0x80 ? static_cast<char>(std::tolower(c)) : static_cast<char>(c));
  }
  return out;
}

std::string AddressLineOf(const Address& address) {
  std::string line;
  for (const std::string* part : {&address.line1, &address.line2, &address.city, &address.region,
                                  &address.postcode, &address.country}) {
    if (part->empty()) continue;
    if (!line.empty()) line.push_back(' ');
    line += *part;
  }
  return NormalizeAddressLine(line);
}

std::string NormalizeInstitution(std::string_view institution) { return Trim(institution); }

Result<ApplicationEvent> NormalizeApplication(const ApplicationEvent& event,
                                              std::string_view default_country) {
  ApplicationEvent out = event;
  if (event.subject_id <= 0) {
    return MakeError(ErrorCode::kInvalidArgument, "an application names its subject (id > 0)",
                     "application.subject_id");
  }
  out.institution = NormalizeInstitution(event.institution);
  if (out.institution.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "an application names the institution that received it",
                     "application.institution");
  }
  if (event.occurred_at <= 0) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "an application carries its time (unix seconds > 0)",
                     "application.occurred_at");
  }
  if (!Trim(event.phone).empty()) {
    auto phone = NormalizePhone(Trim(event.phone), default_country);
    if (!phone.ok()) return FieldError("phone", event.phone, phone.error().message);
    out.phone = *phone;
  } else {
    out.phone.clear();
  }
  if (!Trim(event.email).empty()) {
    auto email = NormalizeEmail(Trim(event.email));
    if (!email.ok()) return FieldError("email", event.email, email.error().message);
    out.email = *email;
  } else {
    out.email.clear();
  }
  out.address = NormalizeAddressLine(event.address);
  out.device_id = Trim(event.device_id);
  if (out.device_id.size() > 256) {
    return FieldError("device", out.device_id, "a device id is at most 256 bytes");
  }
  if (!Trim(event.ip).empty()) {
    CREDO_ASSIGN_OR_RETURN(out.ip, NormalizeIp(event.ip));
  } else {
    out.ip.clear();
  }
  if (event.identifier) {
    auto identifier = MakeIdentifier(event.identifier->kind, event.identifier->value,
                                     default_country);
    if (!identifier.ok()) {
      return FieldError("identifier", event.identifier->value, identifier.error().message);
    }
    out.identifier = *identifier;
  }
  out.name = NormalizeNameForIndex(event.name);
  return out;
}

std::vector<ApplicationPoint> PointsOf(const ApplicationEvent& event) {
  std::vector<ApplicationPoint> points;
  auto add = [&points](PointKind kind, std::string value) {
    if (!value.empty()) points.push_back({kind, std::move(value)});
  };
  add(PointKind::kPhone, event.phone);
  add(PointKind::kEmail, event.email);
  add(PointKind::kAddress, event.address);
  add(PointKind::kDevice, event.device_id);
  add(PointKind::kIp, event.ip);
  add(PointKind::kInstitution, event.institution);
  if (event.identifier) {
    add(PointKind::kIdentifier,
        std::string(IdentifierKindName(event.identifier->kind)) + ":" +
            NormalizeIdentifierForIndex(event.identifier->kind, event.identifier->value));
  }
  add(PointKind::kName, event.name);
  if (event.birth_date) add(PointKind::kBirthDate, event.birth_date->ToIso());
  return points;
}

const SchemaComponent& FraudSchema() {
  static const SchemaComponent component{
      "fraud",
      {
          {1, "application events as blind indexes; ring snapshots",
           R"sql(
CREATE TABLE fraud_applications (
  id @ID@,
  subject_id BIGINT NOT NULL,
  occurred_at BIGINT NOT NULL
);
CREATE INDEX fraud_applications_subject ON fraud_applications (subject_id, occurred_at);
CREATE TABLE fraud_points (
  id @ID@,
  application_id BIGINT NOT NULL REFERENCES fraud_applications (id),
  subject_id BIGINT NOT NULL,
  kind TEXT NOT NULL,
  blind_index @BLOB@ NOT NULL,
  link_index @BLOB@,
  occurred_at BIGINT NOT NULL
);
CREATE INDEX fraud_points_lookup ON fraud_points (kind, blind_index, occurred_at);
CREATE INDEX fraud_points_subject ON fraud_points (subject_id, occurred_at);
CREATE INDEX fraud_points_application ON fraud_points (application_id);
CREATE TABLE fraud_rings (
  id BIGINT PRIMARY KEY,
  size BIGINT NOT NULL,
  shared_points BIGINT NOT NULL,
  shared_kinds TEXT NOT NULL,
  new_members BIGINT NOT NULL,
  bad_members BIGINT NOT NULL,
  score BIGINT NOT NULL,
  computed_at BIGINT NOT NULL
);
CREATE TABLE fraud_ring_members (
  subject_id BIGINT PRIMARY KEY,
  ring_id BIGINT NOT NULL REFERENCES fraud_rings (id)
);
CREATE INDEX fraud_ring_members_ring ON fraud_ring_members (ring_id);
)sql",
           "", ""},
          {2, "ring identities: members with distinct names",
           "ALTER TABLE fraud_rings ADD COLUMN identities BIGINT NOT NULL DEFAULT 0;\n", "", ""},
      }};
  return component;
}

Status EnsureFraudSchema(Store& store) { return store.ApplySchema(FraudSchema()); }

Result<bool> FraudSchemaInstalled(Transaction& transaction) {
  const SqlValue params[] = {SqlValue::Text("fraud")};
  CREDO_ASSIGN_OR_RETURN(
      std::vector<SqlRow> rows,
      transaction.Query("SELECT version FROM schema_version WHERE component = ?", params));
  return !rows.empty() && rows[0][0].int_value >= 1;
}

Result<int64_t> RecordApplication(Transaction& transaction, const ApplicationEvent& event) {
  if (event.subject_id <= 0 || event.institution.empty() || event.occurred_at <= 0) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "normalise the application first (NormalizeApplication): it needs a "
                     "subject, an institution and a time",
                     "application");
  }
  CREDO_ASSIGN_OR_RETURN(SubjectId subject, transaction.ResolveSubjectId(event.subject_id));
  const SqlValue application_params[] = {SqlValue::Int(subject),
                                         SqlValue::Int(event.occurred_at)};
  CREDO_ASSIGN_OR_RETURN(
      std::vector<SqlRow> inserted,
      transaction.Query("INSERT INTO fraud_applications (subject_id, occurred_at) VALUES (?, ?) "
                        "RETURNING id",
                        application_params));
  if (inserted.empty() || inserted[0].empty()) {
    return MakeError(ErrorCode::kInternal, "the application row returned no id",
                     "fraud_applications");
  }
  const int64_t application_id = inserted[0][0].int_value;
  std::vector<std::string> kinds;
  for (const ApplicationPoint& point : PointsOf(event)) {
    SqlValue link = SqlValue::Null();
    if (auto store_namespace = StoreNamespaceOf(point.kind)) {
      const IdentifierKind identifier_kind =
          point.kind == PointKind::kPhone ? IdentifierKind::kPhone : IdentifierKind::kEmail;
      link = SqlValue::Blob(transaction.BlindIndex(
          *store_namespace, NormalizeIdentifierForIndex(identifier_kind, point.normalised)));
    }
    const SqlValue params[] = {
        SqlValue::Int(application_id), SqlValue::Int(subject),
        SqlValue::Text(std::string(PointKindName(point.kind))),
        SqlValue::Blob(transaction.BlindIndex(PointNamespace(point.kind), point.normalised)),
        link, SqlValue::Int(event.occurred_at)};
    CREDO_TRY(transaction.Execute(
        "INSERT INTO fraud_points (application_id, subject_id, kind, blind_index, link_index, "
        "occurred_at) VALUES (?, ?, ?, ?, ?, ?)",
        params));
    kinds.emplace_back(PointKindName(point.kind));
  }
  AuditEntry audit;
  audit.action = "fraud.application";
  audit.entity = "fraud_applications";
  audit.entity_id = application_id;
  audit.subject_id = subject;
  audit.detail = "points=";
  for (size_t i = 0; i < kinds.size(); ++i) audit.detail += (i ? "," : "") + kinds[i];
  CREDO_ASSIGN_OR_RETURN(int64_t sequence, transaction.AppendAudit(std::move(audit)));
  (void)sequence;
  return application_id;
}

}  // namespace credo::fraud
