import ArgumentParser

extension Replicate {
    /// Every subcommand, one file each.
    static let subcommandTypes: [ParsableCommand.Type] = [
        ListCommand.self, ShowCommand.self, ValidateCommand.self, PlanCommand.self, DataCommand.self, LossCommand.self,
        BenchCommand.self, TrialCommand.self, CollectCommand.self,
    ]
}
