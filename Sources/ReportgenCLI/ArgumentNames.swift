import ArgumentParser

// ReportKit names its plugin options `Option` and `OptionGroup` too, after these; in the
// commands they are swift-argument-parser's.
typealias Option = ArgumentParser.Option
typealias OptionGroup = ArgumentParser.OptionGroup
