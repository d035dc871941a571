#ifndef REFLECT_CLIBXML2_SHIM_H
#define REFLECT_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/HTMLparser.h>

#endif
