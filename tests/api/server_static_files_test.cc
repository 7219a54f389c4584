#include "api/server/static_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

namespace credo::api {
namespace {

namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/credo_static_XXXXXX";
    dir_ = mkdtemp(pattern);
    fs::create_directories(dir_ / "dist" / "assets");
    Write(dir_ / "dist" / "index.html", "<html>console</html>");
    Write(dir_ / "dist" / "assets" / "app.js", "console.log(1)");
    Write(dir_ / "secret.txt", "outside");
    fs::create_symlink(dir_ / "secret.txt", dir_ / "dist" / "link.txt");
  }
  void TearDown() override { fs::remove_all(dir_); }
  static void Write(const fs::path& path, const std::string& text) {
    std::ofstream(path) << text;
  }
  fs::path dir_;
};

TEST_F(StaticFilesTest, ServesFilesWithTheirMediaType) {
  StaticFiles files(dir_ / "dist");
  auto js = files.Serve("/assets/app.js");
  ASSERT_TRUE(js.has_value());
  EXPECT_EQ(js->body, "console.log(1)");
  EXPECT_EQ(js->content_type, "application/javascript; charset=utf-8");
  auto root = files.Serve("/");
  ASSERT_TRUE(root.has_value());
  EXPECT_EQ(root->body, "<html>console</html>");
}

TEST_F(StaticFilesTest, UnknownConsolePathsGetIndexButApiPathsDoNot) {
  StaticFiles files(dir_ / "dist");
  auto page = files.Serve("/reports/42");
  ASSERT_TRUE(page.has_value());
  EXPECT_EQ(page->body, "<html>console</html>");
  EXPECT_FALSE(files.Serve("/v1/nothing").has_value());
}

TEST_F(StaticFilesTest, TraversalIsRefused) {
  StaticFiles files(dir_ / "dist");
  EXPECT_FALSE(files.Serve("/../secret.txt").has_value());
  EXPECT_FALSE(files.Serve("/assets/../../secret.txt").has_value());
  EXPECT_FALSE(files.Serve("/..%2fsecret.txt/..").has_value());
  EXPECT_FALSE(files.Serve("/assets\\..\\..\\secret.txt").has_value());
  EXPECT_FALSE(files.Serve(std::string("/a\0b", 4)).has_value());
  // A symbolic link that leaves the folder is not followed out of it.
  auto link = files.Serve("/link.txt");
  EXPECT_FALSE(link.has_value() && link->body == "outside");
  EXPECT_FALSE(StaticFiles::IsSafePath("/./x"));
  EXPECT_TRUE(StaticFiles::IsSafePath("/assets/app.js"));
}

}  // namespace
}  // namespace credo::api
