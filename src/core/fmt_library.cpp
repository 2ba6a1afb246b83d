// fmt's compiled part, built once, here.
//
// Debian ships libfmt only as a shared library, and the tool links no shared library it can
// avoid: each one adds mappings that every fork copies (CMakeLists.txt). With FMT_HEADER_ONLY
// every translation unit that formats anything compiled fmt's whole implementation again, which
// was half of a small file's build and most of it under the sanitizers. So every unit uses the
// headers in their library mode, and this one unit supplies what the library would: the
// functions format-inl.h defines, and the templates format.h declares but leaves to the library.
#include <fmt/format-inl.h>

#include <locale>

FMT_BEGIN_NAMESPACE
namespace detail {

template auto dragonbox::to_decimal(float x) noexcept -> dragonbox::decimal_fp<float>;
template auto dragonbox::to_decimal(double x) noexcept -> dragonbox::decimal_fp<double>;
template locale_ref::locale_ref(const std::locale& loc);
template auto locale_ref::get<std::locale>() const -> std::locale;
template auto thousands_sep_impl<char>(locale_ref) -> thousands_sep_result<char>;
template auto decimal_point_impl<char>(locale_ref) -> char;

}  // namespace detail
FMT_END_NAMESPACE
