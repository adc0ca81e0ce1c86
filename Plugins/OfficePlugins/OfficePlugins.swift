import ReportKit

/// The formats offices hand in: a Word document and an Excel workbook, written natively as
/// Office Open XML packages (no office suite needed).
public enum OfficePlugins: PluginModule {
    public static let plugins: [any Plugin.Type] = [DOCXOutput.self, XLSXOutput.self]
}
