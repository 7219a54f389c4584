// AssessSubject: measures, evaluates the rule catalogue, scores; text and JSON renderings.
#include <cmath>
#include <functional>
#include <sstream>

#include <nlohmann/json.hpp>

#include "fraud/fraud.h"

namespace credo::fraud {

namespace {

struct Measures {
  const VelocityCounts& velocity;
  const SyntheticIdentitySignals& synthetic;
  const std::optional<Ring>& ring;
};

// What a rule measures: its value and a sentence of evidence (never a contact point in clear).
struct Measurement {
  double value = 0;
  std::string evidence;
};

std::string Plural(int64_t count, std::string_view one, std::string_view many) {
  return std::to_string(count) + " " + std::string(count == 1 ? one : many);
}

Measurement Window(const WindowCounts& counts, VelocityWindow window, std::string_view what,
                   std::string_view of) {
  const int64_t value = counts.at(window);
  return {static_cast<double>(value),
          std::to_string(value) + " " + std::string(what) + " " + std::string(of) + " within " +
              std::string(VelocityWindowName(window))};
}

using Measure = std::function<Measurement(const Measures&)>;

// The catalogue: rule id -> what it measures. Ids match the embedded default rules file.
const std::vector<std::pair<std::string_view, Measure>>& Catalogue() {
  using W = VelocityWindow;
  static const std::vector<std::pair<std::string_view, Measure>> catalogue = {
      {"phone_applicants_1d",
       [](const Measures& m) {
         return Window(m.velocity.applicants_per_phone, W::kDay, "applicants",
                       "used this application's phone");
       }},
      {"phone_applicants_30d",
       [](const Measures& m) {
         return Window(m.velocity.applicants_per_phone, W::kMonth, "applicants",
                       "used this application's phone");
       }},
      {"email_applicants_30d",
       [](const Measures& m) {
         return Window(m.velocity.applicants_per_email, W::kMonth, "applicants",
                       "used this application's e-mail");
       }},
      {"address_applicants_30d",
       [](const Measures& m) {
         return Window(m.velocity.applicants_per_address, W::kMonth, "applicants",
                       "gave this application's address");
       }},
      {"device_applicants_1d",
       [](const Measures& m) {
         return Window(m.velocity.applicants_per_device, W::kDay, "applicants",
                       "applied from this application's device");
       }},
      {"device_applicants_30d",
       [](const Measures& m) {
         return Window(m.velocity.applicants_per_device, W::kMonth, "applicants",
                       "applied from this application's device");
       }},
      {"ip_applicants_1h",
       [](const Measures& m) {
         return Window(m.velocity.applicants_per_ip, W::kHour, "applicants",
                       "applied from this application's IP address");
       }},
      {"subject_phones_30d",
       [](const Measures& m) {
         return Window(m.velocity.phones_per_subject, W::kMonth, "distinct phones",
                       "given by the subject");
       }},
      {"subject_addresses_30d",
       [](const Measures& m) {
         return Window(m.velocity.addresses_per_subject, W::kMonth, "distinct addresses",
                       "given by the subject");
       }},
      {"identifier_phones_30d",
       [](const Measures& m) {
         return Window(m.velocity.phones_per_identifier, W::kMonth, "distinct phones",
                       "given with the claimed identifier");
       }},
      {"identifier_addresses_30d",
       [](const Measures& m) {
         return Window(m.velocity.addresses_per_identifier, W::kMonth, "distinct addresses",
                       "given with the claimed identifier");
       }},
      {"multi_lender_1d",
       [](const Measures& m) {
         return Window(m.velocity.institutions_per_subject, W::kDay, "distinct institutions",
                       "received applications from the subject");
       }},
      {"multi_lender_7d",
       [](const Measures& m) {
         return Window(m.velocity.institutions_per_subject, W::kWeek, "distinct institutions",
                       "received applications from the subject");
       }},
      {"multi_lender_30d",
       [](const Measures& m) {
         return Window(m.velocity.institutions_per_subject, W::kMonth, "distinct institutions",
                       "received applications from the subject");
       }},
      {"identifier_names",
       [](const Measures& m) {
         const int64_t n = m.synthetic.names_per_identifier;
         return Measurement{static_cast<double>(n),
                            Plural(n, "name", "distinct names") + " seen with one identifier"};
       }},
      {"identifier_birth_dates",
       [](const Measures& m) {
         const int64_t n = m.synthetic.birth_dates_per_identifier;
         return Measurement{static_cast<double>(n), Plural(n, "birth date", "distinct birth dates") +
                                                        " seen with one identifier"};
       }},
      {"identifier_subjects",
       [](const Measures& m) {
         const int64_t n = m.synthetic.subjects_per_identifier;
         return Measurement{static_cast<double>(n),
                            Plural(n, "subject", "subjects") + " hold or claim one identifier"};
       }},
      {"id_birth_date_mismatch",
       [](const Measures& m) {
         return Measurement{m.synthetic.id_birth_date_mismatch ? 1.0 : 0.0,
                            m.synthetic.id_birth_date_evidence};
       }},
      {"id_region_mismatch",
       [](const Measures& m) {
         return Measurement{m.synthetic.id_region_mismatch ? 1.0 : 0.0,
                            m.synthetic.id_region_evidence};
       }},
      {"authorised_user_thin_file",
       [](const Measures& m) {
         // Value: the number of tradelines when every one is authorised-user, else 0.
         const bool only_authorised = m.synthetic.tradelines > 0 &&
                                      m.synthetic.authorised_user_tradelines ==
                                          m.synthetic.tradelines;
         const int64_t n = only_authorised ? m.synthetic.tradelines : 0;
         return Measurement{static_cast<double>(n),
                            Plural(m.synthetic.tradelines, "tradeline", "tradelines") + ", " +
                                std::to_string(m.synthetic.authorised_user_tradelines) +
                                " as authorised user"};
       }},
      {"ring_member",
       [](const Measures& m) {
         if (!m.ring) return Measurement{0, "not in a ring"};
         return Measurement{
             static_cast<double>(m.ring->score),
             "ring " + std::to_string(m.ring->id) + " of " +
                 Plural(static_cast<int64_t>(m.ring->members.size()), "subject", "subjects") +
                 " (" + std::to_string(m.ring->new_members) + " new, " +
                 std::to_string(m.ring->bad_members) + " known bad) scores " +
                 std::to_string(m.ring->score)};
       }},
  };
  return catalogue;
}

bool Fires(std::string_view id, double value, double threshold) {
  if (value <= 0) return false;
  // A thin file is one with at most `threshold` tradelines.
  if (id == "authorised_user_thin_file") return value <= threshold;
  return value >= threshold;
}

std::string Number(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

}  // namespace

std::vector<std::string> CatalogueRuleIds() {
  std::vector<std::string> ids;
  for (const auto& [id, measure] : Catalogue()) ids.emplace_back(id);
  return ids;
}

Result<FraudAssessment> AssessSubject(Transaction& transaction, SubjectId subject_id,
                                      const ApplicationEvent* event, int64_t now,
                                      const FraudRules& rules) {
  CREDO_ASSIGN_OR_RETURN(SubjectId subject, transaction.ResolveSubjectId(subject_id));
  FraudAssessment assessment;
  assessment.subject_id = subject;
  assessment.assessed_at = now;
  CREDO_ASSIGN_OR_RETURN(assessment.velocity, MeasureVelocity(transaction, subject, event, now));
  CREDO_ASSIGN_OR_RETURN(assessment.synthetic,
                         MeasureSyntheticIdentity(transaction, subject, event));
  CREDO_ASSIGN_OR_RETURN(std::optional<Ring> ring, RingOfSubject(transaction, subject));
  if (ring) {
    assessment.ring_id = ring->id;
    assessment.ring_score = ring->score;
    assessment.ring_size = static_cast<int64_t>(ring->members.size());
  }
  const Measures measures{assessment.velocity, assessment.synthetic, ring};
  double keep = 1.0;
  for (const auto& [id, measure] : Catalogue()) {
    const RuleDefinition* rule = rules.Find(id);
    if (rule == nullptr || !rule->enabled) continue;
    Measurement measured = measure(measures);
    if (!Fires(id, measured.value, rule->threshold)) continue;
    FiredRule fired;
    fired.id = rule->id;
    fired.description = rule->description;
    fired.severity = rule->severity;
    fired.threshold = rule->threshold;
    fired.value = measured.value;
    fired.evidence = std::move(measured.evidence);
    keep *= 1.0 - SeverityWeight(rule->severity) / 100.0;
    assessment.fired.push_back(std::move(fired));
  }
  assessment.score = static_cast<int>(std::lround(100.0 * (1.0 - keep)));
  return assessment;
}

std::string FormatAssessment(const FraudAssessment& assessment) {
  std::ostringstream out;
  out << "subject " << assessment.subject_id << ": fraud score " << assessment.score << " ("
      << assessment.fired.size() << (assessment.fired.size() == 1 ? " rule" : " rules")
      << " fired)";
  if (assessment.ring_id) {
    out << ", ring " << *assessment.ring_id << " (" << assessment.ring_size
        << " subjects, ring score " << assessment.ring_score << ")";
  } else {
    out << ", no ring";
  }
  out << "\n";
  for (const FiredRule& rule : assessment.fired) {
    out << "  [" << SeverityName(rule.severity) << "] " << rule.id << ": " << rule.evidence
        << " (value " << Number(rule.value) << ", threshold " << Number(rule.threshold) << ")\n";
  }
  const VelocityCounts& v = assessment.velocity;
  out << "  velocity 1h/1d/7d/30d: applications " << v.applications_per_subject.at(VelocityWindow::kHour)
      << "/" << v.applications_per_subject.at(VelocityWindow::kDay) << "/"
      << v.applications_per_subject.at(VelocityWindow::kWeek) << "/"
      << v.applications_per_subject.at(VelocityWindow::kMonth) << ", institutions "
      << v.institutions_per_subject.at(VelocityWindow::kHour) << "/"
      << v.institutions_per_subject.at(VelocityWindow::kDay) << "/"
      << v.institutions_per_subject.at(VelocityWindow::kWeek) << "/"
      << v.institutions_per_subject.at(VelocityWindow::kMonth) << ", applicants on phone "
      << v.applicants_per_phone.at(VelocityWindow::kHour) << "/"
      << v.applicants_per_phone.at(VelocityWindow::kDay) << "/"
      << v.applicants_per_phone.at(VelocityWindow::kWeek) << "/"
      << v.applicants_per_phone.at(VelocityWindow::kMonth) << "\n";
  return out.str();
}

std::string AssessmentToJson(const FraudAssessment& assessment) {
  nlohmann::json json;
  json["subject_id"] = assessment.subject_id;
  json["assessed_at"] = assessment.assessed_at;
  json["score"] = assessment.score;
  json["fired"] = nlohmann::json::array();
  for (const FiredRule& rule : assessment.fired) {
    json["fired"].push_back({{"id", rule.id},
                             {"description", rule.description},
                             {"severity", SeverityName(rule.severity)},
                             {"threshold", rule.threshold},
                             {"value", rule.value},
                             {"evidence", rule.evidence}});
  }
  json["ring_id"] = assessment.ring_id ? nlohmann::json(*assessment.ring_id) : nlohmann::json();
  json["ring_score"] = assessment.ring_score;
  json["ring_size"] = assessment.ring_size;
  return json.dump();
}

}  // namespace credo::fraud
