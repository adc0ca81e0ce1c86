import ReportgenFuzzing

// libFuzzer calls `fuzz` with each input; an input must end in a diagnostic or run through.
nonisolated(unsafe) private let workspace = try! FuzzWorkspace()

func fuzz(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    if case .unexpected(let error) = workspace.run(.sqlite, bytes) { fatalError("an error without a place: \(error)") }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
               _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// The executable's entry (SwiftPM names it `<module>_main`): libFuzzer's driver.
@_cdecl("FuzzSQLite_main")
func start(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc, arguments = argv
    return runDriver(&count, &arguments) { fuzz($0, $1) }
}
