#include <sqlite3.h>

/// sqlite3_db_config takes variable arguments, which Swift cannot pass: one setting that takes
/// an int and reports nothing back.
static inline int csqlite_db_config_flag(sqlite3 *db, int option, int value) {
    return sqlite3_db_config(db, option, value, (int *)0);
}

/// sqlite3_config for the one process-wide setting reportgen makes, for the same reason: no
/// count of the memory SQLite holds. The count takes a global mutex on every allocation,
/// which loading a table row by row makes by the million. Returns SQLITE_MISUSE, harmlessly,
/// once SQLite has started.
static inline int csqlite_config_no_memory_status(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
