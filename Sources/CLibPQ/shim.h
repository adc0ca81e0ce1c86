// libpq, loaded when a PostgreSQL source first connects rather than when reportgen starts.
//
// Linked the usual way, libpq and the libraries it needs (OpenSSL, Kerberos, LDAP, GnuTLS:
// some twenty) were loaded and bound at every start, a third of what `reportgen --version`
// took, and reportgen did not start at all on a machine without libpq. Here the header's
// declarations are renamed out of the way (nothing refers to libpq's symbols), and Swift calls
// the functions through the pointers clibpq_load finds with dlsym (PostgresPlugins' LibPQ).
// The build still needs the header (Debian's `libpq-dev`); running needs the library
// (`libpq5`) only to read from PostgreSQL.
#ifndef REPORTGEN_CLIBPQ_SHIM_H
#define REPORTGEN_CLIBPQ_SHIM_H

#include <dlfcn.h>
#include <stdio.h>
#include <stddef.h>

#define CLIBPQ_FUNCTIONS(F) \
    F(PQconnectdbParams) F(PQstatus) F(PQerrorMessage) F(PQsetClientEncoding) F(PQfinish) F(PQexec) F(PQclear) \
    F(PQresultStatus) F(PQsendQueryParams) F(PQsetSingleRowMode) F(PQgetResult) F(PQnfields) F(PQfname) F(PQftype) \
    F(PQgetCancel) F(PQcancel) F(PQfreeCancel) F(PQresultErrorField) F(PQconninfoParse) F(PQfreemem) \
    F(PQconninfoFree) F(PQgetisnull) F(PQgetlength) F(PQgetvalue)

// The header declares libpq's functions under these names, never called.
#define PQconnectdbParams clibpq_declared_PQconnectdbParams
#define PQstatus clibpq_declared_PQstatus
#define PQerrorMessage clibpq_declared_PQerrorMessage
#define PQsetClientEncoding clibpq_declared_PQsetClientEncoding
#define PQfinish clibpq_declared_PQfinish
#define PQexec clibpq_declared_PQexec
#define PQclear clibpq_declared_PQclear
#define PQresultStatus clibpq_declared_PQresultStatus
#define PQsendQueryParams clibpq_declared_PQsendQueryParams
#define PQsetSingleRowMode clibpq_declared_PQsetSingleRowMode
#define PQgetResult clibpq_declared_PQgetResult
#define PQnfields clibpq_declared_PQnfields
#define PQfname clibpq_declared_PQfname
#define PQftype clibpq_declared_PQftype
#define PQgetCancel clibpq_declared_PQgetCancel
#define PQcancel clibpq_declared_PQcancel
#define PQfreeCancel clibpq_declared_PQfreeCancel
#define PQresultErrorField clibpq_declared_PQresultErrorField
#define PQconninfoParse clibpq_declared_PQconninfoParse
#define PQfreemem clibpq_declared_PQfreemem
#define PQconninfoFree clibpq_declared_PQconninfoFree
#define PQgetisnull clibpq_declared_PQgetisnull
#define PQgetlength clibpq_declared_PQgetlength
#define PQgetvalue clibpq_declared_PQgetvalue
// Where Debian, most Linux systems and Homebrew (keg-only libpq) put the header.
#if __has_include(<libpq-fe.h>)
#include <libpq-fe.h>
#elif __has_include(<postgresql/libpq-fe.h>)
#include <postgresql/libpq-fe.h>
#elif __has_include("/opt/homebrew/opt/libpq/include/libpq-fe.h")
#include "/opt/homebrew/opt/libpq/include/libpq-fe.h"
#else
#include "/usr/local/opt/libpq/include/libpq-fe.h"
#endif
#undef PQconnectdbParams
#undef PQstatus
#undef PQerrorMessage
#undef PQsetClientEncoding
#undef PQfinish
#undef PQexec
#undef PQclear
#undef PQresultStatus
#undef PQsendQueryParams
#undef PQsetSingleRowMode
#undef PQgetResult
#undef PQnfields
#undef PQfname
#undef PQftype
#undef PQgetCancel
#undef PQcancel
#undef PQfreeCancel
#undef PQresultErrorField
#undef PQconninfoParse
#undef PQfreemem
#undef PQconninfoFree
#undef PQgetisnull
#undef PQgetlength
#undef PQgetvalue

// The functions found in the library, with the header's types.
#define CLIBPQ_POINTER(name) __typeof__(&clibpq_declared_##name) name;
typedef struct { CLIBPQ_FUNCTIONS(CLIBPQ_POINTER) } clibpq_functions;
#undef CLIBPQ_POINTER

/// Loads libpq and fills `functions`; returns 1, or 0 with why not in `error` (of `size` bytes).
static inline int clibpq_load(clibpq_functions *functions, char *error, size_t size) {
    // The runtime library's name first, then the development link's (present only where
    // libpq-dev is) and, on macOS, Homebrew's keg-only places; the first one's error is told.
#if defined(__APPLE__)
    static const char *const names[] = {"libpq.5.dylib", "libpq.dylib", "/opt/homebrew/opt/libpq/lib/libpq.5.dylib",
                                        "/usr/local/opt/libpq/lib/libpq.5.dylib"};
#else
    static const char *const names[] = {"libpq.so.5", "libpq.so"};
#endif
    void *library = NULL;
    for (size_t index = 0; index < sizeof names / sizeof names[0] && library == NULL; index++) {
        library = dlopen(names[index], RTLD_NOW | RTLD_LOCAL);
        const char *reason = dlerror();
        if (library == NULL && index == 0) snprintf(error, size, "%s", reason != NULL ? reason : names[0]);
    }
    if (library == NULL) return 0;
#define CLIBPQ_FIND(name) \
    if ((functions->name = (__typeof__(&clibpq_declared_##name))dlsym(library, #name)) == NULL) { \
        snprintf(error, size, "the libpq found has no function %s", #name); \
        dlclose(library); \
        return 0; \
    }
    CLIBPQ_FUNCTIONS(CLIBPQ_FIND)
#undef CLIBPQ_FIND
    return 1;
}

#endif
