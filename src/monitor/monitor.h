// credo monitor: portfolio monitoring, early-warning alerts and signed webhook delivery.
//
// What it offers
//   * Subscriptions (subscriptions.h): an institution subscribes subjects, by id or from a file
//     of identifiers resolved through the blind index, with the triggers it wants (triggers.h).
//     A file with any unknown or ambiguous subject is refused whole; every bad line is named.
//     Every subject passes the monitoring gate first (compliance/monitoring_gate.h: a monitoring
//     purpose, account_review, and the subject's valid consent for the institution where the
//     profile requires one); a refusal is recorded as the read gate records its refusals and
//     nothing is subscribed.
//   * Evaluation (evaluate.h): after a batch, a resolution run or re-scoring, EvaluateTouched
//     runs the subscribed triggers on the touched subjects only, comparing what the bureau knew
//     on each subscription's baseline date with what it knows on `as_of` (point in time, so a
//     re-run raises nothing new). Each subscription is put to the monitoring gate again first:
//     one whose consent was withdrawn or has expired is skipped (no alert).
//   * Alerts (alerts.h): stored with severity, subject, institution, trigger, evidence (JSON, no
//     clear identifiers) and time; deduplicated on (institution, subject, trigger, evidence key);
//     listed with filters and acknowledged. An institution sees only its own alerts:
//       Result<std::vector<Alert>> ListAlerts(Transaction&, std::string_view institution,
//                                             const AlertFilter&);
//   * Webhooks (webhooks.h, delivery.h): one http(s) URL and secret per institution (the secret
//     encrypted at rest); DeliverDue posts due alerts as signed JSON (HMAC-SHA256 over
//     "timestamp.body"), retries with exponential backoff, keeps a dead-letter list, and never
//     delivers an alert id again once a 2xx acknowledged it. Just before each post the
//     monitoring gate is asked again (alert_gate.h): an alert whose subject's consent was
//     withdrawn or has expired since it was raised is withheld (state "withheld", the refusal
//     recorded), never sent; ListReleasableAlerts leaves such alerts out of an institution's list.
//
// Contract
//   * InstallMonitorSchema(store) must have run once on a bureau (idempotent; every entry point
//     that writes calls it through Store::ApplySchema on first use of the CLI), and so must
//     compliance::EnsureComplianceSchema (consents and refusal records).
//   * Errors are Result/Status values: kInvalidArgument for bad input (message names the file,
//     line and reason, or the URL rule), kNotFound for unknown subjects, alerts or webhooks.
//   * Writes are audited in the same transaction (subscriptions, webhooks, acknowledgements and
//     one entry per evaluation run).
//   * Thread safety: functions take a Store or Transaction and follow the store's rules (one
//     thread at a time per Store). The HTTP client is used by one thread at a time.
#pragma once

#include "monitor/alert_gate.h"
#include "monitor/alerts.h"
#include "monitor/delivery.h"
#include "monitor/evaluate.h"
#include "monitor/schema.h"
#include "monitor/subscriptions.h"
#include "monitor/triggers.h"
#include "monitor/webhooks.h"
