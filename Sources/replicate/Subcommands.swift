import ArgumentParser

extension Replicate {
    /// Every subcommand, one file each.
    static let subcommandTypes: [ParsableCommand.Type] = [
        RunCommand.self, ListCommand.self, ShowCommand.self, ValidateCommand.self, PlanCommand.self, DataCommand.self,
        LossCommand.self, BenchCommand.self, TrialCommand.self, ReportCommand.self, HistoryCommand.self, CalibrateCommand.self,
        CollectCommand.self,
    ]
}
