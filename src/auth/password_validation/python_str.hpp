#pragma once
// The few Python str operations Django's validators rely on, over Unicode code points:
// len(), lower(), strip(), isdigit(), the \W class of re, and difflib's quick_ratio().
#include <string>
#include <string_view>

namespace gatehouse::auth::python_str {

// UTF-8 to code points. Invalid bytes become U+DC80..U+DCFF, one per byte, as Python's
// surrogateescape does, so every input has a well-defined length.
std::u32string decode(std::string_view utf8);
std::string encode(std::u32string_view text);

// str.lower() for ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic capitals, which
// covers the names and passwords we see. Python's full Unicode tables differ for rarer
// scripts and for special cases (e.g. 'İ' lowers to two code points there); those are
// left unchanged here.
std::u32string lower(std::u32string_view text);

// str.strip() with no argument: Python's Unicode whitespace set.
std::u32string_view strip(std::u32string_view text);
bool is_whitespace(char32_t c);

// str.isdigit() for ASCII digits only: Python also accepts other scripts' digits and
// superscripts ('²', '٣'), which are rare in passwords; such a password is then simply
// not reported as entirely numeric.
bool is_all_digits(std::u32string_view text);

// re's \w for str patterns: letters, digits and '_'. Non-ASCII code points count as
// letters except the common punctuation, symbol, space and combining-mark blocks: exact
// for ASCII and Latin-1, approximate in other scripts (Python consults its Unicode
// category tables, which would need a large table here).
bool is_word_char(char32_t c);

// difflib.SequenceMatcher(a=a, b=b).quick_ratio(): 2 * |a ∩ b| / (|a| + |b|), with the
// intersection taken as multisets; 1.0 for two empty strings.
double quick_ratio(std::u32string_view a, std::u32string_view b);

}  // namespace gatehouse::auth::python_str
