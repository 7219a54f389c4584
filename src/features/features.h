// credo features: point-in-time attributes of a credit file (as of a date, no look-ahead).
//
// What it offers
//   * a registry of named, documented attributes: 66 for persons (tradelines, balances and
//     utilisation, delinquency in 6/12/24 months, inquiries and distinct lenders in 1/3/6/12
//     months, public records, collections, payments, thin-file flags) and 58 for companies
//     (DOMAIN.md 4.1 ratios with TTM flows, Altman Z'' and zone, PAYDEX-style index, judgments,
//     enforcement, tax arrears, penalties, guarantee leverage, credit accounts): attribute.h;
//   * the input stage: LoadCreditFile reads a subject from the store and keeps what the bureau
//     knew on the as-of date, then runs a pluggable suppression filter (load.h, input_filter.h);
//   * pure computations on a CreditFile (compute.h, person_attributes.h, company_attributes.h,
//     financials.h), printing (format.h) and the CSV export for modelling (export.h).
//
// Contract
//   * No value is NaN or infinite; missing is std::nullopt; every zero or negative denominator
//     follows the rule written in the attribute's definition (docs/features/).
//   * A record reported after the as-of date changes no attribute (credit_file.h lists what the
//     store lets us know and where its current rows limit that).
//   * Errors are Result values (store and filter errors, with the subject id as context).
//   * Thread safety: the registry is immutable; computations share no state. Store access
//     follows the store's rules (one Transaction per thread).
#pragma once

#include "features/attribute.h"
#include "features/company_attributes.h"
#include "features/compute.h"
#include "features/credit_file.h"
#include "features/export.h"
#include "features/financials.h"
#include "features/format.h"
#include "features/input_filter.h"
#include "features/load.h"
#include "features/person_attributes.h"
