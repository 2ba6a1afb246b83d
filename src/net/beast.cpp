// Beast's own compiled parts (its parser tables, error categories, …), built once here:
// BOOST_BEAST_SEPARATE_COMPILATION keeps every other file that includes Beast from compiling
// them again, which on a small machine is most of the cost of including Beast.
#include <boost/beast/src.hpp>
