#include "compliance/subject_rights.h"

#include <nlohmann/json.hpp>

#include <set>

#include "compliance/consent.h"
#include "compliance/disputes.h"
#include "compliance/internal/sql.h"
#include "compliance/read_gate.h"
#include "compliance/refusal.h"
#include "compliance/retention.h"

namespace credo::compliance {

using internal::AsDate;
using internal::AsInt;
using internal::AsText;
using json = nlohmann::ordered_json;

namespace {

Result<int64_t> RecordRequest(Transaction& tx, const ComplianceContext& context, SubjectId subject,
                              const std::string& right, const std::string& decision,
                              const std::string& legal_basis, const std::string& detail) {
  CREDO_ASSIGN_OR_RETURN(int64_t id, internal::InsertReturningId(tx,
      "INSERT INTO compliance_rights_requests (subject_id, right_kind, requested_on, requested_at, "
      "actor, decision, legal_basis, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      std::vector<SqlValue>{internal::Int(subject), internal::Text(right),
                            internal::DateValue(context.Today()), internal::Int(context.Now()),
                            internal::Text(context.actor), internal::Text(decision),
                            internal::Text(legal_basis), internal::Text(detail)}));
  AuditEntry entry;
  entry.actor = context.actor;
  entry.action = "rights." + right;
  entry.entity = "compliance_rights_requests";
  entry.entity_id = id;
  entry.subject_id = subject;
  entry.detail = "decision=" + decision + " legal_basis=" + legal_basis;
  CREDO_TRY(tx.AppendAudit(std::move(entry)));
  return id;
}

std::string Iso(const std::optional<Date>& d) { return d ? d->ToIso() : ""; }

json IdentityJson(const Subject& subject) {
  json j;
  j["kind"] = subject.kind == SubjectKind::kPerson ? "person" : "organization";
  auto identifiers = [](const std::vector<Identifier>& ids) {
    json list = json::array();
    for (const auto& id : ids) {
      list.push_back({{"kind", std::string(IdentifierKindName(id.kind))}, {"value", id.value}});
    }
    return list;
  };
  auto addresses = [](const std::vector<Address>& list) {
    json out = json::array();
    for (const auto& a : list) {
      out.push_back({{"line1", a.line1}, {"line2", a.line2}, {"city", a.city}, {"region", a.region},
                     {"postcode", a.postcode}, {"country", a.country}, {"reported_on", Iso(a.reported_on)}});
    }
    return out;
  };
  if (subject.kind == SubjectKind::kPerson) {
    const Person& p = subject.person;
    j["full_name"] = p.full_name;
    j["given_name"] = p.given_name;
    j["family_name"] = p.family_name;
    j["birth_date"] = Iso(p.birth_date);
    j["identifiers"] = identifiers(p.identifiers);
    j["addresses"] = addresses(p.addresses);
    j["phones"] = p.phones;
    j["emails"] = p.emails;
    json employment = json::array();
    for (const auto& e : p.employment) {
      employment.push_back({{"employer", e.employer}, {"occupation", e.occupation}, {"since", Iso(e.since)}});
    }
    j["employment"] = employment;
  } else {
    const Organization& o = subject.organization;
    j["name"] = o.name;
    j["identifiers"] = identifiers(o.identifiers);
    j["legal_representative"] = o.legal_representative;
    j["addresses"] = addresses(o.addresses);
    j["phones"] = o.phones;
  }
  return j;
}

}  // namespace

Result<std::string> ExportSubjectData(Store& store, const ComplianceContext& context,
                                      SubjectId subject_id) {
  std::string out;
  Status status = Guarded(store, context, [&](Transaction& tx, const Refuse& refuse) -> Status {
    auto surviving = tx.ResolveSubjectId(subject_id);
    if (!surviving.ok()) {
      RuleBreak r;
      r.code = ErrorCode::kNotFound;
      r.operation = "rights.access";
      r.rule = "subject.unknown";
      r.legal_basis = "PIPL Art. 45";
      r.subject_id = subject_id;
      r.message = "no subject " + std::to_string(subject_id) + " in the bureau";
      return refuse(r);
    }
    SubjectId id = *surviving;
    json j;
    j["subject_id"] = id;
    j["exported_on"] = context.Today().ToIso();
    j["profile"] = context.profile->name;
    j["legal_basis"] = "PIPL Art. 45; GDPR Art. 15, 20; FCRA 609(a)";
    CREDO_ASSIGN_OR_RETURN(Subject subject, tx.GetSubject(id));
    j["identity"] = IdentityJson(subject);
    CREDO_ASSIGN_OR_RETURN(SuppressionSet suppressions, LoadSuppressions(tx, id));
    std::set<BatchId> batches;
    json tradelines = json::array();
    CREDO_ASSIGN_OR_RETURN(auto rows, tx.ListTradelines(id));
    for (const auto& row : rows) {
      const Tradeline& t = row.tradeline;
      json tl = {{"id", row.id},
                 {"furnisher", t.key.furnisher},
                 {"account_number", t.key.account_number},
                 {"account_type", t.metro2_account_type},
                 {"status", std::string(Metro2AccountStatusCode(t.status))},
                 {"opened_on", t.opened_on.ToIso()},
                 {"reported_on", t.reported_on.ToIso()},
                 {"closed_on", Iso(t.closed_on)},
                 {"first_delinquency_on", Iso(t.first_delinquency_on)},
                 {"currency", std::string(t.balance.currency.code())},
                 {"credit_limit", t.credit_limit.minor_units},
                 {"balance", t.balance.minor_units},
                 {"past_due", t.past_due.minor_units},
                 {"payment_history", t.history.ToCodes()},
                 {"history_as_of", t.history.as_of.ToIso()},
                 {"source_batch", row.last_batch_id},
                 {"suppressed", suppressions.TradelineSuppressed(row.id)}};
      batches.insert(row.last_batch_id);
      json months = json::array();
      CREDO_ASSIGN_OR_RETURN(auto reported, tx.ListTradelineMonths(row.id));
      for (const auto& m : reported) {
        months.push_back({{"month", m.month.ToIso().substr(0, 7)},
                          {"status", std::string(1, static_cast<char>(m.payment_status))},
                          {"reported_on", m.reported_on.ToIso()},
                          {"source_batch", m.batch_id},
                          {"suppressed", suppressions.MonthSuppressed(row.id, m.month)}});
        batches.insert(m.batch_id);
      }
      tl["months"] = months;
      tradelines.push_back(tl);
    }
    j["tradelines"] = tradelines;
    json records = json::array();
    CREDO_ASSIGN_OR_RETURN(auto public_records, tx.ListPublicRecords(id));
    for (const auto& r : public_records) {
      records.push_back({{"id", r.id},
                         {"kind", std::string(PublicRecordKindName(r.kind))},
                         {"authority", r.authority},
                         {"case_number", r.case_number},
                         {"filed_on", r.filed_on.ToIso()},
                         {"resolved_on", Iso(r.resolved_on)},
                         {"amount", r.amount.minor_units},
                         {"status", r.status},
                         {"suppressed", suppressions.PublicRecordSuppressed(r.id)}});
    }
    j["public_records"] = records;
    json relations = json::array();
    CREDO_ASSIGN_OR_RETURN(auto relation_rows, tx.ListRelations(id));
    for (const auto& r : relation_rows) {
      relations.push_back({{"from", r.relation.from},
                           {"to", r.relation.to},
                           {"kind", std::string(RelationKindName(r.relation.kind))},
                           {"role", r.relation.role},
                           {"source_batch", r.batch_id}});
      batches.insert(r.batch_id);
    }
    j["relations"] = relations;
    json sources = json::array();
    for (BatchId b : batches) {
      if (b == 0) continue;
      auto batch = tx.GetBatch(b);
      if (!batch.ok()) continue;
      sources.push_back({{"batch", b}, {"source", batch->source}, {"file", batch->file_name},
                         {"content_hash", batch->content_hash}});
    }
    j["sources"] = sources;
    // Who queried the file (FCRA 609(a)(3); 条例 Art. 17): everything kept, hard and soft.
    json queries = json::array();
    CREDO_ASSIGN_OR_RETURN(auto query_records, ListQueryRecords(tx, context, id, ViewerKind::kSubject));
    for (const auto& q : query_records) {
      queries.push_back({{"date", q.queried_on.ToIso()},
                         {"institution", q.institution},
                         {"purpose", q.purpose},
                         {"legal_basis", q.legal_basis},
                         {"kind", q.kind == InquiryKind::kHard ? "hard" : "soft"},
                         {"consent_reference", q.consent_reference},
                         {"returned", q.returned}});
    }
    j["queries"] = queries;
    json consents = json::array();
    CREDO_ASSIGN_OR_RETURN(auto consent_rows, ListConsentRecords(tx, id));
    for (const auto& c : consent_rows) {
      consents.push_back({{"id", c.consent.id},
                          {"institution", c.consent.institution},
                          {"purpose", c.consent.purpose},
                          {"reference", c.consent.reference},
                          {"valid_from", c.consent.granted_on.ToIso()},
                          {"valid_to", Iso(c.consent.expires_on)},
                          {"withdrawn_on", Iso(c.consent.revoked_on)},
                          {"scope", c.scope},
                          {"restricted_categories", c.restricted_categories},
                          {"notice_version", c.notice_version}});
    }
    j["consents"] = consents;
    json disputes = json::array();
    CREDO_ASSIGN_OR_RETURN(auto dispute_rows, ListDisputes(tx, id, false));
    for (const auto& d : dispute_rows) {
      disputes.push_back({{"id", d.id},
                          {"item", FormatItemRef(d.item)},
                          {"reason", d.reason},
                          {"opened_on", d.opened_on.ToIso()},
                          {"deadline_on", d.deadline_on.ToIso()},
                          {"status", d.open ? "open" : "resolved"},
                          {"outcome", std::string(DisputeOutcomeName(d.outcome))},
                          {"resolved_on", Iso(d.resolved_on)},
                          {"note", d.resolution_note}});
    }
    j["disputes"] = disputes;
    json complaints = json::array();
    CREDO_ASSIGN_OR_RETURN(auto complaint_rows, ListComplaints(tx, id));
    for (const auto& c : complaint_rows) {
      complaints.push_back({{"id", c.id}, {"dispute_id", c.dispute_id}, {"authority", c.authority},
                            {"text", c.text}, {"opened_on", c.opened_on.ToIso()},
                            {"deadline_on", c.deadline_on.ToIso()},
                            {"status", c.open ? "open" : "closed"}, {"response", c.response}});
    }
    j["complaints"] = complaints;
    json statements = json::array();
    CREDO_ASSIGN_OR_RETURN(auto statement_rows, ListStatements(tx, id));
    for (const auto& s : statement_rows) {
      statements.push_back({{"id", s.id}, {"item", s.item ? FormatItemRef(*s.item) : ""},
                            {"text", s.text}, {"added_on", s.added_on.ToIso()}});
    }
    j["statements"] = statements;
    json suppressed = json::array();
    for (const auto& s : suppressions.all()) {
      suppressed.push_back({{"item", FormatItemRef(s.item)}, {"reason", s.reason},
                            {"legal_basis", s.legal_basis}, {"effective_on", s.effective_on.ToIso()}});
    }
    j["suppressed_items"] = suppressed;
    json history = json::array();
    CREDO_ASSIGN_OR_RETURN(auto audit, tx.ListAuditForSubject(id));
    for (const auto& a : audit) {
      history.push_back({{"sequence", a.sequence}, {"recorded_at", a.recorded_at},
                         {"actor", a.actor}, {"action", a.action}, {"detail", a.detail}});
    }
    j["processing_history"] = history;
    CREDO_ASSIGN_OR_RETURN(auto request_id,
                           RecordRequest(tx, context, id, "access", "granted",
                                         "PIPL Art. 45; GDPR Art. 15, 20; FCRA 609(a)",
                                         "complete export"));
    (void)request_id;
    out = j.dump(2);
    return Ok();
  });
  if (!status.ok()) return status.error();
  return out;
}

Result<ErasureDecision> RequestErasure(Store& store, const ComplianceContext& context,
                                       SubjectId subject_id) {
  ErasureDecision decision;
  Status status = Guarded(store, context, [&](Transaction& tx, const Refuse& refuse) -> Status {
    auto surviving = tx.ResolveSubjectId(subject_id);
    if (!surviving.ok()) {
      RuleBreak r;
      r.code = ErrorCode::kNotFound;
      r.operation = "rights.erasure";
      r.rule = "subject.unknown";
      r.legal_basis = "PIPL Art. 47";
      r.subject_id = subject_id;
      r.message = "no subject " + std::to_string(subject_id) + " in the bureau";
      return refuse(r);
    }
    SubjectId id = *surviving;
    decision = ErasureDecision();
    // PIPL Art. 47 para. 1(1): the purpose is served once the retention period has passed.
    CREDO_ASSIGN_OR_RETURN(auto purged, PurgeSubject(tx, context, id, context.Today()));
    for (const auto& n : purged) decision.erased.push_back(FormatItemRef(n.item) + " (retention passed)");
    // The subject's own statements are theirs to withdraw.
    CREDO_ASSIGN_OR_RETURN(auto statements, ListStatements(tx, id));
    if (!statements.empty()) {
      CREDO_TRY(tx.Execute("DELETE FROM compliance_statements WHERE subject_id = ?",
                           std::vector<SqlValue>{internal::Int(id)}));
      decision.erased.push_back(std::to_string(statements.size()) + " statement(s) of the subject");
    }
    // What the law requires to keep (PIPL Art. 47 para. 2: processing stops except storage and
    // security; GDPR Art. 17(3)(b), (e)).
    CREDO_ASSIGN_OR_RETURN(auto items, ListNegativeItems(tx, id));
    int64_t kept_negative = 0;
    for (const auto& n : items) kept_negative += n.purged_on ? 0 : 1;
    CREDO_ASSIGN_OR_RETURN(auto tradelines, tx.ListTradelines(id));
    if (kept_negative > 0) {
      decision.refused.push_back(
          {std::to_string(kept_negative) + " negative item(s) within their retention period",
           "征信业管理条例 第16条; FCRA 605; PIPL Art. 47 para. 2"});
    }
    if (!tradelines.empty()) {
      decision.refused.push_back(
          {std::to_string(tradelines.size()) + " credit account(s) reported by furnishers",
           "征信业管理条例 第13条, 第16条; FCRA 605, 607(b); PIPL Art. 13(3), 47 para. 2"});
    }
    decision.refused.push_back({"query records", "征信业管理条例 第22条; FCRA 609(a)(3); PIPL Art. 47 para. 2"});
    decision.refused.push_back({"consents and the audit log",
                                "PIPL Art. 47 para. 2, Art. 54-56; CSL Art. 21; GDPR Art. 17(3)(e)"});
    std::string decided = decision.erased.empty() ? "refused" : "partially_granted";
    std::string detail = "erased=" + std::to_string(decision.erased.size()) + " kept:";
    std::string bases;
    for (const auto& r : decision.refused) {
      detail += " [" + r.category + "]";
      bases += (bases.empty() ? "" : " | ") + r.legal_basis;
    }
    CREDO_ASSIGN_OR_RETURN(decision.request_id,
                           RecordRequest(tx, context, id, "erasure", decided, bases, detail));
    return Ok();
  });
  if (!status.ok()) return status.error();
  return decision;
}

Result<std::vector<ItemRef>> ListRestrictedItems(Transaction& tx, SubjectId subject_id) {
  CREDO_ASSIGN_OR_RETURN(auto disputes, ListDisputes(tx, subject_id, true));
  std::vector<ItemRef> items;
  for (const auto& d : disputes) items.push_back(d.item);
  return items;
}

Result<ScoreExplanation> ExplainScore(Store& store, const ComplianceContext& context,
                                      SubjectId subject_id, const ExplanationProvider& provider) {
  ScoreExplanation explanation;
  Status status = Guarded(store, context, [&](Transaction& tx, const Refuse& refuse) -> Status {
    RuleBreak base;
    base.operation = "rights.explanation";
    base.subject_id = subject_id;
    base.legal_basis = "PIPL Art. 24, 48; FCRA 609(f), 615(a)";
    auto surviving = tx.ResolveSubjectId(subject_id);
    if (!surviving.ok()) {
      RuleBreak r = base;
      r.code = ErrorCode::kNotFound;
      r.rule = "subject.unknown";
      r.message = "no subject " + std::to_string(subject_id) + " in the bureau";
      return refuse(r);
    }
    if (!provider) {
      RuleBreak r = base;
      r.code = ErrorCode::kFailedPrecondition;
      r.rule = "explanation.no_model";
      r.message = "no scoring model is registered to explain a score";
      return refuse(r);
    }
    CREDO_ASSIGN_OR_RETURN(explanation, provider(tx, *surviving));
    // FCRA 609(f)(1)(C), 615(a): no more than 4 key factors, a 5th only if it is about inquiries.
    if (explanation.reason_codes.size() > 4) {
      std::vector<std::string> codes(explanation.reason_codes.begin(), explanation.reason_codes.begin() + 4);
      std::vector<std::string> texts;
      for (size_t i = 0; i < 4 && i < explanation.reason_texts.size(); ++i) {
        texts.push_back(explanation.reason_texts[i]);
      }
      bool has_inquiry = false;
      for (size_t i = 0; i < 4; ++i) {
        const std::string& text = i < explanation.reason_texts.size() ? explanation.reason_texts[i] : codes[i];
        has_inquiry = has_inquiry || text.find("nquir") != std::string::npos;
      }
      for (size_t i = 4; !has_inquiry && i < explanation.reason_codes.size(); ++i) {
        const std::string& text = i < explanation.reason_texts.size() ? explanation.reason_texts[i]
                                                                       : explanation.reason_codes[i];
        if (text.find("nquir") != std::string::npos) {
          codes.push_back(explanation.reason_codes[i]);
          if (i < explanation.reason_texts.size()) texts.push_back(explanation.reason_texts[i]);
          break;
        }
      }
      explanation.reason_codes = std::move(codes);
      explanation.reason_texts = std::move(texts);
    }
    std::string detail = "model=" + explanation.model_id + " reasons=" + internal::JoinList(explanation.reason_codes);
    CREDO_ASSIGN_OR_RETURN(auto request_id, RecordRequest(tx, context, *surviving, "explanation", "granted",
                                                          base.legal_basis, detail));
    (void)request_id;
    return Ok();
  });
  if (!status.ok()) return status.error();
  return explanation;
}

Result<std::vector<RightsRequestRecord>> ListRightsRequests(Transaction& tx, SubjectId subject_id) {
  CREDO_ASSIGN_OR_RETURN(SubjectId surviving, tx.ResolveSubjectId(subject_id));
  CREDO_ASSIGN_OR_RETURN(auto rows,
                         tx.Query("SELECT id, subject_id, right_kind, requested_on, actor, decision, "
                                  "legal_basis, detail FROM compliance_rights_requests WHERE "
                                  "subject_id = ? ORDER BY id",
                                  std::vector<SqlValue>{internal::Int(surviving)}));
  std::vector<RightsRequestRecord> out;
  for (const auto& row : rows) {
    RightsRequestRecord r;
    r.id = AsInt(row[0]);
    r.subject_id = AsInt(row[1]);
    r.right = AsText(row[2]);
    r.requested_on = AsDate(row[3]);
    r.actor = AsText(row[4]);
    r.decision = AsText(row[5]);
    r.legal_basis = AsText(row[6]);
    r.detail = AsText(row[7]);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace credo::compliance
