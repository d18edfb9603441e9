#ifndef CDNNL_SHIM_H
#define CDNNL_SHIM_H
/* Debian's libdnnl-dev 2.x: C API, no pkg-config file; the library runs its threads on GNU OpenMP. */
#include <oneapi/dnnl/dnnl.h>
#include <dlfcn.h>

/* The argument indices as constants: several are macros defined as other macros, which Swift does not import. */
static const int CDNNL_ARG_SRC = DNNL_ARG_SRC;
static const int CDNNL_ARG_DST = DNNL_ARG_DST;
static const int CDNNL_ARG_WEIGHTS = DNNL_ARG_WEIGHTS;
static const int CDNNL_ARG_DIFF_SRC = DNNL_ARG_DIFF_SRC;
static const int CDNNL_ARG_DIFF_DST = DNNL_ARG_DIFF_DST;
static const int CDNNL_ARG_DIFF_WEIGHTS = DNNL_ARG_DIFF_WEIGHTS;
static const int CDNNL_ARG_FROM = DNNL_ARG_FROM;
static const int CDNNL_ARG_TO = DNNL_ARG_TO;

/* oneDNN sizes its OpenMP regions by omp_get_max_threads() of the calling thread. libgomp is loaded with libdnnl
   (its dependency), but its .so link name lives in GCC's private directory, so it is looked up rather than linked.
   Sets the calling thread's OpenMP thread count; returns 0 when no OpenMP runtime is loaded. */
static inline int cdnnl_set_omp_threads(int n) {
    typedef void (*setter_t)(int);
    static setter_t setter = 0;
    if (!setter) setter = (setter_t)dlsym(RTLD_DEFAULT, "omp_set_num_threads");
    if (!setter) return 0;
    setter(n);
    return 1;
}
#endif
