#include <sqlite3.h>

/// sqlite3_db_config takes variable arguments, which Swift cannot pass: one setting that takes
/// an int and reports nothing back.
static inline int csqlite_db_config_flag(sqlite3 *db, int option, int value) {
    return sqlite3_db_config(db, option, value, (int *)0);
}
