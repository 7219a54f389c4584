#include "core/check_characters.h"

#include <array>

namespace credo {
namespace {

constexpr std::string_view kGb32100Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

int DigitValue(char c) { return c >= '0' && c <= '9' ? c - '0' : -1; }

}  // namespace

char Gb11643CheckCharacter(std::string_view first17) {
  // W_i = 2^(17 - i) mod 11 for positions i = 1..17 counted from the left (GB 11643-1999 7.2).
  static constexpr std::array<int, 17> kWeights = {7, 9, 10, 5,  8, 4, 2, 1, 6,
                                                   3, 7, 9,  10, 5, 8, 4, 2};
  if (first17.size() != kWeights.size()) return '\0';
  int sum = 0;
  for (size_t i = 0; i < kWeights.size(); ++i) {
    int digit = DigitValue(first17[i]);
    if (digit < 0) return '\0';
    sum += digit * kWeights[i];
  }
  int check = (12 - sum % 11) % 11;
  return check == 10 ? 'X' : static_cast<char>('0' + check);
}

char Gb11714CheckCharacter(std::string_view body8) {
  static constexpr std::array<int, 8> kWeights = {3, 7, 9, 10, 5, 8, 4, 2};
  if (body8.size() != kWeights.size()) return '\0';
  int sum = 0;
  for (size_t i = 0; i < kWeights.size(); ++i) {
    char c = body8[i];
    int value = DigitValue(c);
    if (value < 0 && c >= 'A' && c <= 'Z') value = c - 'A' + 10;
    if (value < 0) return '\0';
    sum += value * kWeights[i];
  }
  int check = 11 - sum % 11;
  if (check == 10) return 'X';
  if (check == 11) return '0';
  return static_cast<char>('0' + check);
}

int Gb32100CharacterValue(char c) {
  size_t position = kGb32100Alphabet.find(c);
  return position == std::string_view::npos ? -1 : static_cast<int>(position);
}

char Gb32100CheckCharacter(std::string_view first17) {
  if (first17.size() != 17) return '\0';
  int sum = 0;
  int weight = 1;  // 3^(i-1) mod 31
  for (char c : first17) {
    int value = Gb32100CharacterValue(c);
    if (value < 0) return '\0';
    sum += value * weight;
    weight = weight * 3 % 31;
  }
  return kGb32100Alphabet[(31 - sum % 31) % 31];
}

}  // namespace credo
