#!/usr/bin/env python3
"""Rule-removal check (issue 7: "each rule has a test that fails when the rule is removed").

Disables one compliance rule at a time by a textual edit of its condition, builds the test
programs that should catch it, runs them, reports CAUGHT (with the failing tests) or NOT CAUGHT,
and restores the file whatever happens. Run it on a clean working tree: it edits sources.

Usage: scripts/rule_removal_check.py BUILD_DIR [RULE ...]   (BUILD_DIR configured with tests)
"""
import os
import re
import subprocess
import sys
from typing import NamedTuple

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Removal(NamedTuple):
    rule: str            # the rule name the refusal records
    path: str            # the source file that holds it, from the repository root
    condition: str       # the text that makes the rule refuse (exactly once in the file)
    disabled: str        # the same text with the rule switched off
    test_programs: list  # the test executables expected to catch its removal


REMOVALS = [
    Removal("read.requester_unnamed", "src/compliance/read_gate.cc",
            "if (request.institution.empty() || request.staff_user.empty()) {",
            "if (false) {", ["compliance_read_gate_test"]),
    Removal("purge.future_date", "src/compliance/retention.cc",
            '    if (as_of > context.Today()) {\n      RuleBreak r;\n'
            '      r.code = ErrorCode::kInvalidArgument;\n      r.operation = "purge";',
            '    if (false) {\n      RuleBreak r;\n'
            '      r.code = ErrorCode::kInvalidArgument;\n      r.operation = "purge";',
            ["compliance_retention_test"]),
    Removal("dispute.correction_unexpected", "src/compliance/disputes.cc",
            "if (resolution.outcome != DisputeOutcome::kCorrected && "
            "!resolution.correction.empty()) {",
            "if (false) {", ["compliance_disputes_test"]),
    Removal("operator.purpose_required", "src/compliance/operator_access.cc",
            "  if (!operator_purpose) {\n    std::string codes;",
            "  if (false) {\n    std::string codes;", ["compliance_operator_access_test"]),
    Removal("operator.case_other_subject", "src/compliance/operator_access.cc",
            "if (!owner.ok() || *owner != subject) {", "if (!owner.ok()) {",
            ["compliance_operator_access_test"]),
    Removal("consent.institution_id", "src/compliance/consent.cc",
            'if (Status id = CheckInstitutionId(grant.institution, "consent.institution"); '
            "!id.ok()) {",
            'if (Status id = CheckInstitutionId(grant.institution, "consent.institution"); '
            "false) {",
            ["compliance_consent_test"]),
    Removal("report.retention_expired", "src/report/issue.cc",
            "if (!refusal && context.Today() >= retain_until) {", "if (false) {",
            ["report_issue_test"]),
    # The read gate's consent and purpose rules (条例 Art. 18-20, FCRA 604).
    Removal("consent.other_institution", "src/compliance/read_gate.cc",
            "if (c.institution != request.institution) {", "if (false) {",
            ["compliance_read_gate_test"]),
    Removal("consent.other_purpose", "src/compliance/read_gate.cc",
            "if (c.purpose != request.purpose) {", "if (false) {",
            ["compliance_read_gate_test"]),
    Removal("consent.expired", "src/compliance/read_gate.cc",
            '      return "consent.expired";', "      break;",
            ["compliance_read_gate_test"]),
    Removal("consent.withdrawn", "src/compliance/read_gate.cc",
            '      return "consent.withdrawn";', "      break;",
            ["compliance_read_gate_test"]),
    Removal("purpose.unknown", "src/compliance/read_gate.cc",
            "  if (purpose == nullptr) {\n    std::string codes;",
            "  if (false) {\n    std::string codes;",
            ["compliance_read_gate_test"]),
    Removal("self_query.free_limit", "src/compliance/read_gate.cc",
            "if (used >= context.profile->free_self_queries_per_year) {", "if (false) {",
            ["compliance_read_gate_test"]),
    Removal("self_query.subject_only", "src/compliance/read_gate.cc",
            "if (self_purpose && !self_channel) {", "if (false) {",
            ["compliance_read_gate_test"]),
    Removal("self_query.channel_purpose", "src/compliance/read_gate.cc",
            "if (self_channel && !self_purpose) {", "if (false) {",
            ["compliance_read_gate_test"]),
    Removal("restricted.no_consent", "src/compliance/read_gate.cc",
            "if (chosen == nullptr || !Contains(chosen->restricted_categories, category)) {",
            "if (false) {", ["compliance_read_gate_test"]),
    # Exports (PIPL Art. 73) and disputes (条例 Art. 25).
    Removal("export.k_too_small", "src/compliance/exports.cc",
            "if (options.k < 2 || options.max_suppression < 0 || options.max_suppression > 1) {",
            "if (false) {", ["compliance_exports_test"]),
    Removal("export.operator_role_required (anonymised)", "src/compliance/exports.cc",
            'if (options.role != kOperatorRole) return refuse(RoleRefusal("export.anonymised", '
            "options.role));",
            "", ["compliance_exports_test"]),
    Removal("dispute.item_purged", "src/compliance/disputes.cc",
            "    if (const Suppression* s = suppressions.Find(request.item)) {",
            "    if (const Suppression* s = suppressions.Find(request.item); false) {",
            ["compliance_disputes_test"]),
    # More of the read gate, consents, disputes and complaints.
    Removal("consent.not_yet_valid", "src/compliance/read_gate.cc",
            '      return "consent.not_yet_valid";', "      break;",
            ["compliance_read_gate_test"]),
    # consent.other_subject is not here: consents are listed for the subject read, so no input
    # reaches that second check.
    Removal("consent.out_of_scope", "src/compliance/read_gate.cc",
            "if (!Contains(record.scope, category) && "
            "!Contains(record.restricted_categories, category)) {",
            "if (false) {", ["compliance_read_gate_test"]),
    Removal("read.unknown_category", "src/compliance/read_gate.cc",
            "    if (!Contains(readable, category)) {", "    if (false) {",
            ["compliance_read_gate_test"]),
    Removal("consent.duplicate_reference", "src/compliance/consent.cc",
            "      if (c.institution == grant.institution && c.reference == grant.reference) {",
            "      if (false) {", ["compliance_consent_test"]),
    Removal("consent.valid_to_before_valid_from", "src/compliance/consent.cc",
            "    if (grant.valid_to && *grant.valid_to < grant.valid_from) {", "    if (false) {",
            ["compliance_consent_test"]),
    Removal("consent.already_withdrawn", "src/compliance/consent.cc",
            "    if (consent->revoked_on) {", "    if (false) {", ["compliance_consent_test"]),
    Removal("dispute.already_open", "src/compliance/disputes.cc",
            "      if (d.item == request.item) {", "      if (false) {",
            ["compliance_disputes_test"]),
    Removal("dispute.outcome_not_allowed", "src/compliance/disputes.cc",
            "if (resolution.outcome == DisputeOutcome::kNone ||\n"
            "        resolution.outcome == DisputeOutcome::kUnverifiedByDeadline) {",
            "if (false) {", ["compliance_disputes_test"]),
    Removal("complaint.already_closed", "src/compliance/disputes.cc",
            '    if (AsText(rows[0][1]) != "open") {', "    if (false) {",
            ["compliance_disputes_test"]),
    # Answers a case needs, and who may read under the bureau's own purposes.
    Removal("dispute.correction_missing", "src/compliance/disputes.cc",
            "    if (resolution.outcome == DisputeOutcome::kCorrected && "
            "resolution.correction.empty()) {",
            "    if (false) {", ["compliance_disputes_test"]),
    Removal("dispute.findings_missing", "src/compliance/disputes.cc",
            "    if (resolution.outcome == DisputeOutcome::kUndeterminable && "
            "resolution.note.empty()) {",
            "    if (false) {", ["compliance_disputes_test"]),
    Removal("dispute.reason_missing", "src/compliance/disputes.cc",
            "    if (request.reason.empty()) {", "    if (false) {", ["compliance_disputes_test"]),
    Removal("dispute.already_resolved", "src/compliance/disputes.cc",
            "    if (!dispute.open) {", "    if (false) {", ["compliance_disputes_test"]),
    Removal("complaint.response_missing", "src/compliance/disputes.cc",
            "    if (response.empty()) {", "    if (false) {", ["compliance_disputes_test"]),
    Removal("complaint.dispute_unknown", "src/compliance/disputes.cc",
            "      if (!dispute.ok() || dispute->subject_id != *subject) {",
            "      if (!dispute.ok()) {", ["compliance_disputes_test"]),
    Removal("consent.unknown_restricted_category", "src/compliance/consent.cc",
            "      if (!context.profile->NeedsConsent(category)) {", "      if (false) {",
            ["compliance_consent_test"]),
    Removal("operator.purpose_reserved", "src/compliance/operator_access.cc",
            "  if (!bureau) {", "  if (false) {", ["compliance_operator_access_test"]),
    Removal("operator.no_open_case", "src/compliance/operator_access.cc",
            "    if (open.empty()) {", "    if (false) {", ["compliance_operator_access_test"]),
    Removal("report.other_institution", "src/report/issue.cc",
            "        if (viewer.institution != report.institution) {", "        if (false) {",
            ["report_issue_test"]),
    # Input a refusal names: incomplete requests and ids that name nothing (issue 7, "bad
    # input ... each refused with the rule it breaks").
    Removal("consent.incomplete", "src/compliance/consent.cc",
            "if (grant.institution.empty() || grant.reference.empty()) {", "if (false) {",
            ["compliance_consent_test"]),
    Removal("consent.unknown_category", "src/compliance/consent.cc",
            "      if (!Contains(readable, category)) {", "      if (false) {",
            ["compliance_consent_test"]),
    Removal("restricted.written_consent_missing", "src/compliance/consent.cc",
            "if (!grant.restricted_categories.empty() &&\n"
            "        (grant.artefact_reference.empty() || grant.notice_version.empty())) {",
            "if (false) {", ["compliance_consent_test"]),
    Removal("subject.unknown (consent)", "src/compliance/consent.cc",
            "    if (!subject.ok()) {\n      RuleBreak r = base;\n      r.code = ErrorCode::kNotFound;\n"
            '      r.rule = "subject.unknown";',
            "    if (false) {\n      RuleBreak r = base;\n      r.code = ErrorCode::kNotFound;\n"
            '      r.rule = "subject.unknown";',
            ["compliance_consent_test"]),
    Removal("consent.unknown", "src/compliance/consent.cc",
            "    auto consent = tx.GetConsent(consent_id);\n    if (!consent.ok()) {",
            "    auto consent = tx.GetConsent(consent_id);\n    if (false) {",
            ["compliance_consent_test"]),
    Removal("subject.unknown (read)", "src/compliance/read_gate.cc",
            '  if (!subject.ok()) {\n    return refuse(ErrorCode::kNotFound, "subject.unknown"',
            '  if (false) {\n    return refuse(ErrorCode::kNotFound, "subject.unknown"',
            ["compliance_read_gate_test"]),
    Removal("consent.missing (named reference)", "src/compliance/read_gate.cc",
            "      if (named == nullptr) {\n        return refuse(",
            "      if (named == nullptr) {\n        named = &consents.front();\n      }\n"
            "      if (false) {\n        return refuse(",
            ["compliance_read_gate_test"]),
    Removal("consent.missing", "src/compliance/read_gate.cc",
            "if (chosen == nullptr && purpose->requires_consent) {", "if (false) {",
            ["compliance_read_gate_test"]),
    Removal("subject.unknown (disputes, complaints, statements)", "src/compliance/disputes.cc",
            "  if (subject.ok()) return std::optional<SubjectId>(*subject);",
            "  return std::optional<SubjectId>(subject.ok() ? *subject : subject_id);",
            ["compliance_disputes_test"]),
    Removal("dispute.item_unknown", "src/compliance/disputes.cc",
            "    auto belongs = CheckItemBelongsTo(tx, *subject, request.item);\n    if (!belongs.ok()) {",
            "    auto belongs = CheckItemBelongsTo(tx, *subject, request.item);\n    if (false) {",
            ["compliance_disputes_test"]),
    Removal("dispute.unknown", "src/compliance/disputes.cc",
            "    auto found = GetDispute(tx, dispute_id);\n    if (!found.ok()) {",
            "    auto found = GetDispute(tx, dispute_id);\n    if (false) {",
            ["compliance_disputes_test"]),
    Removal("dispute.correction_invalid", "src/compliance/disputes.cc",
            "        if (!applied.ok()) {", "        if (false) {", ["compliance_disputes_test"]),
    Removal("complaint.incomplete", "src/compliance/disputes.cc",
            "if (request.authority.empty() || request.text.empty()) {", "if (false) {",
            ["compliance_disputes_test"]),
    Removal("complaint.unknown", "src/compliance/disputes.cc",
            '    if (rows.empty()) {\n      RuleBreak r = base;\n      r.code = ErrorCode::kNotFound;\n'
            '      r.rule = "complaint.unknown";',
            '    if (false) {\n      RuleBreak r = base;\n      r.code = ErrorCode::kNotFound;\n'
            '      r.rule = "complaint.unknown";',
            ["compliance_disputes_test"]),
    Removal("statement.empty", "src/compliance/disputes.cc",
            "    if (text.empty()) {", "    if (false) {", ["compliance_disputes_test"]),
    Removal("statement.item_unknown", "src/compliance/disputes.cc",
            "      auto belongs = CheckItemBelongsTo(tx, *subject, *item);\n      if (!belongs.ok()) {",
            "      auto belongs = CheckItemBelongsTo(tx, *subject, *item);\n      if (false) {",
            ["compliance_disputes_test"]),
    Removal("export.operator_role_required (deidentified)", "src/compliance/exports.cc",
            'if (options.role != kOperatorRole) return refuse(RoleRefusal("export.deidentified", '
            "options.role));",
            "", ["compliance_exports_test"]),
    Removal("operator.case_unknown (dispute)", "src/compliance/operator_access.cc",
            "        if (dispute.error().code != ErrorCode::kNotFound) return dispute.error();\n"
            "        return Found(",
            "        if (dispute.error().code != ErrorCode::kNotFound) return dispute.error();\n"
            "        return Found();\n        (void)Found(",
            ["compliance_operator_access_test"]),
    Removal("operator.case_closed (dispute)", "src/compliance/operator_access.cc",
            "      if (!dispute->open) {", "      if (false) {", ["compliance_operator_access_test"]),
    Removal("operator.case_closed (complaint)", "src/compliance/operator_access.cc",
            "      if (!complaint.open) {", "      if (false) {", ["compliance_operator_access_test"]),
    Removal("operator.case_unknown (complaint)", "src/compliance/operator_access.cc",
            "  if (request.case_id != 0) {\n    return Found(",
            "  if (false) {\n    return Found(", ["compliance_operator_access_test"]),
    Removal("report.other_subject", "src/report/issue.cc",
            "        if (!surviving.ok() || *surviving != report.subject_id) {",
            "        if (!surviving.ok()) {", ["report_issue_test"]),
    # Rules that are behaviour rather than a refusal: the retention clock, visibility on reports,
    # the deadline in the subject's favour, the audit of each deletion.
    Removal("retention.collection_clock_delay", "src/compliance/retention.cc",
            "return DefersClock(category) ? dofd.AddDays(rules.collection_clock_delay_days) : dofd;",
            "return dofd;", ["compliance_retention_test"]),
    Removal("retention.bankruptcy_years", "src/compliance/retention.cc",
            'return category == "bankruptcy" ? rules.bankruptcy_years : rules.negative_years;',
            "return rules.negative_years;", ["compliance_retention_test"]),
    Removal("retention.no_reageing", "src/compliance/retention.cc",
            "if (c.clock_start && (!start || *c.clock_start < *start)) start = c.clock_start;",
            "if (c.clock_start) start = c.clock_start;", ["compliance_retention_test"]),
    Removal("retention.not_before_due", "src/compliance/retention.cc",
            "if (n.purged_on || !n.purge_on || *n.purge_on > as_of) continue;",
            "if (n.purged_on || !n.purge_on) continue;", ["compliance_retention_test"]),
    Removal("retention.event_end_when_cured", "src/compliance/retention.cc",
            "      close_run(FirstOfMonth(m.month));", "      close_run(std::nullopt);",
            ["compliance_retention_test"]),
    Removal("retention.purge_audited", "src/compliance/retention.cc",
            "  CREDO_TRY(tx.AppendAudit(std::move(entry)));\n  return Ok();",
            "  return Ok();", ["compliance_retention_test"]),
    Removal("inquiry.soft_only_to_subject", "src/compliance/read_gate.cc",
            "if (viewer == ViewerKind::kInstitution && inquiry.kind == InquiryKind::kSoft) continue;",
            "", ["compliance_read_gate_test", "report_issue_test"]),
    Removal("dispute.marked_on_reports", "src/compliance/credit_file_view.cc",
            '    if (visible.disputed) row.tradeline.compliance_condition = "XB";', "",
            ["compliance_credit_file_view_test", "compliance_disputes_test"]),
    Removal("dispute.subject_disagrees_xc", "src/compliance/disputes.cc",
            "ccc = resolution.subject_disagrees || resolution.outcome == "
            "DisputeOutcome::kUndeterminable",
            "ccc = resolution.outcome == DisputeOutcome::kUndeterminable",
            ["compliance_disputes_test"]),
    Removal("dispute.unverified_by_deadline", "src/compliance/disputes.cc",
            "      if (!suppressions.IsSuppressed(dispute.item)) {", "      if (false) {",
            ["compliance_disputes_test"]),
    Removal("dispute.furnisher_notified", "src/compliance/disputes.cc",
            '    CREDO_TRY(Notify(tx, context, *subject, dispute_id, recipient, "dispute_opened",',
            '    if (false) CREDO_TRY(Notify(tx, context, *subject, dispute_id, recipient, '
            '"dispute_opened",',
            ["compliance_disputes_test"]),
    Removal("statement.shown_on_reports", "src/compliance/credit_file_view.cc",
            "  CREDO_ASSIGN_OR_RETURN(view.statements, ListStatements(tx, view.subject_id));", "",
            ["compliance_disputes_test", "report_issue_test"]),
    Removal("restriction.disputed_not_in_model_inputs", "src/compliance/credit_file_view.cc",
            "    if (options.for_model_inputs && visible.disputed) continue;  // GDPR Art. 18; "
            "PIPL Art. 46",
            "", ["compliance_credit_file_view_test", "compliance_subject_rights_test"]),
    Removal("compliance_report.consent_not_valid_that_day", "src/compliance/compliance_report.cc",
            "          } else if (ConsentStateOn(*consent, read.queried_on) != ConsentState::kValid) {",
            "          } else if (false) {", ["compliance_compliance_report_test"]),
    Removal("erasure.refused_negative_in_retention", "src/compliance/subject_rights.cc",
            "    if (kept_negative > 0) {", "    if (false) {", ["compliance_subject_rights_test"]),
    Removal("erasure.refused_furnished_accounts", "src/compliance/subject_rights.cc",
            "    if (!tradelines.empty()) {", "    if (false) {", ["compliance_subject_rights_test"]),
    # Prohibited data (条例 Art. 14 para. 1; PIPL Art. 28) is refused at intake, by column and by field.
    Removal("ingest.prohibited_column (IN-906)", "src/ingest/batch/sources.cc",
            "    if (profile.IsProhibitedField(key)) {", "    if (false) {",
            ["credo_ingest_batch_test"]),
    Removal("ingest.prohibited_field (IN-070)", "src/ingest/batch/validate.cc",
            "    if (context.profile->IsProhibitedField(key)) {", "    if (false) {",
            ["credo_ingest_batch_test"]),
    Removal("ingest.restricted_without_consent", "src/ingest/batch/validate.cc",
            "    } else if (context.profile->NeedsConsent(key) && !record.Has(F::kConsentReference)) {",
            "    } else if (false) {", ["credo_ingest_batch_test"]),
]


def failing_tests(build, program):
    found = subprocess.run(["find", ".", "-name", program, "-type", "f"], cwd=build,
                           capture_output=True, text=True).stdout.split()
    if not found:
        return [f"{program}: not built"]
    run = subprocess.run([found[0]], cwd=build, capture_output=True, text=True)
    failed = [re.sub(r" \(\d+ ms\)$", "", line.split("]", 1)[1].strip())
              for line in run.stdout.splitlines()
              if line.startswith("[  FAILED  ]") and "." in line]
    if not failed and run.returncode != 0:  # a crash (e.g. the removed check guarded a pointer)
        running = [line.split("]", 1)[1].strip() for line in run.stdout.splitlines()
                   if line.startswith("[ RUN      ]")]
        failed = [f"{program} ended with {run.returncode} in {running[-1] if running else '?'}"]
    return failed


def check(build, removal):
    path = os.path.join(ROOT, removal.path)
    with open(path) as source:
        text = source.read()
    if text.count(removal.condition) != 1:
        return f"{removal.rule}: its condition is not exactly once in {removal.path}; update the script"
    try:
        with open(path, "w") as source:
            source.write(text.replace(removal.condition, removal.disabled))
        built = subprocess.run(["cmake", "--build", build, "--target", *removal.test_programs],
                               capture_output=True, text=True)
        if built.returncode != 0:
            return f"{removal.rule}: BUILD FAILED\n{built.stdout[-2000:]}"
        failed = []
        for program in removal.test_programs:
            failed += failing_tests(build, program)
        verdict = "CAUGHT by" if failed else "NOT CAUGHT"
        return f"{removal.rule}: {verdict} {sorted(set(failed))[:4]}"
    finally:
        with open(path, "w") as source:
            source.write(text)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    build = os.path.abspath(sys.argv[1])
    only = set(sys.argv[2:])
    missed = 0
    for removal in REMOVALS:
        if only and removal.rule not in only:
            continue
        line = check(build, removal)
        missed += "NOT CAUGHT" in line or "FAILED" in line or "update the script" in line
        print(line, flush=True)
    # The sources are restored; rebuild so the build directory matches them again.
    subprocess.run(["cmake", "--build", build], capture_output=True)
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
