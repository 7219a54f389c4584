#!/usr/bin/env python3
"""Rule-removal check (issue 7: "each rule has a test that fails when the rule is removed").

Disables one compliance rule at a time by a textual edit of its condition, builds the test
programs that should catch it, runs them, reports CAUGHT (with the failing tests) or NOT CAUGHT,
and restores the file whatever happens. Run it on a clean working tree: it edits sources.

Usage: scripts/rule_removal_check.py BUILD_DIR [RULE ...]   (BUILD_DIR configured with tests)
"""
import os
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
]


def failing_tests(build, program):
    found = subprocess.run(["find", ".", "-name", program, "-type", "f"], cwd=build,
                           capture_output=True, text=True).stdout.split()
    if not found:
        return [f"{program}: not built"]
    run = subprocess.run([found[0], "--gtest_brief=1"], cwd=build, capture_output=True, text=True)
    failed = [line.split("]", 1)[1].strip() for line in run.stdout.splitlines()
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
