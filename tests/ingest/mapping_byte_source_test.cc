#include "ingest/mapping/byte_source.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdio>
#include <fstream>
#include <string>

namespace credo::ingest {
namespace {

std::string ReadAll(ByteSource& source) {
  std::string out;
  char buffer[7];
  while (true) {
    auto n = source.Read(buffer, sizeof buffer);
    EXPECT_TRUE(n.ok());
    if (!n.ok() || n.value() == 0) break;
    out.append(buffer, n.value());
  }
  return out;
}

TEST(ByteSourceTest, MemoryAndPlainFile) {
  auto memory = MemoryByteSource("hello, world");
  EXPECT_EQ(ReadAll(*memory), "hello, world");
  std::string path = ::testing::TempDir() + "byte_source_plain.csv";
  std::ofstream(path) << "a,b\n1,2\n";
  auto file = OpenByteSource(path);
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(ReadAll(**file), "a,b\n1,2\n");
}

TEST(ByteSourceTest, GzipByExtension) {
  std::string path = ::testing::TempDir() + "byte_source.csv.gz";
  gzFile gz = gzopen(path.c_str(), "wb");
  ASSERT_NE(gz, nullptr);
  gzputs(gz, "x,y\n3,4\n");
  gzclose(gz);
  auto file = OpenByteSource(path);
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(ReadAll(**file), "x,y\n3,4\n");
}

TEST(ByteSourceTest, MissingFileIsNotFound) {
  auto file = OpenByteSource("/nonexistent/credo/file.csv");
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.error().code, ErrorCode::kNotFound);
  EXPECT_NE(file.error().location.find("/nonexistent/credo/file.csv"), std::string::npos);
}

}  // namespace
}  // namespace credo::ingest
