/// What kind of meeting a sync was.
public enum SyncKind: String, PayloadChoice {
    case weekly, alignment, planning, review, adhoc
}
