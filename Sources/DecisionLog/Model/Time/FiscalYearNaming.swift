/// How a team names its fiscal years: by the calendar year they start in, or the one they end in (FY27 =
/// April 2026–March 2027 for a team whose year starts in April and is named by its end).
public enum FiscalYearNaming: String, Sendable, CaseIterable {
    case start, end
}
