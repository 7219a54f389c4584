// docs/features/person.md and company.md are the registry printed as Markdown: this test keeps
// them in sync (regenerate with `credo attributes list --markdown [--kind company]`).
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "features/format.h"

namespace credo::features {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

TEST(DocsTest, PersonAttributeDocsMatchTheRegistry) {
  EXPECT_EQ(ReadFile(CREDO_SOURCE_DIR "/docs/features/person.md"),
            DefinitionsToMarkdown(SubjectKind::kPerson))
      << "run: credo attributes list --markdown > docs/features/person.md";
}

TEST(DocsTest, CompanyAttributeDocsMatchTheRegistry) {
  EXPECT_EQ(ReadFile(CREDO_SOURCE_DIR "/docs/features/company.md"),
            DefinitionsToMarkdown(SubjectKind::kOrganization))
      << "run: credo attributes list --markdown --kind company > docs/features/company.md";
}

}  // namespace
}  // namespace credo::features
