import Foundation

/// A validated recipe: every key checked, every plugin configured, every reference known.
/// Made by ``RecipeLoader``; run by ``Runner`` in the order of its ``Plan``.
public struct Recipe: Sendable {
    public var file: URL
    /// The recipe's path as the user wrote it, for messages.
    public var displayPath: String
    public var title: String
    public var subtitle: String?
    public var locale: ReportLocale
    public var period: PeriodSpec?
    public var params: [Param]
    public var sources: [Configured<any Source>]
    public var extractors: [Configured<any Extractor>]
    /// The `layout` blocks, checked against ``LayoutBlocks``; documents render them.
    public var layout: [YAMLNode]
    public var outputs: [ConfiguredOutput]
    /// Every template of the recipe (title, subtitle, layout texts), whose names are checked
    /// against the tables once they are computed.
    public var templates: [YAMLNode] = []
    /// What loading found suspicious but not wrong; a run reports them with its own.
    public var warnings: [Diagnostic] = []

    public var directory: URL { file.deletingLastPathComponent() }
}

/// A named value of the recipe's `params`, after `--set`.
public struct Param: Sendable {
    public var name: String
    public var value: Value
    public var location: SourceLocation
}

/// A table id named by a plugin option or a layout block, with where it was written.
public struct TableReference: Sendable, Hashable {
    public var id: String
    public var location: SourceLocation
}

/// A source or extractor as the recipe configured it.
public struct Configured<Plugin: Sendable>: Sendable {
    public var id: String
    public var type: String
    /// Where its id is written.
    public var location: SourceLocation
    public var plugin: Plugin
    /// Tables it reads, in the order its options name them.
    public var references: [TableReference]
    /// A source's `dated_by`, when written.
    public var datedBy: SourceDating?
    /// An extractor's `span`, when written.
    public var span: SpanSetting?
    /// The input columns an extractor's options name, checked before it runs.
    public var columnUses: [ColumnUse] = []
    /// The configuration as the recipe writes it, for the lineage of what it makes.
    public var node: YAMLNode? = nil
}

extension Configured where Plugin == any Extractor {
    /// The extractor's table from `inputs`, once the columns its options name are checked
    /// against them: the errors of every option at once, worded alike for every extractor.
    public func extract(inputs: [String: Table], context: RunContext) throws -> Table {
        try columnUses.check(inputs)
        return try plugin.extract(inputs: inputs, context: context)
    }
}

/// A source's `dated_by`: the column that places each row in time (so that extractors read the
/// report's period's rows), or `none` for rows that hold for any period.
public struct SourceDating: Sendable {
    /// `nil` for `dated_by: none`.
    public var column: String?
    public var location: SourceLocation
}

/// An extractor's `span`: which rows of the dated sources it reads.
public struct SpanSetting: Sendable {
    public var span: RowSpan
    public var location: SourceLocation
}

/// An output as the recipe configured it.
public struct ConfiguredOutput: Sendable {
    public var type: String
    public var path: String
    public var pathLocation: SourceLocation
    public var location: SourceLocation
    public var plugin: any Output
    public var references: [TableReference]
}
