import DecisionLog
import DecisionLogCLI

ProcessFacts.exit(CommandLineTool.main())
