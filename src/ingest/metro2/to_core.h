// credo ingest/metro2: a Metro 2 data record in the bureau's own terms (core/tradeline.h,
// core/subject.h), for the ingestion pipeline.
//
// The base segment becomes a Tradeline (identity = furnisher identification number + consumer
// account number, amounts in minor units of `currency`, dates as credo::Date, the 24-month
// payment history as core PaymentHistory whose as_of is the month before the date of account
// information) and the base consumer a Person (name, SSN identifier when valid, date of birth,
// address, phone in E.164, employment from N1). J1/J2 consumers become associated persons with
// their ECOA codes. Fails (kInvalidArgument, naming the field) when a value the tradeline needs
// cannot be converted (a date that is not real, an unknown payment history code); run the
// validator first to get every problem at once.
#pragma once

#include <string>
#include <vector>

#include "core/money.h"
#include "core/result.h"
#include "core/subject.h"
#include "core/tradeline.h"
#include "ingest/metro2/record.h"

namespace credo::metro2 {

struct AssociatedConsumer {
  Person person;
  char ecoa_code = ' ';
  SegmentKind segment = SegmentKind::kJ1;  //!< J1 (same address) or J2 (own address)
};

struct CoreRecord {
  Tradeline tradeline;
  Person consumer;
  std::vector<AssociatedConsumer> associated;
  std::string original_creditor;  //!< K1, for collection accounts
  std::string new_account_number;  //!< L1, when the account number changes
};

Result<CoreRecord> ToCore(const DataRecord& record, Currency currency = Currency::Usd());

//! A Payment History Profile's codes as core payment statuses read them: a blank inside the
//! profile is a month with no data ('D'), 'Z' (too new to rate) a month before the account ('B');
//! trailing blanks (months not reported) are left off. Most recent month first, as given.
std::string ProfileCodes(std::string_view profile);

//! Account kind from portfolio type and account type (collections: 48, 0C, 77).
AccountKind AccountKindFor(char portfolio_type, std::string_view account_type);

}  // namespace credo::metro2
