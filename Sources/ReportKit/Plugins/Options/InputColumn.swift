/// An option that names a column of an input table (or several: a list):
///
///     @Option(doc: "the table") var input: TableReference
///     @InputColumn(holding: .number, doc: "the column to share out") var value: ColumnName
///     @InputColumn(of: \Options.input, \Options.with, doc: "columns both share") var on: [ColumnName]?
///
/// The core checks every name against the columns of the tables it names (by default the
/// first table reference the options declare) before the extractor runs, during `validate`
/// too: an unknown name is an error at the name with a did-you-mean, a column of the wrong
/// type (`holding:`) an error that names the cell that made it text. The schema shows the
/// option as a string.
@propertyWrapper
public struct InputColumn<Value: ColumnNames>: Sendable, Decodable {
    private var option: Option<Value>
    /// The options holding the tables whose columns these are; none: the first table reference.
    let tables: [any AnyKeyPath & Sendable]
    let need: ColumnNeed?

    public init(wrappedValue: Value, of tables: (any AnyKeyPath & Sendable)..., holding need: ColumnNeed? = nil, doc: String, example: String? = nil) {
        option = Option(wrappedValue: wrappedValue, doc: doc, example: example)
        self.tables = tables
        self.need = need
    }

    public init(of tables: (any AnyKeyPath & Sendable)..., holding need: ColumnNeed? = nil, doc: String, example: String? = nil) {
        option = Option(doc: doc, example: example)
        self.tables = tables
        self.need = need
    }

    public var wrappedValue: Value { option.wrappedValue }
    public var projectedValue: OptionSite { option.projectedValue }

    public init(from decoder: any Decoder) throws {
        let field = try OptionField.of(decoder)
        guard let declared = field.declaration as? Self else { throw OptionField.misuse(decoder) }
        option = try Option(from: field.redeclared(declared.option))
        tables = declared.tables
        need = declared.need
    }
}

extension InputColumn: OptionDeclaration {
    func specs(key: String) -> [OptionSpec] { option.specs(key: key) }
    var writtenSites: [OptionSite] { option.writtenSites }
}

extension InputColumn: InputColumnOption {
    var names: [ColumnName] { wrappedValue.columnNames }
}

/// What an ``InputColumn`` may hold: one name, a list, or either left out.
public protocol ColumnNames: OptionValue {
    var columnNames: [ColumnName] { get }
}

extension ColumnName: ColumnNames {
    public var columnNames: [ColumnName] { [self] }
}

extension Array: ColumnNames where Element == ColumnName {
    public var columnNames: [ColumnName] { self }
}

extension Optional: ColumnNames where Wrapped: ColumnNames {
    public var columnNames: [ColumnName] { self?.columnNames ?? [] }
}

/// The name of a column of an input table, with where the recipe writes it.
public struct ColumnName: OptionValue, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var name: String
    /// Where the recipe writes it; for a default, where the option would be.
    public var location: SourceLocation?

    public init(_ name: String, at location: SourceLocation? = nil) {
        self.name = name
        self.location = location
    }

    public init(stringLiteral name: String) { self.init(name) }

    public static var optionType: OptionType { .column }

    public init(option node: YAMLNode, at site: OptionSite) throws {
        self.init(node.scalarText ?? "", at: node.location)
    }

    public var documentedDefault: OptionDefault? { .string(name) }
    public func placed(at site: OptionSite) -> ColumnName { ColumnName(name, at: site.location) }
    public var description: String { name }

    /// The column's index in `table`, or the error every plugin gives for an unknown column.
    /// The core has checked the names of ``InputColumn`` options before the plugin runs.
    public func index(in table: Table, named id: String? = nil) throws -> Int {
        guard let index = table.columnIndex(named: name) else {
            throw PluginProblem.unknownColumn(name, in: table.columnNames, of: id.map { "the table '\($0)'" }, at: location)
        }
        return index
    }
}

/// The type an ``InputColumn`` must have.
public struct ColumnNeed: Sendable {
    public var types: Set<ColumnType>
    /// "a number", as messages say it.
    public var phrase: String

    public init(_ types: Set<ColumnType>, phrase: String) {
        self.types = types
        self.phrase = phrase
    }

    /// An integer or decimal column.
    public static let number = ColumnNeed([.int, .decimal], phrase: "a number")
    /// A text column.
    public static let text = ColumnNeed([.string], phrase: "text")
    /// A date or date-time column.
    public static let date = ColumnNeed([.date, .datetime], phrase: "a date")
}

protocol InputColumnOption {
    var names: [ColumnName] { get }
    var tables: [any AnyKeyPath & Sendable] { get }
    var need: ColumnNeed? { get }
}

/// The columns an extractor's options name, with the tables they must be columns of: what the
/// core checks before the extractor runs.
public struct ColumnUse: Sendable {
    public var key: String
    public var names: [ColumnName]
    public var tables: [TableReference]
    public var need: ColumnNeed?

    /// Every name unknown in one of the tables, or of the wrong type there; tables not among
    /// `inputs` are not checked.
    public func problems(in inputs: [String: Table]) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for reference in tables {
            guard let table = inputs[reference.id] else { continue }
            for name in names {
                guard let index = table.columnIndex(named: name.name) else {
                    problems.append(PluginProblem.unknownColumn(name.name, in: table.columnNames,
                                                                of: tables.count > 1 ? "the table '\(reference.id)'" : nil,
                                                                at: name.location))
                    continue
                }
                if let need, !need.types.contains(table.columns[index].type) {
                    problems.append(PluginProblem.wrongType(of: table.columns[index], for: "'\(key)'", needs: need.phrase,
                                                            at: name.location))
                }
            }
        }
        return problems
    }
}

extension Array where Element == ColumnUse {
    /// Throws every problem of the uses against `inputs`.
    public func check(_ inputs: [String: Table]) throws {
        try Diagnostics(flatMap { $0.problems(in: inputs) }).throwIfAnyAsFound()
    }
}
