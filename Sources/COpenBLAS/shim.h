#ifndef COPENBLAS_SHIM_H
#define COPENBLAS_SHIM_H
/* Debian: -I/usr/include/x86_64-linux-gnu/openblas-pthread/ via pkg-config openblas */
#include <cblas.h>
#endif
