// credo core: the check characters of the Chinese national identifier standards.
//
// Pure functions over ASCII text; no allocation, thread-safe. Each takes the characters before
// the check character and returns the check character the standard prescribes, or '\0' when the
// input has the wrong length or a character outside the standard's alphabet. The validators in
// identifier.h use these; so does the data generator, which must produce valid identifiers.
#pragma once

#include <string_view>

namespace credo {

//! GB 11643-1999 (ISO 7064 MOD 11-2) over the first 17 digits of a resident identity number:
//! weights 2^(17-i) mod 11, check = (12 - sum mod 11) mod 11, with 10 written 'X'.
char Gb11643CheckCharacter(std::string_view first17);

//! GB 11714-1997 over the 8-character body of an organisation code (digits and A-Z, A = 10):
//! weights 3 7 9 10 5 8 4 2, check = 11 - sum mod 11, with 10 written 'X' and 11 written '0'.
char Gb11714CheckCharacter(std::string_view body8);

//! GB 32100-2015 over the first 17 characters of a unified social credit code. The alphabet is
//! 0-9 A-H J-N P-R T-U W-Y (31 characters, values 0-30; no I O S V Z); weights 3^(i-1) mod 31;
//! check = (31 - sum mod 31) mod 31, written in the same alphabet.
char Gb32100CheckCharacter(std::string_view first17);

//! The value of a character in the GB 32100 alphabet (0-30), or -1 when it is not in it.
int Gb32100CharacterValue(char c);

}  // namespace credo
