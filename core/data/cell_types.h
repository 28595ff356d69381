#pragma once
// Recognisers for the text of one cell, shared by sniffing and schema inference.

#include <string_view>

namespace ft::data {

bool isInteger(std::string_view s);
bool isNumber(std::string_view s);   // integer or decimal / exponent form; not "nan" / "inf"
bool isBoolean(std::string_view s);  // true/false/yes/no, any case
std::string_view trimmed(std::string_view s);

}  // namespace ft::data
