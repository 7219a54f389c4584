#include "core/check_characters.h"

#include <gtest/gtest.h>

#include <string>

namespace credo {
namespace {

TEST(Gb11643CheckCharacter, StandardExamples) {
  // GB 11643-1999's own examples: 11010519491231002X and 440524188001010014.
  EXPECT_EQ(Gb11643CheckCharacter("11010519491231002"), 'X');
  EXPECT_EQ(Gb11643CheckCharacter("44052418800101001"), '4');
}

TEST(Gb11643CheckCharacter, RejectsWrongLengthAndNonDigits) {
  EXPECT_EQ(Gb11643CheckCharacter("1101051949123100"), '\0');
  EXPECT_EQ(Gb11643CheckCharacter("110105194912310022"), '\0');
  EXPECT_EQ(Gb11643CheckCharacter("1101051949123100A"), '\0');
}

TEST(Gb11714CheckCharacter, OrganisationCodeOfTheGb32100Example) {
  // The organisation code inside GB 32100's worked example 91350100M000100Y43 is M000100Y4.
  EXPECT_EQ(Gb11714CheckCharacter("M000100Y"), '4');
  // Real organisation codes: Huawei Technologies 19220382-1, Tencent 70846113-6.
  EXPECT_EQ(Gb11714CheckCharacter("19220382"), '1');
  EXPECT_EQ(Gb11714CheckCharacter("70846113"), '6');
}

TEST(Gb11714CheckCharacter, MapsTenToXAndElevenToZero) {
  // Weights 3 7 9 10 5 8 4 2. Sum 0: 11 - 0 = 11, written '0'.
  EXPECT_EQ(Gb11714CheckCharacter("00000000"), '0');
  // Sum 2: 11 - 2 = 9.
  EXPECT_EQ(Gb11714CheckCharacter("00000001"), '9');
  // Sum 4 * 3 = 12, 12 mod 11 = 1: 11 - 1 = 10, written 'X'.
  EXPECT_EQ(Gb11714CheckCharacter("40000000"), 'X');
  EXPECT_EQ(Gb11714CheckCharacter("0000000a"), '\0');
}

TEST(Gb32100CheckCharacter, StandardWorkedExample) {
  // GB 32100-2015's worked example: the sum is 1640, 1640 mod 31 = 28, check 31 - 28 = 3.
  EXPECT_EQ(Gb32100CheckCharacter("91350100M000100Y4"), '3');
}

TEST(Gb32100CheckCharacter, RealCodes) {
  EXPECT_EQ(Gb32100CheckCharacter("91440300192203821"), '6');  // Huawei Technologies Co., Ltd.
  EXPECT_EQ(Gb32100CheckCharacter("91440300708461136"), 'T');  // Shenzhen Tencent Computer Systems
}

TEST(Gb32100CheckCharacter, AlphabetExcludesIOSVZ) {
  for (char c : std::string("IOSVZ")) {
    EXPECT_EQ(Gb32100CharacterValue(c), -1) << c;
  }
  EXPECT_EQ(Gb32100CharacterValue('0'), 0);
  EXPECT_EQ(Gb32100CharacterValue('A'), 10);
  EXPECT_EQ(Gb32100CharacterValue('Y'), 30);
  EXPECT_EQ(Gb32100CheckCharacter("91350100M000100O4"), '\0');
}

}  // namespace
}  // namespace credo
