// credo api/routes: what several route files share (internal to the routes).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/server/json_body.h"
#include "api/server/router.h"
#include "compliance/context.h"
#include "core/identifier.h"

namespace credo::api::routes_internal {

//! {"kind": "cn_resident_id", "value": "..."}: one identifier of a subject.
std::shared_ptr<const ObjectSchema> IdentifierSchema();

//! The compliance context for this request: the server's profile and clock, and the caller as
//! the actor the audit log names ("client:<id>", "operator:<user>", "subject:<id>").
compliance::ComplianceContext ComplianceFor(RequestContext& context);
//! kPermissionDenied unless the caller is a data subject logged in to their own account (the
//! /v1/me routes).
Status RequireSubject(const Caller& caller);
//! The caller as the audit log and query records name them.
std::string ActorFor(const Caller& caller);
//! The institution a read is for: the API client's institution; an operator reads for the
//! bureau itself ("bureau").
std::string InstitutionFor(const Caller& caller);

//! Validates each {kind, value} (422 naming identifiers[i] when invalid) and resolves them
//! through the blind index to one surviving subject: 404 when none holds them, 409 when they
//! name different subjects.
Result<SubjectId> ResolveIdentifiers(Store& store, const JurisdictionProfile& profile,
                                     const nlohmann::json& identifiers);

//! The media type the Accept header picks among JSON, HTML and PDF; empty when none (406).
std::string NegotiateReportFormat(const ApiRequest& request);
//! The 406 answer when NegotiateReportFormat found nothing the caller accepts.
ApiResponse ReportNotAcceptable();
//! The ?lang= parameter ("zh" or "en"), empty when absent; kInvalidArgument otherwise.
Result<std::string> LangParameter(const ApiRequest& request);

}  // namespace credo::api::routes_internal
