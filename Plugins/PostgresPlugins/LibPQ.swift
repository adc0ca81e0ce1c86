import CLibPQ

/// libpq's functions, loaded when the first PostgreSQL source connects rather than when
/// reportgen starts (see CLibPQ's shim.h): a machine without libpq runs every other recipe.
enum LibPQ {
    /// The functions, or why libpq cannot be loaded; loaded once, by the first caller.
    private static let loaded: Result<clibpq_functions, PostgresConnection.Failure> = {
        var functions = clibpq_functions()
        var error = [CChar](repeating: 0, count: 512)
        guard clibpq_load(&functions, &error, error.count) == 1 else {
            let reason = error.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            return .failure(PostgresConnection.Failure(message: "PostgreSQL's client library, libpq, cannot be loaded "
                                                       + "(on Debian and Ubuntu: apt-get install libpq5): \(reason)"))
        }
        return .success(functions)
    }()

    /// The functions; throws when libpq cannot be loaded.
    static func functions() throws -> clibpq_functions {
        try loaded.get()
    }
}
