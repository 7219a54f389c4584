// credo compliance: consent, permissible purpose, query records, retention and purge, disputes
// and complaints, subject rights, de-identified and anonymised exports, the compliance report.
//
// Every rule lives here so that no caller (CLI, HTTP, report, model) can go around it: reads go
// through AuthorizeRead / ReadThroughGate (read_gate.h), monitoring through AuthorizeMonitoring /
// DecideMonitoring (monitoring_gate.h, the same consent rules), what may be shown comes from
// LoadCreditFileView (credit_file_view.h), and every refusal is returned with its rule and legal
// basis and recorded (refusal.h). Install the module's tables with EnsureComplianceSchema.
// Thread safety: as the store's (one Store per thread). Errors are Result/Status values.
#pragma once

#include "compliance/compliance_report.h"
#include "compliance/consent.h"
#include "compliance/context.h"
#include "compliance/credit_file_view.h"
#include "compliance/disputes.h"
#include "compliance/exports.h"
#include "compliance/items.h"
#include "compliance/monitoring_gate.h"
#include "compliance/read_gate.h"
#include "compliance/refusal.h"
#include "compliance/retention.h"
#include "compliance/subject_rights.h"
