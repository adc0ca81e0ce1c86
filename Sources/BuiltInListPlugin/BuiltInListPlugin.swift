import Foundation
import PackagePlugin

/// Generates the list of built-in plugin modules of the target it is applied to: every module
/// it depends on whose folder is under `Plugins/`.
@main
struct BuiltInListPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) async throws -> [Command] {
        let modules = target.dependencies.compactMap { dependency -> String? in
            guard case .target(let module) = dependency,
                  module.directoryURL.deletingLastPathComponent().lastPathComponent == "Plugins" else { return nil }
            return module.name
        }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("GeneratedPluginModules.swift")
        return [.buildCommand(displayName: "Listing the built-in plugin modules",
                              executable: try context.tool(named: "BuiltInListGenerator").url,
                              arguments: [output.path] + modules,
                              outputFiles: [output])]
    }
}
