#include "monitor/schema.h"

namespace credo::monitor {

const SchemaComponent& MonitorSchema() {
  static const SchemaComponent component{
      "monitor",
      {Migration{1, "monitor: subscriptions, alerts, webhooks, deliveries",
                 R"sql(
CREATE TABLE monitor_subscriptions (
  id @ID@,
  institution TEXT NOT NULL,
  subject_id BIGINT NOT NULL,
  triggers TEXT NOT NULL,
  baseline_on BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (institution, subject_id)
);
CREATE INDEX monitor_subscriptions_subject ON monitor_subscriptions (subject_id);
CREATE TABLE monitor_alerts (
  id @ID@,
  institution TEXT NOT NULL,
  subject_id BIGINT NOT NULL,
  trigger_kind TEXT NOT NULL,
  severity BIGINT NOT NULL,
  evidence_key TEXT NOT NULL,
  evidence TEXT NOT NULL,
  summary TEXT NOT NULL,
  as_of BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  acknowledged_at BIGINT,
  acknowledged_by TEXT NOT NULL,
  UNIQUE (institution, subject_id, trigger_kind, evidence_key)
);
CREATE INDEX monitor_alerts_institution ON monitor_alerts (institution, id);
CREATE TABLE monitor_webhooks (
  id @ID@,
  institution TEXT NOT NULL UNIQUE,
  url TEXT NOT NULL,
  secret @BLOB@ NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE monitor_deliveries (
  id @ID@,
  alert_id BIGINT NOT NULL UNIQUE,
  institution TEXT NOT NULL,
  state TEXT NOT NULL,
  attempts BIGINT NOT NULL,
  next_attempt_at BIGINT NOT NULL,
  delivered_at BIGINT NOT NULL,
  last_status BIGINT NOT NULL,
  last_error TEXT NOT NULL
);
CREATE INDEX monitor_deliveries_due ON monitor_deliveries (state, next_attempt_at);
)sql",
                 "", ""},
       // Version 2: the compliance basis of a subscription (compliance/monitoring_gate.h): the
       // purpose, the consent reference the institution named (empty: any valid one) and the
       // consent relied on when it was made. Rows made before have none and are checked with
       // account_review and any valid consent.
       Migration{2, "monitor: subscriptions keep their purpose and consent",
                 R"sql(
ALTER TABLE monitor_subscriptions ADD COLUMN purpose TEXT NOT NULL DEFAULT '';
ALTER TABLE monitor_subscriptions ADD COLUMN consent_reference TEXT NOT NULL DEFAULT '';
ALTER TABLE monitor_subscriptions ADD COLUMN consent_id BIGINT NOT NULL DEFAULT 0;
)sql",
                 "", ""}}};
  return component;
}

Status InstallMonitorSchema(Store& store) { return store.ApplySchema(MonitorSchema()); }

}  // namespace credo::monitor
