#ifndef REFLECT_CLIBXML2_SHIM_H
#define REFLECT_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>

// Debian's libxml2 is built with ICU, and <libxml/encoding.h> then includes the
// system's <unicode/ucnv.h>, whose types clash with the ICU that Foundation bundles.
// Reflect never touches libxml2's converters (they sit behind pointers, at the end of
// xmlCharEncodingHandler), so the ICU parts of the headers are left out.
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/HTMLparser.h>

#endif
