import ReportgenFuzzing

// libFuzzer calls this with each input; an input must end in a diagnostic or run through.
private let workspace = try! FuzzWorkspace()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    if case .unexpected(let error) = workspace.run(.recipe, bytes) { fatalError("an error without a place: \(error)") }
    return 0
}
