// credo store internal: the one Store implementation, over a Connection of either dialect.
#pragma once

#include <memory>
#include <string>

#include "store/internal/store_context.h"
#include "store/store.h"

namespace credo::store_internal {

class SqlStore final : public Store {
 public:
  SqlStore(StoreOptions options, std::unique_ptr<StoreContext> context)
      : options_(std::move(options)), context_(std::move(context)) {}

  StoreBackend backend() const override {
    return context_->dialect() == Dialect::kSqlite ? StoreBackend::kSqlite : StoreBackend::kPostgres;
  }
  std::string DisplayLocation() const override { return context_->connection().DisplayLocation(); }
  Status WithTransaction(const std::function<Status(Transaction&)>& work) override;
  Status WithReadTransaction(const std::function<Status(Transaction&)>& work) override;
  Result<int> SchemaVersion(std::string_view component) override;
  Status ApplySchema(const SchemaComponent& component) override;
  Result<AuditChainReport> VerifyAuditChain() override;
  Result<std::vector<KeyUsage>> DescribeKeyUsage() override;
  Result<int64_t> ReencryptStep(int64_t max_rows) override;
  Status ReloadKeys() override { return context_->ReloadKeys(); }
  Result<TableCounts> Backup(const std::string& out) override;

  StoreContext& context() { return *context_; }
  const StoreOptions& options() const { return options_; }

  //! Checks (or, on a fresh database, records) that the key file belongs to this database.
  Status CheckKeysMatch();

 private:
  Status Run(bool write, const std::function<Status(Transaction&)>& work);
  StoreOptions options_;
  std::unique_ptr<StoreContext> context_;
};

}  // namespace credo::store_internal
