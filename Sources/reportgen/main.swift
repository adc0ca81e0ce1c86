import ReportgenCLI

ReportgenCommand.main()
