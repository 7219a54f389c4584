// Rings: contact points -> union-find components -> scored rings; the stored snapshot.
#include "fraud/rings.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <map>
#include <set>
#include <unordered_map>

#include "fraud/application.h"
#include "fraud/internal/union_find.h"

namespace credo::fraud {

namespace {

// One (contact point, subject) edge. The key is a kind tag plus the 32-byte blind index, kept in
// a fixed array so a million edges stay compact.
struct Edge {
  std::array<char, 33> key{};
  SubjectId subject = 0;
  bool operator<(const Edge& other) const {
    int order = std::memcmp(key.data(), other.key.data(), key.size());
    return order != 0 ? order < 0 : subject < other.subject;
  }
};

// Kind tags: phones and e-mails of identities and of applications share the store's index.
enum KindTag : char { kTagPhone = 'p', kTagEmail = 'e', kTagAddress = 'a', kTagDevice = 'd' };

std::string_view TagName(char tag) {
  switch (tag) {
    case kTagPhone: return "phone";
    case kTagEmail: return "email";
    case kTagAddress: return "address";
    case kTagDevice: return "device";
  }
  return "other";
}

Edge MakeEdge(char tag, const std::string& blind_index, SubjectId subject) {
  Edge edge;
  edge.key[0] = tag;
  std::memcpy(edge.key.data() + 1, blind_index.data(), std::min<size_t>(32, blind_index.size()));
  edge.subject = subject;
  return edge;
}

bool IsKnownBad(const Tradeline& tradeline) {
  switch (tradeline.status) {
    case AccountStatus::kChargeOff:
    case AccountStatus::kCollection:
    case AccountStatus::kForeclosure:
    case AccountStatus::kVoluntarySurrender:
    case AccountStatus::kRepossession:
    case AccountStatus::kGovernmentClaimFiled:
    case AccountStatus::kDeedInLieu:
    case AccountStatus::kPastDue90:
    case AccountStatus::kPastDue120:
    case AccountStatus::kPastDue150:
    case AccountStatus::kPastDue180:
      return true;
    default:
      break;
  }
  const int serious = PaymentStatusSeverity(PaymentStatus::kPastDue90);
  return std::any_of(tradeline.history.months.begin(), tradeline.history.months.end(),
                     [serious](PaymentStatus status) {
                       return PaymentStatusSeverity(status) >= serious;
                     });
}

// Follows merge redirects with a cache (applications may name a subject merged since).
class Survivors {
 public:
  explicit Survivors(Transaction& transaction) : transaction_(transaction) {}
  Result<SubjectId> Of(SubjectId id) {
    auto found = cache_.find(id);
    if (found != cache_.end()) return found->second;
    CREDO_ASSIGN_OR_RETURN(SubjectId survivor, transaction_.ResolveSubjectId(id));
    cache_.emplace(id, survivor);
    return survivor;
  }

 private:
  Transaction& transaction_;
  std::unordered_map<SubjectId, SubjectId> cache_;
};

Result<std::vector<Edge>> CollectEdges(Transaction& transaction) {
  std::vector<Edge> edges;
  CREDO_ASSIGN_OR_RETURN(
      std::vector<SqlRow> identity_rows,
      transaction.Query("SELECT identifiers.kind, identifiers.blind_index, identifiers.subject_id "
                        "FROM identifiers JOIN subjects ON subjects.id = identifiers.subject_id "
                        "WHERE identifiers.kind IN ('phone', 'email') AND "
                        "subjects.merged_into IS NULL"));
  edges.reserve(identity_rows.size());
  for (const SqlRow& row : identity_rows) {
    edges.push_back(MakeEdge(row[0].bytes == "phone" ? kTagPhone : kTagEmail, row[1].bytes,
                             row[2].int_value));
  }
  identity_rows.clear();
  CREDO_ASSIGN_OR_RETURN(bool installed, FraudSchemaInstalled(transaction));
  if (!installed) return edges;
  CREDO_ASSIGN_OR_RETURN(
      std::vector<SqlRow> application_rows,
      transaction.Query("SELECT kind, blind_index, link_index, subject_id FROM fraud_points "
                        "WHERE kind IN ('phone', 'email', 'address', 'device')"));
  Survivors survivors(transaction);
  for (const SqlRow& row : application_rows) {
    CREDO_ASSIGN_OR_RETURN(SubjectId subject, survivors.Of(row[3].int_value));
    const std::string& kind = row[0].bytes;
    if (kind == "phone" || kind == "email") {
      if (row[2].kind == SqlValue::Kind::kNull) continue;
      edges.push_back(MakeEdge(kind == "phone" ? kTagPhone : kTagEmail, row[2].bytes, subject));
    } else {
      edges.push_back(MakeEdge(kind == "address" ? kTagAddress : kTagDevice, row[1].bytes, subject));
    }
  }
  return edges;
}

// Members with distinct name blind indexes (a member without a name row counts on its own).
Result<int64_t> DistinctIdentities(Transaction& transaction, const std::vector<SubjectId>& members) {
  std::set<std::string> names;
  int64_t unnamed = 0;
  for (SubjectId member : members) {
    const SqlValue params[] = {SqlValue::Int(member)};
    CREDO_ASSIGN_OR_RETURN(
        std::vector<SqlRow> rows,
        transaction.Query("SELECT blind_index FROM identifiers WHERE subject_id = ? AND "
                          "kind = 'name'",
                          params));
    if (rows.empty()) {
      ++unnamed;
      continue;
    }
    names.insert(rows[0][0].bytes);
  }
  return static_cast<int64_t>(names.size()) + unnamed;
}

// When the subject first appears in the bureau's data, in unix seconds: the earliest of its
// tradelines' opening dates, its inquiries' dates and its recorded applications. The row's
// created_at (when it was inserted: the load time for a whole initial load) counts only for a
// subject with none of them. Dates count from their midnight, UTC.
Result<int64_t> FirstSeen(Transaction& transaction, SubjectId member,
                          const std::vector<TradelineRow>& tradelines, bool installed) {
  constexpr int64_t kSecondsPerDay = 24 * 3600;
  std::optional<int64_t> first;
  auto seen = [&first](int64_t at) { first = first ? std::min(*first, at) : at; };
  for (const TradelineRow& row : tradelines) {
    seen(row.tradeline.opened_on.days_since_epoch() * kSecondsPerDay);
  }
  CREDO_ASSIGN_OR_RETURN(std::vector<Inquiry> inquiries, transaction.ListInquiries(member));
  for (const Inquiry& inquiry : inquiries) {
    seen(inquiry.inquired_on.days_since_epoch() * kSecondsPerDay);
  }
  const SqlValue params[] = {SqlValue::Int(member)};
  if (installed) {
    CREDO_ASSIGN_OR_RETURN(
        std::vector<SqlRow> first_application,
        transaction.Query("SELECT MIN(occurred_at) FROM fraud_applications WHERE subject_id = ?",
                          params));
    if (!first_application.empty() && first_application[0][0].kind == SqlValue::Kind::kInt) {
      seen(first_application[0][0].int_value);
    }
  }
  if (first) return *first;
  CREDO_ASSIGN_OR_RETURN(std::vector<SqlRow> created,
                         transaction.Query("SELECT created_at FROM subjects WHERE id = ?", params));
  return created.empty() ? int64_t{0} : created[0][0].int_value;
}

}  // namespace

int RingScore(int64_t size, int64_t new_members, int64_t bad_members) {
  if (size <= 0) return 0;
  const double size_part = 40.0 * static_cast<double>(std::min<int64_t>(size, 10)) / 10.0;
  const double growth_part = 30.0 * static_cast<double>(new_members) / static_cast<double>(size);
  const double bad_part = 30.0 * static_cast<double>(bad_members) / static_cast<double>(size);
  return static_cast<int>(std::lround(std::clamp(size_part + growth_part + bad_part, 0.0, 100.0)));
}

std::vector<std::vector<SubjectId>> ContactComponentsOf(
    const std::vector<std::vector<SubjectId>>& holders, int64_t degree_cap) {
  std::unordered_map<SubjectId, size_t> dense;
  std::vector<SubjectId> subjects;
  std::vector<std::vector<size_t>> joining;
  for (const std::vector<SubjectId>& point : holders) {
    std::vector<SubjectId> distinct = point;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    if (distinct.size() < 2 || static_cast<int64_t>(distinct.size()) > degree_cap) continue;
    std::vector<size_t> members;
    for (SubjectId subject : distinct) {
      auto [it, inserted] = dense.try_emplace(subject, subjects.size());
      if (inserted) subjects.push_back(subject);
      members.push_back(it->second);
    }
    joining.push_back(std::move(members));
  }
  internal::UnionFind sets(subjects.size());
  for (const std::vector<size_t>& members : joining) {
    for (size_t i = 1; i < members.size(); ++i) sets.Union(members[0], members[i]);
  }
  std::map<size_t, std::vector<SubjectId>> by_root;
  for (size_t i = 0; i < subjects.size(); ++i) by_root[sets.Find(i)].push_back(subjects[i]);
  std::vector<std::vector<SubjectId>> components;
  components.reserve(by_root.size());
  for (auto& [root, members] : by_root) {
    std::sort(members.begin(), members.end());
    components.push_back(std::move(members));
  }
  std::sort(components.begin(), components.end());
  return components;
}

Result<std::vector<Ring>> FindRings(Transaction& transaction, const RingOptions& options,
                                    int64_t now) {
  if (options.degree_cap < 2 || options.min_size < 2 || options.growth_days < 0) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "ring options: degree cap and minimum size are at least 2, growth days at "
                     "least 0 (got cap " + std::to_string(options.degree_cap) + ", size " +
                         std::to_string(options.min_size) + ", days " +
                         std::to_string(options.growth_days) + ")",
                     "ring");
  }
  CREDO_ASSIGN_OR_RETURN(std::vector<Edge> edges, CollectEdges(transaction));
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end(),
                          [](const Edge& a, const Edge& b) {
                            return a.key == b.key && a.subject == b.subject;
                          }),
              edges.end());
  // Group by point.
  std::vector<std::vector<SubjectId>> holders;
  std::vector<char> point_tags;
  for (size_t i = 0; i < edges.size();) {
    size_t j = i;
    std::vector<SubjectId> point;
    while (j < edges.size() && edges[j].key == edges[i].key) point.push_back(edges[j++].subject);
    if (point.size() >= 2) {
      holders.push_back(std::move(point));
      point_tags.push_back(edges[i].key[0]);
    }
    i = j;
  }
  edges.clear();
  edges.shrink_to_fit();
  std::vector<std::vector<SubjectId>> components = ContactComponentsOf(holders, options.degree_cap);

  std::unordered_map<SubjectId, size_t> ring_of;
  std::vector<Ring> rings;
  for (std::vector<SubjectId>& members : components) {
    if (static_cast<int64_t>(members.size()) < options.min_size) continue;
    Ring ring;
    CREDO_ASSIGN_OR_RETURN(ring.identities, DistinctIdentities(transaction, members));
    if (ring.identities < options.min_size) continue;
    ring.id = members.front();
    for (SubjectId member : members) ring_of[member] = rings.size();
    ring.members = std::move(members);
    rings.push_back(std::move(ring));
  }
  std::vector<std::set<std::string>> kinds(rings.size());
  for (size_t p = 0; p < holders.size(); ++p) {
    if (static_cast<int64_t>(holders[p].size()) > options.degree_cap) continue;
    auto found = ring_of.find(holders[p].front());
    if (found == ring_of.end()) continue;
    ++rings[found->second].shared_points;
    kinds[found->second].insert(std::string(TagName(point_tags[p])));
  }
  CREDO_ASSIGN_OR_RETURN(bool installed, FraudSchemaInstalled(transaction));
  const int64_t since = now - options.growth_days * 24 * 3600;
  for (size_t r = 0; r < rings.size(); ++r) {
    Ring& ring = rings[r];
    ring.shared_kinds.assign(kinds[r].begin(), kinds[r].end());
    for (SubjectId member : ring.members) {
      CREDO_ASSIGN_OR_RETURN(std::vector<TradelineRow> tradelines,
                             transaction.ListTradelines(member));
      CREDO_ASSIGN_OR_RETURN(int64_t first_seen,
                             FirstSeen(transaction, member, tradelines, installed));
      if (first_seen > since && first_seen <= now) ++ring.new_members;
      if (std::any_of(tradelines.begin(), tradelines.end(),
                      [](const TradelineRow& row) { return IsKnownBad(row.tradeline); })) {
        ++ring.bad_members;
      }
    }
    // Growth and bad share are over subjects; size is over distinct identities.
    const int64_t size = static_cast<int64_t>(ring.members.size());
    ring.score = RingScore(ring.identities, ring.new_members * ring.identities / size,
                           ring.bad_members * ring.identities / size);
  }
  std::sort(rings.begin(), rings.end(), [](const Ring& a, const Ring& b) {
    return a.score != b.score ? a.score > b.score : a.id < b.id;
  });
  return rings;
}

Status SaveRings(Transaction& transaction, const std::vector<Ring>& rings, int64_t now) {
  CREDO_TRY(transaction.Execute("DELETE FROM fraud_ring_members"));
  CREDO_TRY(transaction.Execute("DELETE FROM fraud_rings"));
  int64_t members = 0;
  for (const Ring& ring : rings) {
    std::string kinds;
    for (const std::string& kind : ring.shared_kinds) kinds += (kinds.empty() ? "" : ",") + kind;
    const SqlValue ring_params[] = {
        SqlValue::Int(ring.id), SqlValue::Int(static_cast<int64_t>(ring.members.size())),
        SqlValue::Int(ring.shared_points), SqlValue::Text(kinds), SqlValue::Int(ring.new_members),
        SqlValue::Int(ring.bad_members), SqlValue::Int(ring.score), SqlValue::Int(now),
        SqlValue::Int(ring.identities)};
    CREDO_TRY(transaction.Execute(
        "INSERT INTO fraud_rings (id, size, shared_points, shared_kinds, new_members, "
        "bad_members, score, computed_at, identities) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ring_params));
    for (SubjectId member : ring.members) {
      const SqlValue member_params[] = {SqlValue::Int(member), SqlValue::Int(ring.id)};
      CREDO_TRY(transaction.Execute(
          "INSERT INTO fraud_ring_members (subject_id, ring_id) VALUES (?, ?)", member_params));
      ++members;
    }
  }
  AuditEntry audit;
  audit.action = "fraud.rings";
  audit.entity = "fraud_rings";
  audit.detail = "rings=" + std::to_string(rings.size()) + " members=" + std::to_string(members);
  CREDO_ASSIGN_OR_RETURN(int64_t sequence, transaction.AppendAudit(std::move(audit)));
  (void)sequence;
  return Ok();
}

Result<std::optional<Ring>> RingOfSubject(Transaction& transaction, SubjectId subject_id) {
  CREDO_ASSIGN_OR_RETURN(bool installed, FraudSchemaInstalled(transaction));
  if (!installed) return std::optional<Ring>();
  CREDO_ASSIGN_OR_RETURN(SubjectId subject, transaction.ResolveSubjectId(subject_id));
  const SqlValue params[] = {SqlValue::Int(subject)};
  CREDO_ASSIGN_OR_RETURN(
      std::vector<SqlRow> rows,
      transaction.Query("SELECT fraud_rings.id, shared_points, shared_kinds, new_members, "
                        "bad_members, score, identities FROM fraud_ring_members JOIN fraud_rings ON "
                        "fraud_rings.id = fraud_ring_members.ring_id WHERE "
                        "fraud_ring_members.subject_id = ?",
                        params));
  if (rows.empty()) return std::optional<Ring>();
  Ring ring;
  ring.id = rows[0][0].int_value;
  ring.shared_points = rows[0][1].int_value;
  const std::string& kinds = rows[0][2].bytes;
  for (size_t start = 0; start < kinds.size();) {
    size_t comma = kinds.find(',', start);
    if (comma == std::string::npos) comma = kinds.size();
    ring.shared_kinds.push_back(kinds.substr(start, comma - start));
    start = comma + 1;
  }
  ring.new_members = rows[0][3].int_value;
  ring.bad_members = rows[0][4].int_value;
  ring.score = static_cast<int>(rows[0][5].int_value);
  ring.identities = rows[0][6].int_value;
  const SqlValue ring_params[] = {SqlValue::Int(ring.id)};
  CREDO_ASSIGN_OR_RETURN(
      std::vector<SqlRow> members,
      transaction.Query(
          "SELECT subject_id FROM fraud_ring_members WHERE ring_id = ? ORDER BY subject_id",
          ring_params));
  for (const SqlRow& row : members) ring.members.push_back(row[0].int_value);
  return std::optional<Ring>(std::move(ring));
}

}  // namespace credo::fraud
