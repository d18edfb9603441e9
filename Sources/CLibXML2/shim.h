#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H
/* Debian's libxml2 is built with ICU; its <unicode/ucnv.h> clashes with Foundation's _FoundationICU
 * ('UErrorCode' has different definitions in different modules). Undefining the macro drops that include;
 * it only removes two trailing pointer fields of xmlCharEncodingHandler, which Swift never allocates. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlsave.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/xmlerror.h>

/* xmlFree is a global function-pointer variable, which Swift cannot call safely. */
static inline void cxml_free(void *p) { xmlFree(p); }
#endif
